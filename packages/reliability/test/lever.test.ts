import { describe, expect, it } from "vitest";
import { exercise, summary } from "../src/harness.js";
import { leverScenarios } from "../src/scenarios/lever.js";

describe("lever under 10% mixed faults on both sides", () => {
  for (const scenario of leverScenarios) {
    it(`${scenario.action}: every item held once or dead-lettered with its reason`, async () => {
      const report = await exercise(scenario, { seed: 11 });
      const line = summary(report);
      console.log(line);
      expect(report.lost, line).toEqual([]);
      expect(report.duplicated, line).toEqual([]);
      expect(report.contradicted, line).toEqual([]);
      expect(report.unexplained, line).toBe(0);
      expect(report.written, line).toBe(report.delivered);
    });
  }
});
