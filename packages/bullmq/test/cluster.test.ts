import { startFakeHrFlow, type FakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { Queue } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunJob, type RunJobResult, RunQueues, RedisStore, redisClient, runQueueName } from "../src/index.js";
import { type Child, jobsConfig, startChild, until } from "./helpers.js";

// Workers are child processes running the real worker; the fakes and Redis belong to this process.
const redisUrl = inject("redisUrl");
const redis = redisClient(redisUrl);
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
let queues: RunQueues;
const children: Child[] = [];

const QUEUE = runQueueName("workable");
const workerEnv = (extra: Record<string, string> = {}) => ({
  REDIS_URL: redisUrl,
  WORKABLE_TOKEN: workable.token,
  HRFLOW_SECRET: hrflow.apiKey,
  HRFLOW_USER: hrflow.userEmail,
  BASE_URLS: JSON.stringify({ workable: workable.baseUrl, hrflow: hrflow.baseUrl }),
  ...extra,
});
async function workers(n: number, extra: Record<string, string> = {}): Promise<{ child: Child; id: string }[]> {
  const started = Array.from({ length: n }, () => startChild("worker.ts", workerEnv(extra)));
  children.push(...started);
  return Promise.all(started.map(async (child) => ({ child, id: await child.ready })));
}
async function stopAll() {
  for (const c of children.splice(0)) {
    if (c.child.exitCode === null) c.child.kill("SIGKILL");
    await c.exited;
  }
}
/** The references on a board, sorted. */
const refs = (board: string) => hrflow.jobs(board).map((j) => String(j.reference)).sort();
const finished = async (queue: Queue, id: string) => {
  const job = await queue.getJob(id);
  return job && (await job.isCompleted()) ? (job.returnvalue as RunJobResult) : undefined;
};

beforeAll(async () => {
  await redis.flushdb();
  queues = new RunQueues(redisUrl);
});
afterEach(async () => {
  await stopAll();
  await workable?.close();
  await hrflow?.close();
});
afterAll(async () => {
  await queues.close();
  await redis.quit();
});

describe("a cluster of worker processes on one Redis", () => {
  it("resumes a run on another worker from its checkpoint after SIGKILL: every job once, none missing", async () => {
    workable = await startFakeWorkable({ jobs: 60, rateLimit: null, seed: 3 });
    hrflow = await startFakeHrFlow();
    const board = hrflow.addBoard();
    // A slow client window stretches the run so the kill lands in the middle of it.
    const pool = await workers(3, {
      BATCH_SIZE: "4",
      RATE_LIMITS: JSON.stringify({ workable: { requests: 15, perMs: 1000 } }),
    });
    const id = await queues.enqueue({
      connector: "workable",
      action: "create_jobs_in_hrflow",
      workflow_id: "sigkill",
      trigger: "pull",
      config: jobsConfig("sigkill", board, workable.subdomain, { incremental: true }),
    });
    await until(() => hrflow.jobs(board).length >= 16, "a quarter of the jobs on the board");
    const owner = await redis.get("hrflow-connectors:lock:sigkill");
    const victim = pool.find((w) => owner?.startsWith(`${w.id}:`));
    expect(victim, `lock owner ${owner}`).toBeDefined();
    victim!.child.child.kill("SIGKILL");
    const written = hrflow.jobs(board).length;

    const result = await until(() => finished(queues.queue("workable"), id), "the run to complete elsewhere");
    expect(result.worker).not.toBe(victim!.id);
    expect(result.status).toBe("success");
    // Resumed from the checkpoint: the second run read only what came after it, not all 60.
    expect(result.read).toBeLessThan(60);
    expect(result.read).toBeGreaterThanOrEqual(60 - written - 4);
    const expected = workable.jobs.map((j) => j.shortcode).sort();
    expect(refs(board)).toEqual(expected);
    expect(new Set(refs(board)).size).toBe(60);
    const state = (await new RedisStore(redis).load("sigkill")) as { incremental_token: string };
    expect(state.incremental_token).toBe(workable.jobs.at(-1)!.created_at);
  }, 90_000);

  it("never runs one workflow on two workers at once, and never writes a job twice", async () => {
    workable = await startFakeWorkable({ jobs: 12, rateLimit: null, seed: 4 });
    hrflow = await startFakeHrFlow();
    const board = hrflow.addBoard();
    await workers(2, {
      WORKER_CONCURRENCY: "2",
      BATCH_SIZE: "3",
      RATE_LIMITS: JSON.stringify({ workable: { requests: 40, perMs: 1000 } }),
    });
    // Added straight to the queue, as schedules do: four triggers of one workflow at the same time.
    const queue = new Queue<RunJob>(QUEUE, { connection: { url: redisUrl } });
    const data: RunJob = {
      connector: "workable",
      action: "create_jobs_in_hrflow",
      workflow_id: "exclusive",
      trigger: "pull",
      config: jobsConfig("exclusive", board, workable.subdomain),
    };
    const jobs = await queue.addBulk(Array.from({ length: 4 }, () => ({ name: "pull", data })));
    const results = await Promise.all(
      jobs.map((j) => until(() => finished(queue, String(j.id)), `run ${j.id}`, 60_000)),
    );
    await queue.close();
    const spans = results
      .map((r) => [Date.parse(r.started_at), Date.parse(r.finished_at)] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    expect(results.map((r) => r.status)).toEqual(["success", "success", "success", "success"]);
    expect(results.reduce((n, r) => n + r.written, 0)).toBe(4 * 12);
    expect(refs(board)).toEqual(workable.jobs.map((j) => j.shortcode).sort());
  }, 90_000);

  it("keeps three workers on one token within the vendor's window (counted by the fake)", async () => {
    // Each worker alone keeps to the limit; only the shared Redis window keeps the three together.
    const limit = { requests: 12, perMs: 1000 };
    workable = await startFakeWorkable({ jobs: 14, rateLimit: limit, seed: 5 });
    hrflow = await startFakeHrFlow();
    await workers(3, { RATE_LIMITS: JSON.stringify({ workable: limit }), RATE_MARGIN_MS: "150" });
    const boards = ["a", "b", "c"].map((name) => hrflow.addBoard(`board-${name}`));
    const ids = await Promise.all(
      boards.map((board, i) =>
        queues.enqueue({
          connector: "workable",
          action: "create_jobs_in_hrflow",
          workflow_id: `window-${i}`,
          trigger: "pull",
          config: jobsConfig(`window-${i}`, board, workable.subdomain),
        }),
      ),
    );
    const results = await Promise.all(ids.map((id) => until(() => finished(queues.queue("workable"), id), id, 60_000)));
    expect(results.map((r) => r.status)).toEqual(["success", "success", "success"]);
    for (const board of boards) expect(refs(board)).toEqual(workable.jobs.map((j) => j.shortcode).sort());
    // Three runs ran on three workers at once, yet the fake refused nothing.
    expect(new Set(results.map((r) => r.worker)).size).toBeGreaterThan(1);
    expect(workable.requests.count({ status: 429 })).toBe(0);
    expect(workable.requests.count()).toBeGreaterThan(3 * limit.requests);
  }, 90_000);
});
