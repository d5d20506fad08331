import { describe, expect, it } from "vitest";
import { Bullhorn } from "../src/index.js";
import { runtime, startFakes } from "./harness.js";

describe("parameters are checked before any request", () => {
  it("push_application refuses a job_id that is no Bullhorn id", async () => {
    const fakes = await startFakes();
    const res = await Bullhorn.pushApplication(
      {
        workflow_id: "bad",
        origin_parameters: { ...fakes.hrflow.auth, source_key: "s", profile_key: "p" },
        target_parameters: { ...fakes.bullhorn.auth, job_id: "12; DROP", status_when_created: "New Lead" },
      },
      runtime(fakes),
    );
    expect(res.status).toBe("fatal");
    expect(JSON.stringify(res)).toContain("job_id");
    expect(fakes.bullhorn.requests.count() + fakes.hrflow.requests.count()).toBe(0);
  });

  it("pull_job_list requires its original parameters (last_modified_date, fields, query, count)", async () => {
    const fakes = await startFakes();
    const res = await Bullhorn.pullJobList(
      {
        workflow_id: "bad",
        origin_parameters: { ...fakes.bullhorn.auth, fields: "id", query: "isDeleted:0" },
        target_parameters: { ...fakes.hrflow.auth, board_key: "b" },
      } as unknown as Parameters<typeof Bullhorn.pullJobList>[0],
      runtime(fakes),
    );
    expect(res.status).toBe("fatal");
    expect(JSON.stringify(res)).toMatch(/last_modified_date/);
    expect(JSON.stringify(res)).toMatch(/count/);
    expect(fakes.bullhorn.requests.count()).toBe(0);
  });
});
