import { describe, expect, it } from "vitest";
import {
  ITEMS_IN_FLIGHT,
  REQUESTS_AT_START,
  REQUESTS_IN_FLIGHT,
  WriteWindow,
} from "../src/engine/concurrency.js";

describe("WriteWindow", () => {
  it("keeps the run's own concurrency when it sets one, holding as many batches as it says", () => {
    const w = new WriteWindow(100, 3);
    w.done(100, 0, 100);
    w.done(100, 50, 10_000);
    expect([w.limit, w.max, w.maxItems]).toEqual([3, 3, 300]);
  });

  it("starts at 16 requests and halves when calls queue (time per request doubles) or items fail", () => {
    const w = new WriteWindow(10);
    expect([w.limit, w.max]).toEqual([REQUESTS_AT_START, REQUESTS_IN_FLIGHT]);
    w.done(10, 0, 200);
    w.done(10, 0, 500);
    expect(w.limit).toBe(REQUESTS_AT_START / 2);
    w.done(10, 3, 200);
    expect(w.limit).toBe(REQUESTS_AT_START / 4);
    // Never below 4 requests in flight, however often it halves.
    for (let i = 0; i < 5; i++) w.done(10, 3, 200);
    expect([w.limit, w.min]).toEqual([4, 4]);
  });

  it("grows back one request per batch while the vendor keeps up, up to what answers' time makes useful", () => {
    const fast = new WriteWindow(10);
    fast.done(10, 1, 200);
    expect(fast.limit).toBe(8);
    fast.done(10, 0, 250);
    expect(fast.limit).toBe(9);
    fast.done(10, 0, 350);
    expect(fast.limit).toBe(9);
    // 20 ms per request: 16 requests already reach the rate one process writes at.
    for (let i = 0; i < 60; i++) fast.done(10, 0, 200);
    expect([fast.cap, fast.limit]).toEqual([16, 16]);
    // 100 ms per request: more requests in flight are worth it, up to the bound.
    const slow = new WriteWindow(10);
    for (let i = 0; i < 60; i++) slow.done(10, 0, 1000);
    expect([slow.cap, slow.limit]).toEqual([REQUESTS_IN_FLIGHT, REQUESTS_IN_FLIGHT]);
  });

  it("has room while requests are under its limit and items under the memory bound", () => {
    const w = new WriteWindow(10, 8);
    expect(w.room(7, 70)).toBe(true);
    expect(w.room(8, 10)).toBe(false);
    expect(w.room(1, 80)).toBe(false);
    const adaptive = new WriteWindow(10);
    expect(adaptive.maxItems).toBe(ITEMS_IN_FLIGHT);
    expect(adaptive.room(1, ITEMS_IN_FLIGHT - 1)).toBe(true);
    expect(adaptive.room(1, ITEMS_IN_FLIGHT)).toBe(false);
    // Batches of 100 (a target's own size): two of them may be written at once.
    expect(new WriteWindow(100).maxItems).toBe(200);
  });
});
