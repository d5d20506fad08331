import { hermeticRuntime } from "@hrflow-connectors/core/testing";
import { describe, expect, it } from "vitest";
import { createWorkableClient, Workable } from "../src/index.js";
import { jobFlowOptions, profileFlowOptions, runtime, startFakes, startWorkable } from "./harness.js";

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const fast = { retry: { retries: 8, baseDelayMs: 5, maxDelayMs: 3000 } };

describe("paging", () => {
  it("follows paging.next to the end, sending only the link's own parameters", async () => {
    const workable = await startWorkable({ jobs: 30, rateLimit: null });
    const client = createWorkableClient(
      { baseUrls: { workable: workable.baseUrl }, http: fast },
      { token: workable.token, subdomain: "acme" },
    );
    const ids: string[] = [];
    for await (const job of client.jobs({ limit: 7, since_id: workable.jobs[1]!.id })) ids.push(job.id);
    expect(ids).toEqual(workable.jobs.slice(2).map((j) => j.id));
    const lists = workable.requests.filter({ route: "/jobs" });
    expect(lists).toHaveLength(4);
    expect(lists.every((r) => r.status === 200)).toBe(true);
    expect(new URLSearchParams(lists[1]!.query).get("since_id")).toBe(ids[6]);
  });

  it("lists jobs without descriptions unless include_fields asks for them", async () => {
    const workable = await startWorkable({ jobs: 3, rateLimit: null });
    const client = createWorkableClient(
      { baseUrls: { workable: workable.baseUrl }, http: fast },
      { token: workable.token, subdomain: "acme" },
    );
    const [plain] = await collect(client.jobs({}));
    const [rich] = await collect(client.jobs({ include_fields: "description" }));
    expect(plain).not.toHaveProperty("description");
    expect(rich?.description).toBe(workable.jobs[0]!.description);
  });
});

