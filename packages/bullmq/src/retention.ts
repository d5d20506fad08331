import type { Logger } from "@hrflow-connectors/core";
import type { JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { DEAD_LETTER_MAX_COUNT, DEAD_LETTER_STREAM } from "./dead-letter.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long and how many of each kind of data this package keeps in Redis. */
export interface Retention {
  /** Dead letters (whole failed items, personal data included): 7 days by default. */
  deadLetterMaxAgeMs: number;
  /** At most this many dead letters, the oldest dropped first: 10 000 by default (about 30 MB). */
  deadLetterMaxCount: number;
  /** Finished webhook jobs (their data is the vendor's event, e-mails included): 1 hour. */
  webhookCompletedMaxAgeMs: number;
  /** Failed webhook jobs, kept to be looked at and retried: 7 days. */
  webhookFailedMaxAgeMs: number;
  /** Finished and failed pull jobs (config with secret references, counts; no personal data). */
  pullCompletedMaxAgeMs: number;
  pullFailedMaxAgeMs: number;
  /** At most this many finished (and, separately, failed) jobs per queue, the newest: 1000. */
  jobMaxCount: number;
}

/** The defaults, documented in the README's "Retention" table. */
export const DEFAULT_RETENTION: Readonly<Retention> = Object.freeze({
  deadLetterMaxAgeMs: 7 * DAY,
  deadLetterMaxCount: DEAD_LETTER_MAX_COUNT,
  webhookCompletedMaxAgeMs: HOUR,
  webhookFailedMaxAgeMs: 7 * DAY,
  pullCompletedMaxAgeMs: DAY,
  pullFailedMaxAgeMs: 7 * DAY,
  jobMaxCount: 1000,
});

/** The defaults with the given overrides. */
export function retentionWith(overrides: Partial<Retention> = {}): Retention {
  return { ...DEFAULT_RETENTION, ...overrides };
}

/**
 * BullMQ's removal options for a job of the given trigger. BullMQ applies them only when a job
 * of the queue finishes, so `sweepRetention` enforces the ages on quiet queues too.
 */
export function jobRetention(
  trigger: "pull" | "catch",
  r: Retention,
): Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> {
  const [done, failed] =
    trigger === "catch"
      ? [r.webhookCompletedMaxAgeMs, r.webhookFailedMaxAgeMs]
      : [r.pullCompletedMaxAgeMs, r.pullFailedMaxAgeMs];
  return {
    removeOnComplete: { age: Math.ceil(done / 1000), count: r.jobMaxCount },
    removeOnFail: { age: Math.ceil(failed / 1000), count: r.jobMaxCount },
  };
}

/** What one sweep removed. */
export interface SweepResult {
  deadLetters: number;
  jobs: number;
}

const PAGE = 200;

/** Removes a queue's finished or failed jobs older than their kind's age; returns how many. */
async function sweepJobs(queue: Queue, state: "completed" | "failed", r: Retention, now: number) {
  const maxAge = (name: string) =>
    state === "completed"
      ? name === "catch"
        ? r.webhookCompletedMaxAgeMs
        : r.pullCompletedMaxAgeMs
      : name === "catch"
        ? r.webhookFailedMaxAgeMs
        : r.pullFailedMaxAgeMs;
  const youngest = Math.min(maxAge("catch"), maxAge("pull"));
  let removed = 0;
  // Oldest first: stop at the first page whose oldest job is younger than the shortest age.
  for (let start = 0; ; start += PAGE) {
    const jobs = await queue.getJobs([state], start, start + PAGE - 1, true);
    let kept = 0;
    for (const job of jobs) {
      if (now - (job.finishedOn ?? job.timestamp) > maxAge(job.name)) {
        try {
          await job.remove();
          removed++;
          continue;
        } catch {
          // Removed meanwhile by BullMQ or another worker's sweep: nothing left to do.
        }
      }
      kept++;
    }
    const oldest = jobs[0];
    if (jobs.length < PAGE || (oldest && now - (oldest.finishedOn ?? oldest.timestamp) <= youngest)) break;
    // Removed jobs left the set: the next page starts where the kept ones end.
    start -= PAGE - kept;
  }
  return removed;
}

/**
 * Enforces the retention once: dead letters older than their age are trimmed from the stream
 * (XTRIM MINID; the count is kept by every XADD), finished and failed jobs older than their kind's
 * age are removed. `now` (ms) is the Redis server's clock unless given.
 */
export async function sweepRetention(
  redis: Redis,
  queues: Queue[],
  r: Retention,
  options: { now?: number; stream?: string } = {},
): Promise<SweepResult> {
  const [seconds, micros] = await redis.time();
  const now = options.now ?? Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  const cutoff = Math.max(0, now - r.deadLetterMaxAgeMs);
  const deadLetters = await redis.xtrim(options.stream ?? DEAD_LETTER_STREAM, "MINID", "=", `${cutoff}-0`);
  let jobs = 0;
  for (const q of queues) {
    jobs += await sweepJobs(q, "completed", r, now);
    jobs += await sweepJobs(q, "failed", r, now);
  }
  return { deadLetters, jobs };
}

/**
 * Sweeps now and then every `everyMs` (default 60 s); the returned function stops and waits for a
 * sweep in progress (so the connection can be closed after it).
 */
export function keepRetention(
  redis: Redis,
  queues: () => Queue[],
  r: Retention,
  logger: Logger,
  everyMs = 60_000,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const sweep = () => {
    // A slow sweep is not doubled by the next tick.
    if (running) return;
    running = sweepRetention(redis, queues(), r)
      .then((res) => {
        if (res.deadLetters + res.jobs > 0) logger.info("Retention: removed expired data", { ...res });
      })
      .catch((err: unknown) => logger.warn(`Retention sweep failed: ${(err as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
