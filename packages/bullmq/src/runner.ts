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
import { type RunJob, resolveSecrets } from "./jobs.js";

/** What a worker needs to turn one job into a run. */
export interface RunnerContext {
  redis: Redis;
  store: Store;
  logger: Logger;
  resolveConnector: (name: string) => Promise<LoadedConnector>;
  env?: NodeJS.ProcessEnv;
  /** Run options every run of this worker gets (e.g. base URLs of fakes, HTTP policy overrides). */
  runtime?: RunOptions;
}

/**
 * Runs one job's action with the worker's environment for secrets, the shared Redis store for
 * state and checkpoints, the shared Redis stream for dead letters, and identity locks in Redis.
 */
export async function runJob(
  job: RunJob,
  ctx: RunnerContext,
  signals: { signal: AbortSignal; stop: AbortSignal },
): Promise<RunResult> {
  const loaded = await ctx.resolveConnector(job.connector);
  const action = resolveAction(loaded, job.action);
  const config = resolveSecrets({ ...job.config, workflow_id: job.workflow_id }, ctx.env);
  const { options, runtime } = prepareAction(action, config, {}, `job ${job.workflow_id}`);
  const deadLetter = new RedisDeadLetter(ctx.redis);
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
