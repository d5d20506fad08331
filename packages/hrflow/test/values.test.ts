import { describe, expect, it } from "vitest";
import { tag, tagValue, toNumber } from "../src/values.js";

describe("vendor values as HrFlow stores them", () => {
  it("turns tag values into text or null", () => {
    expect([tagValue("a"), tagValue(3), tagValue(false), tagValue(null), tagValue(undefined)]).toEqual([
      "a",
      "3",
      "false",
      null,
      null,
    ]);
    expect(tagValue({ level: 2 })).toBe('{"level":2}');
    expect(tag("remote", true)).toEqual({ name: "remote", value: "true" });
  });

  it("reads numbers from numbers or numeric text only", () => {
    expect([
      toNumber(48.85),
      toNumber("2.35"),
      toNumber(""),
      toNumber("north"),
      toNumber(Number.NaN),
    ]).toEqual([48.85, 2.35, null, null, null]);
  });
});
