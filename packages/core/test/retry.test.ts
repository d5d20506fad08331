import { describe, expect, it } from "vitest";
import { mayRetry, retryDelay, retrySchedule } from "../src/http/retry.js";

const schedule = retrySchedule({ baseDelayMs: 100, maxDelayMs: 1_000 });

describe("the retry schedule", () => {
  it("fills in the defaults: 4 retries, 250 ms first backoff, 60 s longest wait", () => {
    expect(retrySchedule(undefined)).toEqual({ retries: 4, baseDelayMs: 250, maxDelayMs: 60_000 });
    expect(retrySchedule({ retries: 0 }).retries).toBe(0);
  });

  it("backs off exponentially with full jitter, capped at the longest wait", () => {
    const top = () => 0.999_999;
    expect(retryDelay(0, null, schedule, top)).toBeCloseTo(100, 2);
    expect(retryDelay(2, null, schedule, top)).toBeCloseTo(400, 2);
    expect(retryDelay(5, null, schedule, top)).toBe(1_000);
    expect(retryDelay(3, null, schedule, () => 0)).toBe(0);
  });

  it("waits what Retry-After says plus at most 50 ms, whatever the attempt, capped too", () => {
    expect(retryDelay(3, 200, schedule, () => 0)).toBe(200);
    expect(retryDelay(0, 200, schedule, () => 0.5)).toBe(225);
    expect(retryDelay(0, 5_000, schedule, () => 0)).toBe(1_000);
  });

  it("retries a retryable failure until the budget is spent, never a final one", () => {
    const two = retrySchedule({ retries: 2 });
    expect([0, 1, 2].map((attempt) => mayRetry(true, attempt, two))).toEqual([true, true, false]);
    expect(mayRetry(false, 0, two)).toBe(false);
  });
});
