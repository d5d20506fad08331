import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { formatJob, SmartRecruiters } from "../src/index.js";
import { jobFlowOptions, runtime, startFakes } from "./harness.js";

describe("create_jobs_in_hrflow", () => {
  it("reads every page by nextPageId (no cap by default) with each job's details", async () => {
    const fakes = await startFakes({ jobs: 130 });
    const board = fakes.hrflow.addBoard();
    const res = await SmartRecruiters.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    // The original stopped at 100 jobs by default.
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 130, 130]);
    const lists = fakes.sr.requests.filter({ route: "/jobs" });
    expect(lists).toHaveLength(2);
    const [first, second] = lists.map((l) => new URLSearchParams(l.query));
    expect(first!.get("limit")).toBe("100");
    expect(first!.has("pageId")).toBe(false);
    expect(second!.get("pageId")).toBeTruthy();
    expect(fakes.sr.requests.count({ route: "/jobs/{id}" })).toBe(130);
    const stored = fakes.hrflow.jobs(board);
    expect(stored.map((j) => j.reference).sort()).toEqual(fakes.sr.jobs.map((j) => j.id).sort());
    const source = fakes.sr.jobs[42]!;
    const job = stored.find((j) => j.reference === source.id)!;
    const expected = formatJob(source);
    // Dates come from createdOn/updatedOn (always null in the original).
    expect(job).toMatchObject({
      name: source.title,
      created_at: source.createdOn,
      updated_at: source.updatedOn,
      sections: expected.sections,
      tags: expected.tags,
    });
    expect(job.location).toMatchObject({ lat: expect.any(Number), lng: expect.any(Number) });
  });

  it("reads at most `limit` jobs when set, asking for no more than it needs", async () => {
    const fakes = await startFakes({ jobs: 30 });
    const board = fakes.hrflow.addBoard();
    const res = await SmartRecruiters.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { limit: 7 } }),
      runtime(fakes),
    );
    expect(res.written).toBe(7);
    const lists = fakes.sr.requests.filter({ route: "/jobs" });
    expect(lists.map((l) => new URLSearchParams(l.query).get("limit"))).toEqual(["7"]);
    expect(fakes.sr.requests.count({ route: "/jobs/{id}" })).toBe(7);
  });

  it("passes the documented filters under SmartRecruiters' query keys", async () => {
    const fakes = await startFakes({ jobs: 40 });
    const board = fakes.hrflow.addBoard();
    const expected = fakes.sr.jobs.filter((j) => j.postingStatus === "PUBLIC" && j.status === "SOURCING");
    const res = await SmartRecruiters.createJobsInHrflow(
      jobFlowOptions(fakes, board, {
        pull_parameters: {
          posting_status: "PUBLIC",
          job_status: "SOURCING",
          query: "",
          updated_after: "2024-01-01T00:00:00Z",
        },
      }),
      runtime(fakes),
    );
    expect(res.written).toBe(expected.length);
    const q = new URLSearchParams(fakes.sr.requests.filter({ route: "/jobs" })[0]!.query);
    expect([q.get("postingStatus"), q.get("status"), q.get("updatedAfter"), q.has("q")]).toEqual([
      "PUBLIC",
      "SOURCING",
      "2024-01-01T00:00:00Z",
      false,
    ]);
  });

  it("runs incrementally on update time: a second run reads only changed jobs", async () => {
    const fakes = await startFakes({ jobs: 12 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    await SmartRecruiters.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    const options = jobFlowOptions(fakes, board, { incremental: true });
    const first = await SmartRecruiters.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect([first.status, first.reason, first.written]).toEqual(["success", "none", 12]);
    const newest = fakes.sr.jobs
      .map((j) => j.updatedOn!)
      .sort((a, b) => Date.parse(a) - Date.parse(b))
      .at(-1);
    expect(first.incremental_token).toBe(newest);
    const again = await SmartRecruiters.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect([again.events.read_success, again.written]).toEqual([0, 0]);
    const changed = fakes.sr.updateJob(fakes.sr.jobs[3]!.id, { title: "Ingénieure Données" });
    const third = await SmartRecruiters.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect(third.events.read_success).toBe(1);
    expect(fakes.hrflow.jobs(board).find((j) => j.reference === changed.id)?.name).toBe("Ingénieure Données");
    const lastList = fakes.sr.requests.filter({ route: "/jobs" }).at(-1)!;
    expect(new URLSearchParams(lastList.query).get("updatedAfter")).toBe(again.incremental_token);
  });

  it("archives the jobs the filters return", async () => {
    const fakes = await startFakes({ jobs: 6 });
    const board = fakes.hrflow.addBoard();
    await SmartRecruiters.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    const cancelled = fakes.sr.updateJob(fakes.sr.jobs[2]!.id, { status: "CANCELLED" });
    const res = await SmartRecruiters.archiveJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { job_status: "CANCELLED" } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const archived = fakes.hrflow.jobs(board).filter((j) => j.archived_at);
    expect(archived.map((j) => j.reference)).toEqual([cancelled.id]);
  });

  it("reads the list only: one request per 100 jobs, no detail call", async () => {
    const fakes = await startFakes({ jobs: 205 });
    const board = fakes.hrflow.addBoard();
    for (const j of fakes.sr.jobs) fakes.hrflow.addJob(board, { reference: j.id, name: j.title });
    const res = await SmartRecruiters.archiveJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 205]);
    expect(fakes.sr.requests.count({ route: "/jobs" })).toBe(3);
    expect(fakes.sr.requests.count({ route: "/jobs/{id}" })).toBe(0);
    const archived = fakes.hrflow.jobs(board).filter((j) => j.archived_at);
    expect(archived.map((j) => j.reference).sort()).toEqual(fakes.sr.jobs.map((j) => j.id).sort());
  }, 30_000);
});
