import { describe, expect, it } from "vitest";
import { exercise } from "../src/harness.js";
import { teamtailorScenarios } from "../src/scenarios/teamtailor.js";
import { proveScenarios } from "./prove.js";

proveScenarios("teamtailor (jobs in, stopped and resumed; profiles out)", teamtailorScenarios);

describe("teamtailor jobs: the stop and the resume really happen under faults", () => {
  it("the first run stops part-way (aborted), the second resumes from its checkpoint", async () => {
    const jobs = teamtailorScenarios.find((s) => s.action === "create_jobs_in_hrflow")!;
    const report = await exercise(jobs, { seed: 5 }, 45);
    const [first, second] = report.results;
    expect([first?.status, first?.reason]).toEqual(["fatal", "aborted"]);
    expect(first!.written).toBeGreaterThan(0);
    expect(first!.written).toBeLessThan(45);
    expect(second!.status).not.toBe("fatal");
    // The resumed run reads only what the first did not write.
    expect(first!.written + second!.events.read_success).toBeLessThanOrEqual(45 + 1);
    expect([report.lost, report.duplicated, report.delivered]).toEqual([[], [], 45]);
  });
});
