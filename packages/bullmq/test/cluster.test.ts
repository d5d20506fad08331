import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { Queue } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import {
  RedisStore,
  type RunJob,
  type RunJobResult,
  RunQueues,
  redisClient,
  runQueueName,
} from "../src/index.js";
import { type Child, jobsConfig, ref, startChild, until } from "./helpers.js";

// Workers are child processes running the real worker; the fakes and Redis belong to this process.
const redisUrl = inject("redisUrl");
const redis = redisClient(redisUrl);
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
let queues: RunQueues;
const children: Child[] = [];

const QUEUE = runQueueName("workable");
const WEBHOOK_SECRET = "whsec-test";
const dir = mkdtempSync(join(tmpdir(), "hrflow-bullmq-test-"));
const workerEnv = (extra: Record<string, string> = {}) => ({
  REDIS_URL: redisUrl,
  WORKABLE_TOKEN: workable.token,
  HRFLOW_SECRET: hrflow.apiKey,
  HRFLOW_USER: hrflow.userEmail,
  WORKABLE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  BASE_URLS: JSON.stringify({ workable: workable.baseUrl, hrflow: hrflow.baseUrl }),
  ...extra,
});
async function workers(
  n: number,
  extra: Record<string, string> = {},
): Promise<{ child: Child; id: string }[]> {
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
const refs = (board: string) =>
  hrflow
    .jobs(board)
    .map((j) => String(j.reference))
    .sort();
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
  rmSync(dir, { recursive: true, force: true });
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
    // The second run starts at the checkpoint or before it, never after: nothing is skipped.
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
    // The first run writes the 12 jobs; the three after it find each one on the board (skipped).
    expect(results.reduce((n, r) => n + r.written, 0)).toBe(12);
    expect(results.reduce((n, r) => n + r.written + r.skipped, 0)).toBe(4 * 12);
    expect(refs(board)).toEqual(workable.jobs.map((j) => j.shortcode).sort());
  }, 90_000);

  it("keeps three workers on one token within the vendor's window (counted by the fake)", async () => {
    // Each worker alone keeps to the limit; only the shared Redis window keeps the three together
    // (without it the three runs draw 429s). The margin covers transit on a busy machine.
    // Workable jobs now come with the list (one request per run): one request per window makes
    // three simultaneous runs collide unless the window is shared.
    const limit = { requests: 1, perMs: 1000 };
    workable = await startFakeWorkable({ jobs: 14, rateLimit: limit, seed: 5 });
    hrflow = await startFakeHrFlow();
    await workers(3, { RATE_LIMITS: JSON.stringify({ workable: limit }), RATE_MARGIN_MS: "300" });
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
    const results = await Promise.all(
      ids.map((id) => until(() => finished(queues.queue("workable"), id), id, 60_000)),
    );
    expect(results.map((r) => r.status)).toEqual(["success", "success", "success"]);
    for (const board of boards) expect(refs(board)).toEqual(workable.jobs.map((j) => j.shortcode).sort());
    // Three runs ran on three workers at once, yet the fake refused nothing.
    expect(new Set(results.map((r) => r.worker)).size).toBeGreaterThan(1);
    expect(workable.requests.count({ status: 429 })).toBe(0);
    expect(workable.requests.count()).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it("stops a worker on SIGTERM after its current batch; the run goes back to the queue and resumes elsewhere", async () => {
    // Three list pages of 100, one per 3 s: the SIGTERM lands while the second page is awaited.
    workable = await startFakeWorkable({ jobs: 300, rateLimit: null, seed: 6 });
    hrflow = await startFakeHrFlow();
    const board = hrflow.addBoard();
    const pool = await workers(2, {
      BATCH_SIZE: "4",
      RATE_LIMITS: JSON.stringify({ workable: { requests: 1, perMs: 3000 } }),
    });
    const id = await queues.enqueue({
      connector: "workable",
      action: "create_jobs_in_hrflow",
      workflow_id: "sigterm",
      trigger: "pull",
      config: jobsConfig("sigterm", board, workable.subdomain, { incremental: true }),
    });
    await until(() => hrflow.jobs(board).length >= 8, "some jobs on the board");
    const owner = await redis.get("hrflow-connectors:lock:sigterm");
    const first = pool.find((w) => owner?.startsWith(`${w.id}:`))!;
    first.child.child.kill("SIGTERM");
    expect(await first.child.exited).toBe(0);
    // Released at once (no lease to wait for), after what was read was written and checkpointed.
    expect(await redis.get("hrflow-connectors:lock:sigterm")).not.toBe(owner);
    // The committed token waits for a complete read; the resume point covers what was written.
    const saved = (await new RedisStore(redis).load("sigterm")) as {
      incremental_token: string | null;
      resume?: { done: number };
    };
    expect(saved.incremental_token).toBeNull();
    const done = saved.resume?.done ?? 0;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(300);
    const result = await until(
      () => finished(queues.queue("workable"), id),
      "the run to end on the other worker",
    );
    expect(result.worker).not.toBe(first.id);
    // The other worker passes over the finished prefix instead of reading it again.
    expect(result.read).toBe(300 - done);
    expect(result.written).toBe(300 - done);
    expect(refs(board)).toEqual(workable.jobs.map((j) => j.shortcode).sort());
  }, 90_000);

  it("keeps every webhook answered 202 through a crash of the intake and of a worker", async () => {
    workable = await startFakeWorkable({ jobs: 2, candidates: 3, rateLimit: null, seed: 8 });
    hrflow = await startFakeHrFlow();
    const source = hrflow.addSource(undefined, { sync_parsing: true });
    const config = join(dir, "serve.json");
    writeFileSync(
      config,
      JSON.stringify({
        actions: [
          {
            connector: "workable",
            action: "create_profiles_in_hrflow",
            webhook_secret: ref("WORKABLE_WEBHOOK_SECRET"),
            ...jobsConfig("webhooks", "unused", workable.subdomain),
            push_parameters: { source_key: source },
          },
        ],
      }),
    );
    const intake = startChild("intake.ts", workerEnv({ INTAKE_CONFIG: config }));
    children.push(intake);
    const url = `${await intake.ready}/workable/create_profiles_in_hrflow`;
    const post = (body: string, signed = true) =>
      fetch(url, {
        method: "POST",
        body,
        headers: signed
          ? { "x-workable-signature": createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex") }
          : {},
      });
    const bodies = workable.candidates.map((c) =>
      JSON.stringify({ event_type: "candidate_created", data: { id: c.id, email: c.email, job: c.job } }),
    );
    expect((await post(bodies[0]!, false)).status).toBe(401);
    for (const body of bodies) expect((await post(body)).status).toBe(202);
    intake.child.kill("SIGKILL");
    await intake.exited;
    // Nothing ran yet: the accepted events are only in Redis.
    const waiting = await queues.queue("workable").getJobs(["waiting"]);
    expect(waiting.filter((j) => j.data.trigger === "catch")).toHaveLength(3);

    const [first] = await workers(1);
    await until(() => redis.get("hrflow-connectors:lock:webhooks"), "a worker to take an event");
    first!.child.child.kill("SIGKILL");
    await first!.child.exited;
    await workers(1);
    await until(() => hrflow.profiles(source).length === 3 || undefined, "three profiles");
    await until(
      async () =>
        (await queues.queue("workable").getJobCounts("active", "waiting", "delayed")).active === 0 ||
        undefined,
      "idle queue",
    );
    const references = hrflow
      .profiles(source)
      .map((p) => String(p.reference))
      .sort();
    expect(references).toEqual(workable.candidates.map((c) => c.id).sort());
  }, 90_000);
});
