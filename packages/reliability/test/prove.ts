import { describe, expect, it } from "vitest";
import { exercise, type Scenario, summary } from "../src/harness.js";

/**
 * One test per scenario, under 10% mixed faults on every proxied fake: each item held exactly
 * once or dead-lettered with its reason, and the runs' `written` equal to what the fakes hold.
 */
export function proveScenarios(title: string, scenarios: Scenario[], seed = 11): void {
  describe(`${title} under 10% mixed faults on both sides`, () => {
    for (const scenario of scenarios) {
      it(`${scenario.action}: every item held once or dead-lettered with its reason`, async () => {
        const report = await exercise(scenario, { seed });
        const line = summary(report);
        console.log(line);
        expect(report.lost, line).toEqual([]);
        expect(report.duplicated, line).toEqual([]);
        expect(report.contradicted, line).toEqual([]);
        expect(report.unexplained, line).toBe(0);
        // No credential, configured or issued, in any result, dead letter or log line.
        expect(report.leaked, line).toEqual([]);
        expect(report.written, line).toBe(report.delivered);
        // Faults were injected: a run that met none proves nothing.
        expect(
          Object.values(report.faults).reduce((a, b) => a + b, 0),
          line,
        ).toBeGreaterThan(0);
      });
    }
  });
}