describe("rate limiting", () => {
  it("bursts past a small window: every request ends well, the fake counts 429s, the client waits", async () => {
    const workable = await startWorkable({ jobs: 3, rateLimit: { requests: 10, perMs: 1000 } });
    const { options, logs } = hermeticRuntime({
      baseUrls: { workable: workable.baseUrl },
      http: { ...fast, rateLimits: { workable: { requests: 100, perMs: 1000 } } },
    });
    const client = createWorkableClient(options, { token: workable.token, subdomain: "acme" });
    const shortcode = workable.jobs[0]!.shortcode;
    const jobs = await Promise.all(Array.from({ length: 25 }, () => client.getJob(shortcode)));
    expect(jobs.every((j) => j?.shortcode === shortcode)).toBe(true);
    expect(workable.requests.count({ status: 200 })).toBe(25);
    expect(workable.requests.count({ status: 429 })).toBeGreaterThan(0);
    expect(logs.some((r) => r.level === "warn" && /HTTP 429; retry/.test(r.message))).toBe(true);
  });

  it("runs a whole flow against a 10-per-second window without a single failure", async () => {
    // Candidates need one detail call each (the list cannot carry them): 1 list + 24 details.
    const fakes = await startFakes({ jobs: 2, candidates: 24, rateLimit: { requests: 10, perMs: 1000 } });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const rt = runtime(fakes, {
      http: { ...fast, rateLimits: { workable: { requests: 100, perMs: 1000 } } },
    });
    const res = await Workable.createProfilesInHrflow(profileFlowOptions(fakes, source), rt);
    expect([res.status, res.events.read_failure, res.written]).toEqual(["success", 0, 24]);
    expect(fakes.hrflow.profiles(source)).toHaveLength(24);
    // Resume downloads are outside the API window; only API calls count here.
    const ok = fakes.workable.requests.filter({ status: 200 }).filter((r) => !r.route.startsWith("/files"));
    expect(ok).toHaveLength(25);
    // The client waited for the window: 25 answered requests spread over at least 3 windows, never
    // more than 10 in one, and every 429 the fake counted was retried.
    const perWindow = new Map<number, number>();
    for (const r of ok)
      perWindow.set(Math.floor(r.at / 1000), (perWindow.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    expect(perWindow.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(10);
    const retried = rt.logs.filter((r) => /HTTP 429; retry/.test(r.message)).length;
    expect(retried).toBe(fakes.workable.requests.count({ status: 429 }));
  }, 20_000);

  it("waits when Workable reports a spent window (X-Rate-Limit-Remaining: 0) instead of paying a 429", async () => {
    const workable = await startWorkable({ jobs: 2, rateLimit: { requests: 3, perMs: 1000 } });
    // The client's own limit is far looser than the fake's window: only the headers can hold it back.
    const client = createWorkableClient(
      {
        baseUrls: { workable: workable.baseUrl },
        http: { ...fast, rateLimits: { workable: { requests: 100, perMs: 1000 } } },
      },
      { token: workable.token, subdomain: "acme" },
    );
    const shortcodes: string[] = [];
    for (let i = 0; i < 7; i++)
      shortcodes.push((await client.getJob(workable.jobs[i % 2]!.shortcode))!.shortcode);
    expect(shortcodes).toEqual([0, 1, 0, 1, 0, 1, 0].map((i) => workable.jobs[i]!.shortcode));
    expect(workable.requests.count({ status: 200 })).toBe(7);
    expect(workable.requests.count({ status: 429 })).toBe(0);
  });

  it("uses Workable's published limit by default (10 requests per 10 s per token)", async () => {
    const workable = await startWorkable({ jobs: 1 });
    const client = createWorkableClient(
      { baseUrls: { workable: workable.baseUrl }, http: fast },
      { token: workable.token, subdomain: "acme" },
    );
    await Promise.all(Array.from({ length: 10 }, () => client.getJob(workable.jobs[0]!.shortcode)));
    expect(workable.requests.count({ status: 200 })).toBe(10);
    expect(workable.requests.count({ status: 429 })).toBe(0);
    const last = workable.requests.log.at(-1)!;
    expect(last.status).toBe(200);
  });
});

describe("faults", () => {
  it("skips a candidate deleted between list and details instead of passing an error body on", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 6 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    fakes.workable.fail({ method: "GET", route: "/candidates/{id}", status: 404, message: "Not found" });
    const rt = runtime(fakes);
    const res = await Workable.createProfilesInHrflow(profileFlowOptions(fakes, source), rt);
    expect([res.status, res.written]).toEqual(["success", 5]);
    const stored = fakes.hrflow.profiles(source);
    const ids = new Set(fakes.workable.candidates.map((c) => c.id));
    expect(stored.every((p) => ids.has(p.reference as string))).toBe(true);
    expect(rt.logs.some((r) => r.level === "warn" && /disappeared/.test(r.message))).toBe(true);
  });

  it("retries 5xx and 429 transparently", async () => {
    const fakes = await startFakes({ jobs: 4 });
    const board = fakes.hrflow.addBoard();
    fakes.workable.fail({ route: "/jobs", status: 429, retryAfterSeconds: 0 });
    fakes.workable.fail({ route: "/jobs", status: 503, times: 2 });
    const res = await Workable.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 4]);
    expect(fakes.workable.requests.count({ route: "/jobs" })).toBe(4);
    const stored = fakes.hrflow.jobs(board).map((j) => j.reference);
    expect(stored.sort()).toEqual(fakes.workable.jobs.map((j) => j.shortcode).sort());
  });

  it("ends the read on a detail call that keeps failing, writing no bogus profile", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 10 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    fakes.workable.fail({ route: "/candidates/{id}", status: 500, times: 50 });
    const res = await Workable.createProfilesInHrflow(
      profileFlowOptions(fakes, source),
      runtime(fakes, { http: { retry: { retries: 2, baseDelayMs: 1 } } }),
    );
    expect([res.status, res.reason, res.events.read_failure]).toEqual(["fatal", "read_failure", 1]);
    expect(fakes.hrflow.profiles(source)).toHaveLength(0);
  });

  it("treats a malformed list body as a read failure", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    fakes.workable.fail({ route: "/jobs", malformed: true });
    const res = await Workable.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
  });

  it("refuses requests without the right token", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const board = fakes.hrflow.addBoard();
    const res = await Workable.createJobsInHrflow(
      jobFlowOptions(fakes, board, { connector_auth: { api_access_token: "wrong", subdomain: "acme" } }),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    expect(fakes.workable.requests.count({ status: 401 })).toBe(1);
  });
});
