import { describe, expect, it } from "vitest";
import { longestFunctions } from "../../../scripts/longest-functions.mjs";

// Issue 20's bar for core: a reader takes any function in at once. CONTRIBUTING quotes the figure.
const LIMIT = 100;

describe("core's functions", () => {
  it(`are none over ${LIMIT} lines (node scripts/longest-functions.mjs lists the longest)`, {
    timeout: 30_000,
  }, () => {
    const found = longestFunctions("packages/core/src");
    expect(found.length).toBeGreaterThan(100);
    expect(found.filter((f) => f.lines > LIMIT)).toEqual([]);
  });
});
