import { describe, expect, it } from "vitest";
import { Teamtailor } from "../src/index.js";
import { runtime, startFakes } from "./harness.js";

describe("pull_job_list (older style)", () => {
  it("maps the original's upper-case filters onto the API's values and reads every page", async () => {
    const fakes = await startFakes({ jobs: 40 });
    fakes.teamtailor.addJob({ status: "published", "remote-status": "hybrid", internal: true });
    const board = fakes.hrflow.addBoard();
    const res = await Teamtailor.pullJobList(
      {
        workflow_id: "legacy-jobs",
        origin_parameters: {
          Authorization: `Token token=${fakes.teamtailor.apiKey}`,
          X_Api_Version: "20240404",
          filter_status: "HYBRID",
          filter_feed: "PRIVATE",
        },
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      runtime(fakes),
    );
    const expected = fakes.teamtailor.jobs.filter(
      (j) =>
        j.attributes.status === "published" &&
        j.attributes["remote-status"] === "hybrid" &&
        j.attributes.internal,
    );
    expect([res.status, res.written]).toEqual(["success", expected.length]);
    const q = new URLSearchParams(fakes.teamtailor.requests.filter({ route: "/jobs" })[0]!.query);
    expect([q.get("filter[remote-status]"), q.get("filter[feed]")]).toEqual(["hybrid", "internal"]);
    // The older format keeps the description as plain text, as the original did.
    const stored = fakes.hrflow.jobs(board);
    expect(stored.length).toBeGreaterThan(0);
    for (const job of stored) expect(job.summary).not.toMatch(/<[a-z]/);
  });
});

describe("push_profile (older style)", () => {
  it("creates the candidate from the HrFlow profile", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      info: { first_name: "Léa", last_name: "Roux", email: "lea@example.fr", summary: null },
      attachments: [],
    });
    const res = await Teamtailor.pushProfile(
      {
        workflow_id: "legacy-push",
        origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { Authorization: fakes.teamtailor.apiKey, X_Api_Version: "20240404" },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.teamtailor.created[0]!.body).toMatchObject({
      data: {
        type: "candidates",
        attributes: { "first-name": "Léa", email: "lea@example.fr", sourced: true },
      },
    });
  });
});
