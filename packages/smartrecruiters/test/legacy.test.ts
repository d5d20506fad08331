import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import { describe, expect, it } from "vitest";
import { formatJob, SmartRecruiters } from "../src/index.js";
import { runtime, startFakes } from "./harness.js";

describe("pull_job_list (older style)", () => {
  it("sends every job past the first page with its details, whatever the page size", async () => {
    const fakes = await startFakes({ jobs: 120 });
    const board = fakes.hrflow.addBoard();
    const res = await SmartRecruiters.pullJobList(
      {
        workflow_id: "legacy-jobs",
        origin_parameters: { x_smart_token: fakes.sr.token, limit: 50 },
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 120]);
    const stored = fakes.hrflow.jobs(board);
    const sample = fakes.sr.jobs[99]!;
    expect(stored.find((j) => j.reference === sample.id)?.tags).toEqual(formatJob(sample).tags);
  });

  it("is documented with the original's parameters", () => {
    const action = SmartRecruiters.actions.pull_job_list as LegacyAction;
    expect(action.origin.name).toBe("SmartRecruitersJobWarehouse");
    expect(Object.keys(action.origin.read!.parameters.shape)).toEqual([
      "x_smart_token",
      "query",
      "updated_after",
      "posting_status",
      "job_status",
      "limit",
    ]);
    expect(action.supportsIncremental).toBe(false);
  });
});

describe("push_profile (older style)", () => {
  it("applies the HrFlow profile to the job", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      reference: "ref-1",
      info: {
        first_name: "Kenji",
        last_name: "Nakamura",
        email: "kenji@example.com",
        location: null,
        urls: null,
      },
    });
    const jobId = fakes.sr.jobs[1]!.id;
    const res = await SmartRecruiters.pushProfile(
      {
        workflow_id: "legacy-push",
        origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { x_smart_token: fakes.sr.token, job_id: jobId },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.sr.created[0]).toMatchObject({
      jobId,
      body: { firstName: "Kenji", lastName: "Nakamura", email: "kenji@example.com", consent: true },
    });
  });

  it("is documented with the original's parameters", () => {
    const action = SmartRecruiters.actions.push_profile as LegacyAction;
    expect(Object.keys(action.target.write!.parameters.shape)).toEqual(["x_smart_token", "job_id"]);
  });
});
