import { hostname } from "node:os";
import { connectorResolver, type LoadedConnector } from "@hrflow-connectors/cli";
import {
  createLogger,
  type Logger,
  type RunOptions,
  type RunResult,
  type Store,
} from "@hrflow-connectors/core";
import { HttpRuntime } from "@hrflow-connectors/core/http";
import { DelayedError, type Job, Worker } from "bullmq";
import { redisClient } from "./connection.js";
import { JobRefusedError, TRUST_NOTHING, type WorkerTrust } from "./job-trust.js";
import { type RunJob, type RunJobResult, runJobSchema, runQueueName } from "./jobs.js";
import { redisLimiterFactory } from "./limiter.js";
import { WorkflowLock } from "./lock.js";
import { ClusterMetrics } from "./metrics.js";
import { RunQueues } from "./producer.js";
import { guardRedis } from "./redis-guard.js";
import { keepRetention, type Retention, retentionWith } from "./retention.js";
import { runJob } from "./runner.js";
import { RedisStore } from "./store.js";

/** How a worker process runs jobs. */
export interface WorkerOptions {
  redisUrl: string;
  /** Connectors whose queues this worker serves (names as the CLI accepts them). */
  connectors: string[];
  /** Jobs run at once per connector queue (default 1). */
  concurrency?: number;
  /** Workflow lock lease and BullMQ job lock (default 30 s); a dead worker's run restarts after it. */
  leaseMs?: number;
  /** How often BullMQ looks for jobs of dead workers (default leaseMs / 2). */
  stalledIntervalMs?: number;
  /** How long a job whose workflow is running elsewhere waits before trying again (default 1 s). */
  lockRetryMs?: number;
  /** Share rate limits through Redis (default true). */
  sharedRateLimits?: boolean;
  /** Added to every shared window (default 10% of it, at most 250 ms): covers request transit time. */
  rateLimitMarginMs?: number;
  store?: Store;
  logger?: Logger;
  metrics?: ClusterMetrics;
  resolveConnector?: (name: string) => Promise<LoadedConnector>;
  runtime?: RunOptions;
  env?: NodeJS.ProcessEnv;
  /**
   * The secrets (by variable name) and URLs a job may use; job data from Redis is never
   * interpolated otherwise. Default: none, so a job naming a secret is refused.
   */
  trust?: WorkerTrust;
  /** Run on a Redis that can lose data (no AOF, or evicting keys); the risk is logged at start. */
  allowVolatileRedis?: boolean;
  /** How long dead letters and finished jobs are kept (see `DEFAULT_RETENTION`). */
  retention?: Partial<Retention>;
  /** How often the retention is enforced (default 60 s). */
  retentionSweepMs?: number;
}

/** A running worker: `stop` finishes current batches, checkpoints, puts unfinished runs back, closes. */
export interface RunningWorker {
  readonly id: string;
  readonly metrics: ClusterMetrics;
  stop(): Promise<void>;
}

