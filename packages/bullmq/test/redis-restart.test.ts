import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningRedis, startRedis } from "../../../scripts/redis.mjs";
import { type RunJobResult, RunQueues } from "../src/index.js";
import { type Child, jobsConfig, startChild, until } from "./helpers.js";

// Its own Redis (the shared one must not restart under the other files): AOF, as scripts/redis.mjs
// configures every Redis of the project.
let redis: RunningRedis;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
const children: Child[] = [];

beforeAll(async () => {
  redis = await startRedis();
  workable = await startFakeWorkable({ jobs: 60, rateLimit: null, seed: 31 });
  hrflow = await startFakeHrFlow();
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  await workable?.close();
  await hrflow?.close();
  await redis?.stop();
});

it("lands every item exactly once when Redis is SIGKILLed and restarted mid-run (AOF)", async () => {
  const board = hrflow.addBoard();
  const env = {
    REDIS_URL: redis.url,
    WORKABLE_TOKEN: workable.token,
    HRFLOW_SECRET: hrflow.apiKey,
    BASE_URLS: JSON.stringify({ workable: workable.baseUrl, hrflow: hrflow.baseUrl }),
    BATCH_SIZE: "4",
    // A slow client window stretches the run so the restart lands in the middle of it.
    RATE_LIMITS: JSON.stringify({ workable: { requests: 15, perMs: 1000 } }),
  };
  children.push(startChild("worker.ts", env), startChild("worker.ts", env));
  await Promise.all(children.map((c) => c.ready));
  const queues = new RunQueues(redis.url);
  try {
    const id = await queues.enqueue({
      connector: "workable",
      action: "create_jobs_in_hrflow",
      workflow_id: "restart",
      trigger: "pull",
      config: jobsConfig("restart", board, workable.subdomain, { incremental: true }),
    });
    await until(() => hrflow.jobs(board).length >= 12 || undefined, "part of the run written");
    const before = hrflow.jobs(board).length;
    await redis.restart();
    const result = await until(async () => {
      const job = await queues.queue("workable").getJob(id);
      return job && (await job.isCompleted()) ? (job.returnvalue as RunJobResult) : undefined;
    }, "the run to complete after the restart");
    expect(before).toBeLessThan(60);
    expect(result.status).toBe("success");
    const refs = hrflow.jobs(board).map((j) => String(j.reference));
    expect(refs.sort()).toEqual(workable.jobs.map((j) => j.shortcode).sort());
    expect(new Set(refs).size).toBe(60);
  } finally {
    await queues.close();
  }
}, 120_000);
