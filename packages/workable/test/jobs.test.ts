import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { formatJob, Workable } from "../src/index.js";
import { jobFlowOptions, runtime, startFakes } from "./harness.js";

describe("create_jobs_in_hrflow", () => {
  it("reads every page with the job descriptions (no detail call), and indexes them in the board", async () => {
    const fakes = await startFakes({ jobs: 120 });
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes);
    const res = await Workable.createJobsInHrflow(
      jobFlowOptions(fakes, board, { push_parameters: { board_key: board, enrich_with_parsing: false } }),
      rt,
    );
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 120, 120]);
    // 100 per page with the long texts: 2 list calls for 120 jobs and no detail call, never a
    // duplicated query key (the fake answers 400 to those).
    const lists = fakes.workable.requests.filter({ route: "/jobs" });
    expect(lists).toHaveLength(2);
    expect(fakes.workable.requests.count({ route: "/jobs/{shortcode}" })).toBe(0);
    const first = new URLSearchParams(lists[0]!.query);
    expect(first.get("limit")).toBe("100");
    expect(first.get("include_fields")?.split(",").sort()).toEqual([
      "benefits",
      "description",
      "full_description",
      "requirements",
    ]);
    expect(fakes.workable.requests.count({ status: 400 })).toBe(0);
    const stored = fakes.hrflow.jobs(board);
    expect(stored.map((j) => j.reference).sort()).toEqual(fakes.workable.jobs.map((j) => j.shortcode).sort());
    const source = fakes.workable.jobs[42]!;
    const job = stored.find((j) => j.reference === source.shortcode)!;
    const expected = formatJob(source);
    expect(job).toMatchObject({
      name: source.title,
      url: source.url,
      summary: source.description,
      created_at: source.created_at,
      location: expected.location,
      sections: expected.sections,
      tags: expected.tags,
      ranges_float: expected.ranges_float,
    });
    expect(job.location).toMatchObject({ lat: expect.any(Number), lng: expect.any(Number) });
  });

  it("passes the documented filters to the list call", async () => {
    const fakes = await startFakes({ jobs: 40 });
    const board = fakes.hrflow.addBoard();
    const published = fakes.workable.jobs.filter((j) => j.state === "published");
    const res = await Workable.createJobsInHrflow(
      jobFlowOptions(fakes, board, {
        pull_parameters: { state: "published", created_after: "20240101T000000Z" },
      }),
      runtime(fakes),
    );
    expect(res.written).toBe(published.length);
    expect(fakes.hrflow.jobs(board)).toHaveLength(published.length);
    const list = fakes.workable.requests.filter({ route: "/jobs" })[0]!;
    expect(new URLSearchParams(list.query).get("state")).toBe("published");
  });

  it("runs incrementally on creation time: a second run reads only new jobs", async () => {
    const fakes = await startFakes({ jobs: 12 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    const options = jobFlowOptions(fakes, board, { incremental: true });
    const first = await Workable.createJobsInHrflow(options, runtime(fakes, { store }));
    expect([first.status, first.written]).toEqual(["success", 12]);
    expect(first.incremental_token).toBe(fakes.workable.jobs.at(-1)!.created_at);
    const again = await Workable.createJobsInHrflow(options, runtime(fakes, { store }));
    expect([again.events.read_success, again.written]).toEqual([0, 0]);
    const added = fakes.workable.addJob({ created_at: new Date().toISOString() });
    const third = await Workable.createJobsInHrflow(options, runtime(fakes, { store }));
    expect(third.events.read_success).toBe(1);
    expect(fakes.hrflow.jobs(board).map((j) => j.reference)).toContain(added.shortcode);
    const lastList = fakes.workable.requests.filter({ route: "/jobs" }).at(-1)!;
    expect(new URLSearchParams(lastList.query).get("created_after")).toBe(again.incremental_token);
  });
});

