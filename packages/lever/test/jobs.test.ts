import { afterEach, describe, expect, it } from "vitest";
import { formatJob, Lever } from "../src/index.js";
import { type Fakes, leverCalls, runtime, startFakes } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const options = (f: Fakes, board: string, origin: Record<string, unknown> = {}) => ({
  workflow_id: "lever-jobs",
  origin_parameters: { ...f.lever.credentials(), ...origin },
  target_parameters: { ...f.hrflow.auth, board_key: board },
});

describe("pull_job_list", () => {
  it("sends every posting of every page to the board, and archives the board's stale jobs", async () => {
    fakes = await startFakes({ postings: 230 });
    const board = fakes.hrflow.addBoard();
    fakes.hrflow.addJob(board, { reference: "gone-posting", name: "Closed long ago" });
    const res = await Lever.pullJobList(options(fakes, board), runtime(fakes));
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 230, 230]);

    const pages = leverCalls(fakes, "/v1/postings");
    expect(pages.map((p) => p.query.get("limit"))).toEqual(["100", "100", "100"]);
    expect(pages[0]!.query.has("offset")).toBe(false);
    expect(pages[1]!.query.get("offset")).toBeTruthy();
    expect(pages[2]!.query.get("offset")).not.toBe(pages[1]!.query.get("offset"));

    const stored = fakes.hrflow.jobs(board);
    const live = stored.filter((j) => !j.archived_at).map((j) => j.reference);
    expect(live.sort()).toEqual(fakes.lever.postings.map((p) => p.id).sort());
    expect(stored.find((j) => j.reference === "gone-posting")?.archived_at).toBeTruthy();

    const sample = fakes.lever.postings[150]!;
    const job = stored.find((j) => j.reference === sample.id)!;
    const expected = formatJob(sample);
    expect(job).toMatchObject({ name: expected.name, url: expected.url, summary: expected.summary });
    expect(job.tags).toEqual(expected.tags);
    expect(job.sections).toEqual(expected.sections);
  });

  it("uses the page size asked for", async () => {
    fakes = await startFakes({ postings: 25 });
    const board = fakes.hrflow.addBoard();
    const res = await Lever.pullJobList(options(fakes, board, { limit: 10 }), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 25]);
    expect(leverCalls(fakes, "/v1/postings").map((p) => p.query.get("limit"))).toEqual(["10", "10", "10"]);
  });

  it("rides through 429s and 5xx with backoff instead of failing the read", async () => {
    fakes = await startFakes({ postings: 150 });
    const board = fakes.hrflow.addBoard();
    fakes.lever.fail({ route: "/v1/postings", status: 429, times: 2 });
    fakes.lever.fail({ route: "/v1/postings", status: 503, times: 1 });
    const rt = runtime(fakes);
    const res = await Lever.pullJobList(options(fakes, board), rt);
    expect([res.status, res.written]).toEqual(["success", 150]);
    expect(fakes.lever.requests.count({ route: "/v1/postings", status: 429 })).toBe(2);
    expect(fakes.lever.requests.count({ route: "/v1/postings", status: 503 })).toBe(1);
    expect(fakes.lever.requests.count({ route: "/v1/postings", status: 200 })).toBe(2);
    expect(rt.logs.some((r) => r.level === "warn" && /HTTP 429; retry 1\//.test(r.message))).toBe(true);
  });

  it("ends as a read failure without archiving anything when a page keeps failing", async () => {
    fakes = await startFakes({ postings: 150 });
    const board = fakes.hrflow.addBoard();
    fakes.hrflow.addJob(board, { reference: "still-live", name: "Kept" });
    fakes.lever.fail({ route: "/v1/postings", status: 500, times: 50 });
    const rt = runtime(fakes);
    rt.http = { ...rt.http, retry: { retries: 2, baseDelayMs: 1 } };
    const res = await Lever.pullJobList(options(fakes, board), rt);
    expect(res.status).toBe("fatal");
    expect(res.events.read_failure).toBe(1);
    expect(fakes.lever.requests.count({ route: "/v1/postings" })).toBe(3);
    expect(fakes.hrflow.jobs(board).find((j) => j.reference === "still-live")?.archived_at).toBeFalsy();
  });
});
