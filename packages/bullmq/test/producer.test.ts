import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  applySchedules,
  QueuedPullConflictError,
  type RunJob,
  RunQueues,
  redisClient,
  runQueueName,
  type Schedule,
} from "../src/index.js";
import { until } from "./helpers.js";

// Its own Redis database and connector name: no worker of the other files takes these jobs.
const redisUrl = `${inject("redisUrl")}/9`;
let queues: RunQueues;

beforeAll(async () => {
  const redis = redisClient(redisUrl);
  await redis.flushdb();
  await redis.quit();
  queues = new RunQueues(redisUrl);
});
afterAll(async () => {
  await queues.close();
});

const pull = (board: string): RunJob => ({
  connector: "producer-test",
  action: "create_jobs_in_hrflow",
  workflow_id: "acme-jobs",
  trigger: "pull",
  config: { push_parameters: { board_key: board } },
});

describe("a pull already queued for the workflow", () => {
  it("is joined with the same config, refused with another, replaced only when asked", async () => {
    const first = await queues.submit(pull("board-a"));
    expect(first.outcome).toBe("queued");
    expect(await queues.submit(pull("board-a"))).toEqual({
      id: first.id,
      outcome: "coalesced",
      message: `a pull of acme-jobs with the same config is already waiting (job ${first.id}): this trigger joins it`,
    });

    const err = await queues.submit(pull("board-b")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueuedPullConflictError);
    expect((err as Error).message).toBe(
      `A pull of acme-jobs with another config is already waiting (job ${first.id}); nothing was queued. ` +
        "Replace it (enqueue --replace), or wait until it has run.",
    );
    const queue = queues.queue("producer-test");
    expect((await queue.getJob(first.id))?.data.config).toEqual({
      push_parameters: { board_key: "board-a" },
    });

    const replaced = await queues.submit(pull("board-b"), { replace: true });
    expect(replaced).toMatchObject({ outcome: "replaced", replaced: first.id });
    expect(replaced.id).not.toBe(first.id);
    expect(await queue.getJob(first.id)).toBeUndefined();
    expect((await queue.getJob(replaced.id))?.data.config).toEqual({
      push_parameters: { board_key: "board-b" },
    });

    // Running: never replaced, and the refusal says so.
    let release!: () => void;
    const worker = new Worker(runQueueName("producer-test"), () => new Promise<void>((r) => (release = r)), {
      connection: { url: redisUrl, maxRetriesPerRequest: null },
    });
    try {
      await until(async () => (await queue.getJob(replaced.id))?.isActive(), "the pull to run");
      const running = await queues.submit(pull("board-c"), { replace: true }).catch((e: unknown) => e);
      expect((running as Error).message).toContain("It is running: queue this one once it has ended.");
      release();
      await until(async () => (await queue.getJob(replaced.id))?.isCompleted(), "the pull to end");
    } finally {
      release?.();
      await worker.close();
    }
    // Once it has ended, the next pull is queued as usual.
    expect((await queues.submit(pull("board-c"))).outcome).toBe("queued");
  }, 30_000);
});

describe("schedule apply with a changed config", () => {
  it("says that the queued run of the previous config is replaced", async () => {
    const schedule = (board: string) =>
      ({
        id: "nightly",
        connector: "producer-test",
        action: "create_jobs_in_hrflow",
        workflow_id: "nightly",
        every: 3_600_000,
        push_parameters: { board_key: board },
      }) as Schedule;
    const [first] = await applySchedules(queues, [schedule("board-a")]);
    expect(first?.notes).toBeUndefined();
    const again = await applySchedules(queues, [schedule("board-a")]);
    expect(again.find((s) => s.id === "nightly")?.notes).toBeUndefined();
    const changed = await applySchedules(queues, [schedule("board-b")]);
    expect(changed.find((s) => s.id === "nightly")?.notes).toEqual([
      expect.stringMatching(
        /^the queued run of the previous config \(job repeat:schedule:nightly:\d+\) is replaced by one with the new config$/,
      ),
    ]);
    const queued = await queues.queue("producer-test").getJobs(["delayed", "waiting"]);
    expect(queued.filter((j) => j.data.workflow_id === "nightly").map((j) => j.data.config)).toEqual([
      expect.objectContaining({ push_parameters: { board_key: "board-b" } }),
    ]);
  });
});