describe("update_jobs_in_hrflow", () => {
  it("edits the board's jobs, and incremental re-runs read only the jobs changed since", async () => {
    const fakes = await startFakes({ jobs: 15 });
    const board = fakes.hrflow.addBoard();
    for (const j of fakes.workable.jobs)
      fakes.hrflow.addJob(board, { reference: j.shortcode, name: "old title" });
    const store = new MemoryStore();
    const options = jobFlowOptions(fakes, board, { incremental: true });
    const first = await Workable.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect([first.status, first.written]).toEqual(["success", 15]);
    expect(fakes.hrflow.jobs(board).every((j) => j.name !== "old title")).toBe(true);

    const unchanged = await Workable.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect([unchanged.status, unchanged.events.read_success]).toEqual(["success", 0]);

    const target = fakes.workable.jobs[3]!;
    fakes.workable.updateJob(target.shortcode, { title: "Principal Backend Engineer" });
    fakes.workable.updateJob(fakes.workable.jobs[9]!.shortcode, { department: "Platform" });
    const changed = await Workable.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect([changed.events.read_success, changed.written]).toEqual([2, 2]);
    expect(changed.incremental_token).toBe(fakes.workable.jobs[9]!.updated_at);
    const stored = fakes.hrflow.jobs(board).find((j) => j.reference === target.shortcode)!;
    expect(stored.name).toBe("Principal Backend Engineer");
    const lastList = fakes.workable.requests.filter({ route: "/jobs" }).at(-1)!;
    expect(new URLSearchParams(lastList.query).get("updated_after")).toBe(unchanged.incremental_token);
  });

  it("keeps the caller's own updated_after when it is later than the token", async () => {
    const fakes = await startFakes({ jobs: 5 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    const options = jobFlowOptions(fakes, board, { incremental: true });
    await Workable.updateJobsInHrflow(options, runtime(fakes, { store }));
    const later = "2099-01-01T00:00:00Z";
    await Workable.updateJobsInHrflow(
      { ...options, pull_parameters: { updated_after: later } },
      runtime(fakes, { store }),
    );
    const lastList = fakes.workable.requests.filter({ route: "/jobs" }).at(-1)!;
    expect(new URLSearchParams(lastList.query).get("updated_after")).toBe(later);
  });

  it("compares a compact or Unix-seconds bound of the caller with the token", async () => {
    const fakes = await startFakes({ jobs: 5 });
    const board = fakes.hrflow.addBoard();
    for (const j of fakes.workable.jobs)
      fakes.hrflow.addJob(board, { reference: j.shortcode, name: j.title });
    const store = new MemoryStore();
    const options = jobFlowOptions(fakes, board, { incremental: true });
    const first = await Workable.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect(first.incremental_token).toBe(
      fakes.workable.jobs
        .map((j) => j.updated_at!)
        .sort()
        .at(-1),
    );
    const sent = async (updated_after: string | number) => {
      await Workable.updateJobsInHrflow(
        { ...options, pull_parameters: { updated_after } },
        runtime(fakes, { store }),
      );
      const lastList = fakes.workable.requests.filter({ route: "/jobs" }).at(-1)!;
      return new URLSearchParams(lastList.query).get("updated_after");
    };
    expect(await sent("20990101T000000Z")).toBe("20990101T000000Z");
    expect(await sent("20000101T000000Z")).toBe(first.incremental_token);
    expect(await sent(4_070_908_800)).toBe("4070908800");
    expect(await sent(946_684_800)).toBe(first.incremental_token);
  });
});

describe("archive_jobs_in_hrflow", () => {
  it("archives the board's copies of the jobs Workable lists as archived", async () => {
    const fakes = await startFakes({ jobs: 30 });
    const board = fakes.hrflow.addBoard();
    for (const j of fakes.workable.jobs)
      fakes.hrflow.addJob(board, { reference: j.shortcode, name: j.title });
    const archived = fakes.workable.jobs.filter((j) => j.state === "archived").map((j) => j.shortcode);
    expect(archived.length).toBeGreaterThan(0);
    const res = await Workable.archiveJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { state: "archived" } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", archived.length]);
    const isArchived = fakes.hrflow
      .jobs(board)
      .filter((j) => j.archived_at)
      .map((j) => j.reference);
    expect(isArchived.sort()).toEqual([...archived].sort());
  });
});
