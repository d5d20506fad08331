import {
  type LoadedConnector,
  prepareAction,
  resolveAction,
  runAction,
  runCatch,
} from "@hrflow-connectors/cli";
import type { Logger, RunOptions, RunResult, Store } from "@hrflow-connectors/core";
import type { Redis } from "ioredis";
import { RedisDeadLetter } from "./dead-letter.js";
import { RedisIdentityLocks } from "./identity-lock.js";
import { resolveJobConfig, TRUST_NOTHING, type WorkerTrust } from "./job-trust.js";
import type { RunJob } from "./jobs.js";

/** What a worker needs to turn one job into a run. */
export interface RunnerContext {
  redis: Redis;
  store: Store;
  logger: Logger;
  resolveConnector: (name: string) => Promise<LoadedConnector>;
  env?: NodeJS.ProcessEnv;
  /** The secrets and URLs job data may use (default: none). */
  trust?: WorkerTrust;
  /** Dead letters kept at most in the shared stream. */
  deadLetterMaxCount?: number;
  /** Run options every run of this worker gets (e.g. base URLs of fakes, HTTP policy overrides). */
  runtime?: RunOptions;
}

/**
 * Runs one job's action with the secrets the worker shares (`trust`), the shared Redis store for
 * state and checkpoints, the shared Redis stream for dead letters, and identity locks in Redis.
 */
export async function runJob(
  job: RunJob,
  ctx: RunnerContext,
  signals: { signal: AbortSignal; stop: AbortSignal },
): Promise<RunResult> {
  const loaded = await ctx.resolveConnector(job.connector);
  const action = resolveAction(loaded, job.action);
  // Job data is data: only named, shared secrets are resolved; URLs must be ones the worker allows.
  const config = resolveJobConfig(
    action,
    { ...job.config, workflow_id: job.workflow_id },
    ctx.trust ?? TRUST_NOTHING,
    ctx.env ?? process.env,
    Object.values(ctx.runtime?.baseUrls ?? {}),
  );
  const { options, runtime } = prepareAction(action, config, {}, `job ${job.workflow_id}`);
  const deadLetter = new RedisDeadLetter(ctx.redis, undefined, ctx.deadLetterMaxCount);
  const base = ctx.runtime ?? {};
  // The job's own settings win, key by key: a job naming its retries keeps the worker's rate limits.
  const http = {
    ...base.http,
    ...runtime.http,
    retry: { ...base.http?.retry, ...runtime.http?.retry },
    rateLimits: { ...base.http?.rateLimits, ...runtime.http?.rateLimits },
  };
  const run: RunOptions = {
    ...base,
    ...runtime,
    http,
    baseUrls: { ...base.baseUrls, ...runtime.baseUrls },
    store: ctx.store,
    deadLetter,
    // Writes of one identity are serialised across every worker on this Redis, not only per workflow.
    identityLocks: base.identityLocks ?? new RedisIdentityLocks(ctx.redis, { logger: ctx.logger }),
    logger: ctx.logger,
    signal: signals.signal,
    stop: signals.stop,
  };
  return job.trigger === "catch"
    ? runCatch(action, options, job.event ?? {}, run)
    : runAction(action, options, run);
}
