import { describe, expect, it } from "vitest";
import { BatchWindow, batchesInFlight, ITEMS_IN_FLIGHT } from "../src/engine/concurrency.js";

describe("BatchWindow", () => {
  it("keeps the run's own concurrency when it sets one", () => {
    const w = new BatchWindow(100, 3);
    w.done(100, 0, 100);
    w.done(100, 0, 100);
    expect([w.limit, w.max]).toEqual([3, 3]);
  });

  it("starts at the memory bound and halves when calls queue (time per item doubles) or items fail", () => {
    const w = new BatchWindow(10);
    expect([w.limit, w.max]).toEqual([ITEMS_IN_FLIGHT / 10, ITEMS_IN_FLIGHT / 10]);
    w.done(10, 0, 200);
    w.done(10, 0, 500);
    expect(w.limit).toBe(8);
    w.done(10, 3, 200);
    expect(w.limit).toBe(4);
    // Never below 40 items in flight (4 batches of 10), however often it halves.
    w.done(10, 3, 200);
    expect(w.limit).toBe(4);
    expect(w.min).toBe(4);
    const big = new BatchWindow(100);
    big.done(100, 5, 2000);
    expect([big.limit, big.min, big.max]).toEqual([2, 2, 2]);
  });

  it("grows back one batch at a time while the vendor keeps up, never beyond the bound", () => {
    const w = new BatchWindow(10);
    w.done(10, 0, 200);
    w.done(10, 1, 200);
    expect(w.limit).toBe(8);
    w.done(10, 0, 250);
    expect(w.limit).toBe(9);
    w.done(10, 0, 350);
    expect(w.limit).toBe(9);
    for (let i = 0; i < 20; i++) w.done(10, 0, 200);
    expect(w.limit).toBe(w.max);
  });

  it("bounds items in flight: small batches overlap more, never beyond 32", () => {
    expect(batchesInFlight(10)).toBe(16);
    expect(batchesInFlight(5)).toBe(32);
    expect(batchesInFlight(100)).toBe(2);
    expect(batchesInFlight(100, 5)).toBe(5);
  });
});