/** Starts one BullMQ worker per connector queue in this process. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const redis = redisClient(options.redisUrl);
  const logger = (options.logger ?? createLogger()).child({ worker: id });
  try {
    await guardRedis(redis, {
      who: "worker",
      url: options.redisUrl,
      logger,
      allowVolatile: options.allowVolatileRedis ?? false,
    });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const trust = options.trust ?? TRUST_NOTHING;
  const retention = retentionWith(options.retention);
  // Queue handles only for /metrics' queue depth; the workers have their own connections.
  const queues = new RunQueues(options.redisUrl, { retention });
  for (const c of options.connectors) queues.queue(c);
  const metrics = options.metrics ?? new ClusterMetrics(() => queues.depth());
  const store = options.store ?? new RedisStore(redis);
  const leaseMs = options.leaseMs ?? 30_000;
  const lockRetryMs = options.lockRetryMs ?? 1000;
  const resolveConnector = options.resolveConnector ?? connectorResolver();
  // One runtime for every run of this worker: a credential's window and live token hold across its
  // concurrent runs, and (through Redis) across every worker process.
  const httpRuntime =
    options.runtime?.httpRuntime ??
    new HttpRuntime(
      options.sharedRateLimits === false
        ? {}
        : {
            limiterFactory: redisLimiterFactory(redis, {
              ...(options.rateLimitMarginMs !== undefined ? { marginMs: options.rateLimitMarginMs } : {}),
              hooks: {
                onWait: (key, ms) => metrics.rateLimitWaits.inc({ limiter: limiterLabel(key) }, ms / 1000),
                onPause: (key) => metrics.rateLimitPauses.inc({ limiter: limiterLabel(key) }),
                onError: (err) => logger.warn(`Shared rate limit unavailable: ${(err as Error).message}`),
              },
            }),
          },
    );
  // Aborted on stop(): running engines stop reading, finish their in-flight batches and checkpoint.
  const shutdown = new AbortController();

  const processJob = async (
    job: Job<RunJob, RunJobResult>,
    token?: string,
    jobSignal?: AbortSignal,
  ): Promise<RunJobResult> => {
    const data = runJobSchema.parse(job.data);
    // Job data chooses nothing the worker was not started for, not even another installed connector.
    if (runQueueName(data.connector) !== job.queueName) {
      throw new JobRefusedError([
        { path: "connector", message: `is not the connector of queue ${job.queueName}`, code: "wrong_queue" },
      ]);
    }
    const lock = new WorkflowLock(redis, data.workflow_id, `${id}:${job.id}`, leaseMs);
    if (!(await lock.acquire())) {
      // Another run of this workflow is going on: wait in the delayed set, not in a worker slot.
      metrics.lockWaits.inc();
      await job.moveToDelayed(Date.now() + lockRetryMs, token);
      throw new DelayedError();
    }
    const lost = new AbortController();
    lock.keepAlive((why) => {
      logger.error(`Stopping run of ${data.workflow_id}: ${why}`);
      lost.abort(new Error(why));
    });
    // A lost lock cancels at once (another worker may own the workflow now); a shutdown lets the
    // batches already read finish and checkpoint.
    const cancel = AbortSignal.any([lost.signal, ...(jobSignal ? [jobSignal] : [])]);
    const log = logger.child({ job_id: String(job.id), workflow_id: data.workflow_id });
    let result: RunResult;
    try {
      result = await runJob(
        data,
        {
          redis,
          store,
          logger: log,
          resolveConnector,
          runtime: { ...options.runtime, httpRuntime },
          env: options.env ?? process.env,
          trust,
          deadLetterMaxCount: retention.deadLetterMaxCount,
        },
        { signal: cancel, stop: shutdown.signal },
      );
    } finally {
      await lock.release().catch(() => {});
    }
    metrics.recordRun({ connector: data.connector, action: data.action }, result);
    const outcome = { status: result.status, reason: result.reason, written: result.written };
    if (result.reason === "aborted" && (shutdown.signal.aborted || lost.signal.aborted)) {
      // Stopped by a shutdown or a lost lock after checkpointing: back to the queue at once, so
      // another worker resumes the run from its checkpoint.
      log.info("Run interrupted, put back in the queue", outcome);
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
    log.info("Run finished", outcome);
    return {
      ...outcome,
      read: result.events.read_success,
      skipped: result.skipped,
      dead_letter: result.dead_letter.count,
      run_id: result.action_id,
      worker: id,
      started_at: result.started_at,
      finished_at: result.finished_at,
    };
  };

  const workers = options.connectors.map(
    (connector) =>
      new Worker<RunJob, RunJobResult>(runQueueName(connector), processJob, {
        connection: { url: options.redisUrl, maxRetriesPerRequest: null },
        concurrency: options.concurrency ?? 1,
        lockDuration: leaseMs,
        stalledInterval: options.stalledIntervalMs ?? Math.max(500, Math.floor(leaseMs / 2)),
        // A run whose worker died is given to another one a few times before it counts as failed.
        maxStalledCount: 5,
        autorun: true,
      }),
  );
  for (const w of workers) {
    w.on("failed", (job, err) => logger.error(`Job ${job?.id} failed: ${err.message}`));
    w.on("error", (err) => logger.error(`Worker error: ${err.message}`));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const stopRetention = keepRetention(redis, () => queues.all(), retention, logger, options.retentionSweepMs);
  // Names only (never values), in the message: a field called "secrets" would be redacted.
  const shared = trust.secrets.length > 0 ? trust.secrets.join(", ") : "none (a job naming one is refused)";
  const urls = trust.allowBaseUrls.join(", ") || "none (connectors call their real APIs)";
  logger.info(
    `Worker ready on ${options.connectors.map(runQueueName).join(", ")}; variables jobs may name: ${shared}; URLs jobs may use: ${urls}`,
  );

  return {
    id,
    metrics,
    async stop() {
      shutdown.abort(new Error("worker stopping"));
      await Promise.all(workers.map((w) => w.close()));
      await stopRetention();
      await queues.close();
      if (store instanceof RedisStore) await store.close();
      await redis.quit().catch(() => {});
    },
  };
}

/** A limiter key without the credential hash, for a metrics label. */
function limiterLabel(key: string): string {
  return key.split(":").at(-1)?.split("|")[0] ?? "unknown";
}
