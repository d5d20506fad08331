import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { Bullhorn, type BullhornJob, decodeToken, formatJob } from "../src/index.js";
import { flowOptions, runtime, startFakes } from "./harness.js";

const SINCE = "2024-01-01T00:00:00Z";

describe("create_jobs_in_hrflow", () => {
  it("logs in once through the user's data centre and reads every page into the board", async () => {
    const fakes = await startFakes({ jobs: 45 });
    const board = fakes.hrflow.addBoard();
    const res = await Bullhorn.createJobsInHrflow(
      flowOptions(
        fakes,
        "jobs",
        { created_date: SINCE, query: "isDeleted:0", limit: null },
        { board_key: board },
      ),
      runtime(fakes),
    );
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 45, 45]);
    const log = fakes.bullhorn.requests;
    // The data centre is asked once and no call goes through a redirecting global host.
    expect(log.count({ route: "/loginInfo" })).toBe(1);
    expect(log.filter().filter((r) => r.route.startsWith("redirect"))).toEqual([]);
    expect(fakes.bullhorn.logins()).toBe(1);
    const search = log.filter({ route: "/search/JobOrder" });
    const q = new URLSearchParams(search[0]!.query);
    expect(q.get("query")).toBe("(isDeleted:0) AND dateAdded:[20240101000000 TO *]");
    expect(q.get("sort")).toBe("dateAdded,id");
    expect(q.get("fields")!.split(",")).toEqual(
      expect.arrayContaining(["id", "dateAdded", "dateLastModified"]),
    );
    const stored = fakes.hrflow.jobs(board);
    expect(stored.map((j) => j.reference).sort()).toEqual(
      fakes.bullhorn.jobs.map((j) => String(j.id)).sort(),
    );
    const source = fakes.bullhorn.jobs[7] as BullhornJob;
    const expected = formatJob(source);
    expect(stored.find((j) => j.reference === String(source.id))).toMatchObject({
      name: expected.name,
      location: expected.location,
      tags: expected.tags,
    });
  });

  it("converts a date with a zone to UTC before filtering (the original sent local time as is)", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    await Bullhorn.createJobsInHrflow(
      flowOptions(fakes, "jobs", { created_date: "2024-01-08T11:00:30+02:00" }, { board_key: board }),
      runtime(fakes),
    );
    const q = new URLSearchParams(fakes.bullhorn.requests.filter({ route: "/search/JobOrder" })[0]!.query);
    expect(q.get("query")).toBe("(isDeleted:0 AND isOpen:true) AND dateAdded:[20240108090030 TO *]");
  });

  it("pages by start/count with limit as the page size and the item cap", async () => {
    const fakes = await startFakes({ jobs: 30 });
    const board = fakes.hrflow.addBoard();
    const res = await Bullhorn.createJobsInHrflow(
      flowOptions(
        fakes,
        "jobs",
        { created_date: SINCE, query: "isDeleted:0", limit: 7 },
        { board_key: board },
      ),
      runtime(fakes),
    );
    expect(res.written).toBe(7);
    expect(
      new URLSearchParams(fakes.bullhorn.requests.filter({ route: "/search/JobOrder" })[0]!.query).get(
        "count",
      ),
    ).toBe("7");
  });

  it("renews a BhRestToken that timed out mid-read once (a new login on the same data centre) and goes on", async () => {
    // Each session serves one REST call, then answers 401 as a timed-out one does.
    const fakes = await startFakes({ jobs: 210, sessionCalls: 1 });
    const board = fakes.hrflow.addBoard();
    const res = await Bullhorn.createJobsInHrflow(
      flowOptions(
        fakes,
        "jobs",
        { created_date: SINCE, query: "isDeleted:0", limit: null },
        { board_key: board },
      ),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 210]);
    // Pages of 200: the second page is refused once.
    const refused = fakes.bullhorn.requests.count({ route: "/search/JobOrder", status: 401 });
    expect(refused).toBe(1);
    // Each renewal is one login chain; the data centre is not asked again.
    expect(fakes.bullhorn.logins()).toBe(1 + refused);
    expect(fakes.bullhorn.requests.count({ route: "/loginInfo" })).toBe(1);
  });
});

describe("incremental reads", () => {
  it("never re-reads nor skips a boundary item (several rows share one second)", async () => {
    const fakes = await startFakes({ jobs: 9 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    const options = flowOptions(
      fakes,
      "jobs",
      { created_date: SINCE, query: "isDeleted:0", limit: 4 },
      { board_key: board },
      { incremental: true },
    );
    const seen: number[] = [];
    for (let run = 0; run < 4; run++) {
      const res = await Bullhorn.createJobsInHrflow(options, runtime(fakes, { store }));
      expect(res.status).toBe("success");
      seen.push(res.written);
      if (res.incremental_token) expect(decodeToken(res.incremental_token)).not.toBeNull();
    }
    // 9 jobs, 4 per run: 4 + 4 + 1 + 0, each exactly once.
    expect(seen).toEqual([4, 4, 1, 0]);
    expect(fakes.hrflow.jobs(board)).toHaveLength(9);
  });

  it("update reads use dateLastModified and leave out rows never changed", async () => {
    const fakes = await startFakes({ jobs: 6 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    const options = flowOptions(
      fakes,
      "upd",
      { last_modified_date: SINCE, query: "isDeleted:0" },
      { board_key: board },
      { incremental: true },
    );
    await Bullhorn.createJobsInHrflow(
      flowOptions(fakes, "c", { created_date: SINCE, query: "isDeleted:0" }, { board_key: board }),
      runtime(fakes),
    );
    const first = await Bullhorn.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect(first.written).toBe(0);
    const id = fakes.bullhorn.jobs[2]!.id as number;
    fakes.bullhorn.change("JobOrder", id, { title: "Chef de cuisine" });
    const second = await Bullhorn.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect([second.status, second.reason, second.events.read_success]).toEqual(["success", "none", 1]);
    expect(decodeToken(second.incremental_token!)).toMatchObject({ id });
    const third = await Bullhorn.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect(third.events.read_success).toBe(0);
  });
});

describe("archive_jobs_in_hrflow", () => {
  it("archives closed or deleted jobs by reference with the default query and fields=id", async () => {
    const fakes = await startFakes({ jobs: 10 });
    const board = fakes.hrflow.addBoard();
    await Bullhorn.createJobsInHrflow(
      flowOptions(fakes, "c", { created_date: SINCE, query: "isDeleted:0" }, { board_key: board }),
      runtime(fakes),
    );
    const closed = fakes.bullhorn.jobs.filter((j) => j.isOpen === false).map((j) => j.id as number);
    const victim = fakes.bullhorn.jobs.find((j) => j.isOpen !== false)!.id as number;
    fakes.bullhorn.change("JobOrder", victim, { isDeleted: true });
    for (const id of closed) fakes.bullhorn.change("JobOrder", id, {});
    const res = await Bullhorn.archiveJobsInHrflow(
      flowOptions(fakes, "a", { last_modified_date: SINCE }, { board_key: board }),
      runtime(fakes),
    );
    expect(res.status).toBe("success");
    expect(res.events.read_success).toBe(closed.length + 1);
    const q = new URLSearchParams(
      fakes.bullhorn.requests.filter({ route: "/search/JobOrder" }).at(-1)!.query,
    );
    expect(q.get("fields")!.split(",").sort()).toEqual(["dateAdded", "dateLastModified", "id"]);
    const archived = fakes.hrflow
      .jobs(board)
      .filter((j) => j.archived_at)
      .map((j) => Number(j.reference));
    expect(archived.sort()).toEqual([...closed, victim].sort());
  });
});
