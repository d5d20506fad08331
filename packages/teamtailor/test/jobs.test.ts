import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { formatJob, Teamtailor } from "../src/index.js";
import { jobFlowOptions, runtime, startFakes } from "./harness.js";

const query = (q: string) => new URLSearchParams(q);

describe("create_jobs_in_hrflow", () => {
  it("reads every page to the end (links.next), each job with its location, and indexes them", async () => {
    const fakes = await startFakes({ jobs: 70 });
    const board = fakes.hrflow.addBoard();
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "all" } }),
      runtime(fakes),
    );
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 70, 70]);
    // 30 per page: 3 list calls, each carrying its jobs' locations; no call per job.
    const lists = fakes.teamtailor.requests.filter({ route: "/jobs" });
    expect(lists).toHaveLength(3);
    expect(query(lists[0]!.query).get("page[size]")).toBe("30");
    expect(query(lists[2]!.query).get("page[number]")).toBe("3");
    expect(query(lists[2]!.query).get("filter[status]")).toBe("all");
    expect(lists.map((l) => query(l.query).get("include"))).toEqual(["location", "location", "location"]);
    expect(fakes.teamtailor.requests.count({ route: "/jobs/{id}/location" })).toBe(0);
    const stored = fakes.hrflow.jobs(board);
    expect(stored.map((j) => j.reference).sort()).toEqual(fakes.teamtailor.jobs.map((j) => j.id).sort());
    const source = fakes.teamtailor.jobs.find((j) => j.attributes["min-salary"] !== null)!;
    const job = stored.find((j) => j.reference === source.id)!;
    expect(job).toMatchObject({ name: source.attributes.title, url: source.links?.["careersite-job-url"] });
    expect(job.ranges_float).toEqual(formatJob({ ...source, location: null }).ranges_float);
    // Each job's location is the one Teamtailor holds for it, none included or not.
    for (const listed of fakes.teamtailor.jobs) {
      const expected = formatJob({ ...listed, location: fakes.teamtailor.locationOf(listed.id) }).location;
      expect(stored.find((j) => j.reference === listed.id)?.location).toEqual(expected);
    }
  });

  it("reads each location apart when the answer does not include them (an API ignoring include)", async () => {
    const fakes = await startFakes({ jobs: 35, ignoreInclude: true });
    const board = fakes.hrflow.addBoard();
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "all" } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 35]);
    expect(fakes.teamtailor.requests.count({ route: "/jobs" })).toBe(2);
    expect(fakes.teamtailor.requests.count({ route: "/jobs/{id}/location" })).toBe(35);
    const stored = fakes.hrflow.jobs(board);
    for (const listed of fakes.teamtailor.jobs) {
      const expected = formatJob({ ...listed, location: fakes.teamtailor.locationOf(listed.id) }).location;
      expect(stored.find((j) => j.reference === listed.id)?.location).toEqual(expected);
    }
  });

  it("sends the documented filters as JSON:API filter keys and real booleans-as-text", async () => {
    const fakes = await startFakes({ jobs: 20 });
    const board = fakes.hrflow.addBoard();
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, {
        pull_parameters: {
          filter_status: "published",
          filter_remote_status: "hybrid",
          filter_feed: "public",
          filter_created_at_from: "2024-01-01",
        },
      }),
      runtime(fakes),
    );
    const expected = fakes.teamtailor.jobs.filter(
      (j) =>
        j.attributes.status === "published" &&
        j.attributes["remote-status"] === "hybrid" &&
        !j.attributes.internal,
    );
    expect([res.status, res.written]).toEqual(["success", expected.length]);
    const q = query(fakes.teamtailor.requests.filter({ route: "/jobs" })[0]!.query);
    expect(Object.fromEntries([...q].filter(([k]) => k.startsWith("filter")))).toEqual({
      "filter[status]": "published",
      "filter[remote-status]": "hybrid",
      "filter[feed]": "public",
      "filter[created-at][from]": "2024-01-01",
    });
  });

  it("runs incrementally on creation time without re-reading or skipping the boundary job", async () => {
    const fakes = await startFakes({ jobs: 8 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    const options = jobFlowOptions(fakes, board, {
      incremental: true,
      pull_parameters: { filter_status: "all" },
    });
    const first = await Teamtailor.createJobsInHrflow(options, runtime(fakes, { store }));
    const last = fakes.teamtailor.jobs.at(-1)!;
    expect([first.status, first.written]).toEqual(["success", 8]);
    expect(first.incremental_token).toBe(`${last.attributes["created-at"]}|${last.id}`);
    const again = await Teamtailor.createJobsInHrflow(options, runtime(fakes, { store }));
    expect([again.events.read_success, again.written]).toEqual([0, 0]);
    // A job created at the very instant of the boundary, with a later id, is still read.
    const twin = fakes.teamtailor.addJob({
      status: "published",
      "created-at": last.attributes["created-at"],
    });
    const third = await Teamtailor.createJobsInHrflow(options, runtime(fakes, { store }));
    expect(third.events.read_success).toBe(1);
    expect(fakes.hrflow.jobs(board).map((j) => j.reference)).toContain(twin.id);
    const lastList = query(fakes.teamtailor.requests.filter({ route: "/jobs" }).at(-1)!.query);
    expect(lastList.get("filter[created-at][from]")).toBe(last.attributes["created-at"]);
    expect(lastList.get("sort")).toBe("created-at,id");
  });

  it("update runs incrementally on updated-at: only changed jobs are read again", async () => {
    const fakes = await startFakes({ jobs: 6 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    const options = jobFlowOptions(fakes, board, {
      incremental: true,
      pull_parameters: { filter_status: "all" },
    });
    await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "all" } }),
      runtime(fakes),
    );
    const first = await Teamtailor.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect(first.written).toBe(6);
    const changed = fakes.teamtailor.updateJob(fakes.teamtailor.jobs[2]!.id, { title: "Renamed" });
    const second = await Teamtailor.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect([second.events.read_success, second.written]).toEqual([1, 1]);
    expect(fakes.hrflow.jobs(board).find((j) => j.reference === changed.id)?.name).toBe("Renamed");
  });
});

describe("archive_jobs_in_hrflow", () => {
  it("archives only jobs Teamtailor has archived, whatever else is published", async () => {
    const fakes = await startFakes({ jobs: 25 });
    const board = fakes.hrflow.addBoard();
    await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "all" } }),
      runtime(fakes),
    );
    const archivedIds = fakes.teamtailor.jobs
      .filter((j) => j.attributes.status === "archived")
      .map((j) => j.id);
    expect(archivedIds.length).toBeGreaterThan(0);
    const res = await Teamtailor.archiveJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", archivedIds.length]);
    const archived = fakes.hrflow
      .jobs(board)
      .filter((j) => j.archived_at)
      .map((j) => j.reference);
    expect(archived.sort()).toEqual(archivedIds.sort());
    // Neither run read a location apart; the archive's list does not even include them.
    expect(fakes.teamtailor.requests.count({ route: "/jobs/{id}/location" })).toBe(0);
    const archiveList = fakes.teamtailor.requests.filter({ route: "/jobs" }).at(-1)!;
    expect(query(archiveList.query).get("include")).toBeNull();
  });

  it("refuses a status other than archived before any request", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    const res = await Teamtailor.archiveJobsInHrflow(
      // Deliberately invalid (the archive flow only takes "archived"), as a JSON config could be.
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "published" } as never }),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    expect(fakes.teamtailor.requests.count()).toBe(0);
  });
});
