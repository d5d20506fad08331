import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  DEFAULT_RETENTION,
  RedisDeadLetter,
  RunQueues,
  redisClient,
  retentionWith,
  runQueueName,
  sweepRetention,
} from "../src/index.js";
import { until } from "./helpers.js";

const redisUrl = `${inject("redisUrl")}/8`;
const redis = redisClient(redisUrl);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const entry = (i: number): DeadLetterEntry =>
  ({
    workflow_id: "retention",
    run_id: "run-1",
    stage: "write",
    item: { reference: `c${i}`, email: `person${i}@example.com` },
    error: "refused",
    at: new Date().toISOString(),
  }) as unknown as DeadLetterEntry;

beforeAll(async () => {
  await redis.flushdb();
});
afterAll(async () => {
  await redis.quit();
});

describe("retention", () => {
  it("keeps at most the capped number of dead letters, the newest", async () => {
    const stream = "test:dead-letter:count";
    const sink = new RedisDeadLetter(redis, stream, 5);
    for (let i = 0; i < 12; i++) sink.put(entry(i));
    await sink.close();
    expect(sink.count).toBe(12);
    const kept = await redis.xrange(stream, "-", "+");
    expect(kept.map(([, f]) => JSON.parse(f[3]!).item.reference)).toEqual(["c7", "c8", "c9", "c10", "c11"]);
  });

  it("removes dead letters older than their age, even when no new one arrives", async () => {
    const stream = "test:dead-letter:age";
    const [seconds] = await redis.time();
    const now = Number(seconds) * 1000;
    // Written 8 and 6 days ago (stream ids are the time they were added), and now.
    await redis.xadd(stream, `${now - 8 * DAY}-0`, "workflow_id", "w", "entry", JSON.stringify(entry(1)));
    await redis.xadd(stream, `${now - 6 * DAY}-0`, "workflow_id", "w", "entry", JSON.stringify(entry(2)));
    new RedisDeadLetter(redis, stream).put(entry(3));
    await until(async () => (await redis.xlen(stream)) === 3 || undefined, "three entries");
    const swept = await sweepRetention(redis, [], DEFAULT_RETENTION, { stream });
    expect(swept.deadLetters).toBe(1);
    const left = await redis.xrange(stream, "-", "+");
    expect(left.map(([, f]) => JSON.parse(f[3]!).item.reference)).toEqual(["c2", "c3"]);
    // A shorter retention, as an operator sets it: only today's entry stays.
    await sweepRetention(redis, [], retentionWith({ deadLetterMaxAgeMs: DAY }), { stream });
    expect((await redis.xrange(stream, "-", "+")).map(([, f]) => JSON.parse(f[3]!).item.reference)).toEqual([
      "c3",
    ]);
  });

  it("keeps webhook jobs (event data) an hour and pull jobs a day, then removes them; counts are capped", async () => {
    const queues = new RunQueues(redisUrl, { retention: { jobMaxCount: 3 } });
    const queue = queues.queue("retention-test");
    const submit = (trigger: "pull" | "catch", n: number) =>
      queues.enqueue(
        {
          connector: "retention-test",
          action: "a",
          workflow_id: trigger === "pull" ? `pull-${n}` : "hooks",
          trigger,
          config: {},
          ...(trigger === "catch" ? { event: { email: `p${n}@example.com` } } : {}),
        },
        trigger === "catch" ? { jobId: `webhook-${n}` } : {},
      );
    for (let n = 0; n < 5; n++) await submit("catch", n);
    for (let n = 0; n < 2; n++) await submit("pull", n);
    expect((await queue.getJob("webhook-0"))?.opts.removeOnComplete).toEqual({ age: 3600, count: 3 });
    // Not our worker: a plain processor, only so the jobs finish (one fails).
    const worker = new Worker(
      runQueueName("retention-test"),
      async (job) => {
        if (job.id === "webhook-4") throw new Error("refused");
        return {};
      },
      { connection: { url: redisUrl, maxRetriesPerRequest: null } },
    );
    try {
      await until(async () => {
        const c = await queue.getJobCounts("waiting", "active");
        return (c.waiting ?? 0) + (c.active ?? 0) === 0 || undefined;
      }, "every job to end");
    } finally {
      await worker.close();
    }
    const completed = async () => (await queue.getJobs(["completed"])).map((j) => j.name).sort();
    // BullMQ's count cap: the 3 newest of the 6 finished jobs stay (the pulls ran last).
    expect(await completed()).toEqual(["catch", "pull", "pull"]);

    const t = Date.now();
    const r = queues.retention;
    await sweepRetention(redis, [queue], r, { now: t + 2 * HOUR, stream: "test:none" });
    expect(await completed()).toEqual(["pull", "pull"]);
    expect((await queue.getJobs(["failed"])).map((j) => j.id)).toEqual(["webhook-4"]);
    await sweepRetention(redis, [queue], r, { now: t + 2 * DAY, stream: "test:none" });
    expect(await completed()).toEqual([]);
    expect(await queue.getJobs(["failed"])).toHaveLength(1);
    await sweepRetention(redis, [queue], r, { now: t + 8 * DAY, stream: "test:none" });
    expect(await queue.getJobs(["failed"])).toHaveLength(0);
    // Nothing of the events is left in Redis.
    const keys = await redis.keys("bull:hrflow-connectors-runs-retention-test:webhook-*");
    expect(keys).toEqual([]);
    await queues.close();
  }, 60_000);
});
