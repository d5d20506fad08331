import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { AnyWriteSession, WriteFailure } from "../contracts/aisle.js";
import type { ReadContext, WriteContext } from "../contracts/context.js";
import { type Events, emptyEvents } from "../contracts/enums.js";
import { HttpRuntime } from "../http/runtime.js";
import { defaultLogger } from "../logging/logger.js";
import { accountingOf } from "./accounting.js";
import { Checkpoint, ListingTrail, type ResumePoint } from "./checkpoint.js";
import { checkAccounting, outcome, runCallback, runFinishHook, saveResult } from "./conclude.js";
import { BatchWindow, DEFAULT_BATCH_SIZE } from "./concurrency.js";
import {
  type DeadLetterSink,
  type DeadLetterStage,
  deadLetterFailureMessage,
  deadLetterFor,
} from "./dead-letter.js";
import { explain, refusal } from "./explain.js";
import { writeByIdentity } from "./identity.js";
import { ProcessIdentityLocks } from "./identity-locks.js";
import { holdWorkflowLease } from "./lease.js";
import { preflight } from "./preflight.js";
import { decideStatus, type RunResult } from "./result.js";
import { errorText, isThenable, itemStages } from "./stages.js";
import { clampOf, type LoadedState, loadState, runScope, usableResume } from "./state.js";
import { compareTokens, maxToken, tokenCeiling } from "./token.js";
import type { RunOptions, RunSpec } from "./types.js";

/**
 * Runs one action: validate everything, then stream read -> logics/format -> batched writes.
 * Memory stays bounded by batch size x concurrency; every dropped item is counted and dead-lettered.
 */
export async function run(spec: RunSpec, options: RunOptions = {}): Promise<RunResult> {
  // Every request in flight listens to the run's signal: more than the 10 listeners after which
  // Node 20 prints a MaxListenersExceededWarning. The run's own signal, linked to the caller's by one
  // listener (removed when the run ends), has no such limit.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const outer = options.signal;
  const relay = () => controller.abort(outer?.reason);
  if (outer?.aborted) relay();
  else outer?.addEventListener("abort", relay, { once: true });
  try {
    return await runLinked(spec, { ...options, signal: controller.signal });
  } finally {
    outer?.removeEventListener("abort", relay);
  }
}

async function runLinked(spec: RunSpec, options: RunOptions): Promise<RunResult> {
  const actionId = randomUUID().replaceAll("-", "");
  const startedAt = new Date();
  const events: Events = emptyEvents();
  const base = options.logger ?? defaultLogger();
  // The run's own redactor starts with the caller's secrets and learns the parameters' ones.
  const redactor = base.redactor.fork();
  const logger = base.child(
    {
      workflow_id: spec.workflowId,
      action_id: actionId,
      connector: spec.connector,
      origin: spec.origin.name,
      target: spec.target.name,
      action_name: spec.actionName,
      started_at: startedAt.toISOString(),
    },
    redactor,
  );
  let written = 0;
  // Items the target accepted, skipped ones included; written = delivered - skipped.
  let delivered = 0;
  let skipped = 0;
  let held = 0;
  let peakInFlight = 0;
  let deadLetter: DeadLetterSink | null = null;
  let previousToken: string | null = null;
  // Said once each, in the log and on the result.
  const warnings: string[] = [];
  let futureDated = 0;
  const warn = (text: string) => {
    warnings.push(text);
    logger.warn(text);
  };

  const finish = (partial: Partial<RunResult> & Pick<RunResult, "status" | "reason">): RunResult => {
    const finishedAt = new Date();
    return {
      workflow_id: spec.workflowId,
      action_id: actionId,
      action_name: spec.actionName,
      connector: spec.connector,
      origin: spec.origin.name,
      target: spec.target.name,
      mode: spec.mode,
      incremental: spec.incremental,
      persist: spec.persist,
      incremental_token: previousToken,
      events: { ...events },
      written,
      skipped,
      accounting: accountingOf(events, { written, skipped, held }),
      dead_letter: {
        location: deadLetter?.location ?? null,
        count: deadLetter?.count ?? 0,
        ...(deadLetter?.failure ? { unrecorded: deadLetter.failure.unrecorded } : {}),
      },
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: finishedAt.getTime() - startedAt.getTime(),
      peak_in_flight: peakInFlight,
      ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
      ...(futureDated > 0 ? { future_dated: futureDated } : {}),
      ...partial,
    };
  };

  // 1. Everything decided without I/O.
  const cleared = preflight(spec, options, logger, redactor);
  if (!cleared.ok) {
    const { reason, message, issues } = cleared;
    return finish({
      status: "fatal",
      reason,
      ...(message ? { message } : {}),
      ...(issues ? { issues } : {}),
    });
  }
  const { parsed, store } = cleared;
  const tokenHandler = spec.origin.incremental;

  // One run per workflow at a time: the lease is held from before the state is read until the end.
  const leaseSettings = { ttlMs: options.leaseTtlMs, wait: options.waitForLease, signal: options.signal };
  await using lease = await holdWorkflowLease(store, spec.workflowId, leaseSettings, logger);
  if (lease.refusal) return finish({ status: "fatal", reason: "workflow_busy", message: lease.refusal });

  // 2. State. No token past the ceiling is ever committed (see `TokenClamp`).
  const clamp = clampOf(spec);
  const ceiling = tokenCeiling(startedAt);
  const scope = runScope(spec, parsed);
  let resumeFrom: ResumePoint | null = null;
  if (store) {
    let state: LoadedState;
    try {
      state = await loadState(store, spec.workflowId, clamp, ceiling);
    } catch (err) {
      logger.error(`Failed to load state from ${store.name} backend error=${errorText(err)}`);
      return finish({ status: "fatal", reason: "store_failure", message: errorText(err) });
    }
    previousToken = state.token;
    if (state.heldBack !== undefined) {
      warn(
        `The stored incremental token ${state.heldBack} is dated past this run's start: it is dropped and everything is read again`,
      );
    }
    // A replay's items are not a listing, and a full dry run tracks nothing: nothing to resume.
    if (!options.source && (spec.incremental || spec.persist)) {
      const run = { incremental: spec.incremental, token: previousToken, scope, now: startedAt };
      resumeFrom = usableResume(state.resume, { ...run, maxAgeMs: options.resumeMaxAgeMs });
    }
  }
  const readToken = spec.incremental ? previousToken : null;
  const compare = tokenHandler?.compare ?? compareTokens;

  // 3. Stream.
  const signal = options.signal ? AbortSignal.any([options.signal, lease.lost]) : lease.lost;
  // A graceful stop ends the read at the next item; what was read is still written and checkpointed.
  const limit = options.limit !== undefined && options.limit >= 0 ? Math.floor(options.limit) : null;
  // Set when the first batch was refused whole with one error (failFast): reading stops there.
  let refused: string | null = null;
  let limited = false;
  // A dead-letter sink that cannot record stops the read too: later failures would be lost.
  const stopped = () =>
    signal.aborted || options.stop?.aborted === true || refused !== null || Boolean(deadLetter?.failure);
  deadLetter = deadLetterFor(options.deadLetter, spec.workflowId, actionId);
  const dl = deadLetter;
  // The first error of each stage explains a fatal result in one sentence.
  const firstErrors: Partial<Record<DeadLetterStage, string>> = {};
  const kill = (stage: DeadLetterStage, item: unknown, error: string, outcome?: "unknown") => {
    firstErrors[stage] ??= redactor.text(error);
    dl.put({
      run_id: actionId,
      workflow_id: spec.workflowId,
      connector: spec.connector,
      action_name: spec.actionName,
      mode: spec.mode,
      stage,
      error: redactor.text(error),
      ...(outcome ? { outcome } : {}),
      item,
      at: new Date().toISOString(),
    });
  };

  // Limiters and token sessions: the caller's when it shares them between runs, else this run's own.
  const httpRuntime = options.httpRuntime ?? new HttpRuntime();
  // Each side sees its first parameter set as auth and its last as parameters (one set in the older style).
  const contextFor = (sets: RunSpec["origin"]["parameterSets"]) => ({
    mode: spec.mode,
    auth: parsed[sets[0]?.label ?? ""] ?? {},
    parameters: parsed[sets.at(-1)?.label ?? ""] ?? {},
    signal,
    logger,
    baseUrls: options.baseUrls ?? {},
    http: options.http ?? {},
    httpRuntime,
    workflowId: spec.workflowId,
    store,
  });
  const readCtx: ReadContext = {
    ...contextFor(spec.origin.parameterSets),
    incremental: spec.incremental,
    incrementalToken: readToken,
  };
  // One context for the whole run; skips are counted as they are reported, and logged once per
  // batch (a re-run that finds everything up to date would otherwise log a line per item).
  const skippedWhy = new Map<unknown, string>();
  const writeCtx: WriteContext = {
    ...contextFor(spec.target.parameterSets),
    ...(options.lookBeforeWrite ? { lookBeforeWrite: options.lookBeforeWrite } : {}),
    ...(options.sharedTargets ? { sharedTargets: true } : {}),
    skip: (item, why) => {
      skipped++;
      written = delivered - skipped;
      skippedWhy.set(item, why);
      logger.debug(`Item skipped by warehouse=${spec.target.name}: ${redactor.text(why)}`);
    },
  };
  // One write session per persisting run: what the batches share lives in it, not in module state.
  const openSession = (): AnyWriteSession => {
    try {
      return spec.target.open(writeCtx);
    } catch (err) {
      const error = errorText(err);
      logger.error(
        `Failed to open writing to warehouse=${spec.target.name} with error=${redactor.text(error)}`,
      );
      return { write: async (items) => items.map((item) => ({ item, error })) };
    }
  };
  const session = spec.persist ? openSession() : null;
  const batchSize = Math.max(1, options.batchSize ?? spec.target.batchSize ?? DEFAULT_BATCH_SIZE);
  const writeWindow = new BatchWindow(batchSize, options.concurrency);
  // Without the caller's locks, the run's own still keep its concurrent batches apart.
  const identityLocks = options.identityLocks ?? new ProcessIdentityLocks();
  const logics = spec.logics ?? [];
  const progressEvery = Math.max(1, Math.min(batchSize, 500));
  const progress = (phase: "reading" | "done") =>
    options.onProgress?.({
      phase,
      events: { ...events },
      written,
      in_flight: inFlight,
      elapsed_ms: Date.now() - startedAt.getTime(),
    });

  let inFlight = 0;
  let batch: unknown[] = [];
  let runToken: string | null = readToken;
  let fatalTokenError: string | null = null;
  let readError: string | null = null;
  let readComplete = false;
  let trail = new ListingTrail();
  // Items of an interrupted run's finished prefix, skipped by this one.
  let resumedItems = 0;
  // Every read of the origin that can save progress is tracked, so an interrupted run resumes
  // (see `usableResume`); a replay's items are no listing, and a dry run saves nothing.
  const tracked = !options.source && (spec.incremental || (store !== null && spec.persist));
  let futureLatest: string | null = null;

  const pending = new Set<Promise<void>>();
  const checkpoint = new Checkpoint({
    from: readToken,
    keep: previousToken,
    scope,
    resumed: resumeFrom,
    store: tracked && spec.persist ? store : null,
    workflowId: spec.workflowId,
    actionId,
    logger,
  });

  const writeBatch = async (session: AnyWriteSession, seq: number, items: unknown[]) => {
    const began = Date.now();
    // Writes of one identity never run at once (see identity.ts); a failed write fails its items.
    const failures: WriteFailure[] = await writeByIdentity(session, items, identityLocks, spec.target.name, {
      signal,
      onError: (err) =>
        logger.error(
          `Failed to write to warehouse=${spec.target.name} with error=${redactor.text(errorText(err))}`,
        ),
    });
    writeWindow.done(items.length, failures.length, Date.now() - began);
    if (options.failFast && seq === 0 && delivered === 0) {
      const same = refusal(items.length, failures);
      if (same !== null) refused = redactor.text(same);
    }
    events.write_failure += failures.length;
    // Skips are reported through the context while batches run at once: the total is exact.
    delivered += items.length - failures.length;
    written = delivered - skipped;
    for (const f of failures) kill("write", f.item, f.error, f.outcome);
    let skips = 0;
    let why: string | undefined;
    for (const item of items) {
      const reason = skippedWhy.get(item);
      if (reason === undefined) continue;
      skips++;
      why ??= reason;
      skippedWhy.delete(item);
    }
    if (skips > 0) {
      logger.info(
        `${skips} of ${items.length} item(s) of a batch skipped by warehouse=${spec.target.name} (up to date), e.g. ${redactor.text(why!)}`,
      );
    }
    inFlight -= items.length;
    // Once failures go unrecorded the checkpoint stays put, so a resumed run reads them again.
    if (!dl.failure) checkpoint.finish(seq);
    progress("reading");
  };

  const dispatch = async () => {
    const items = batch;
    batch = [];
    const seq = checkpoint.open(tracked ? trail.mark() : null);
    if (!session || items.length === 0) {
      // A dry run never finishes a batch, so its checkpoint never moves.
      inFlight -= items.length;
      if (!session) held += items.length;
      else checkpoint.finish(seq);
      return;
    }
    while (pending.size >= writeWindow.limit) await Promise.race(pending);
    const p = writeBatch(session, seq, items).finally(() => pending.delete(p));
    pending.add(p);
  };

  const { applyLogics, applyFormat } = itemStages({
    logics,
    format: spec.format,
    itemSchema: spec.target.itemSchema,
    targetName: spec.target.name,
    events,
    logger,
    kill,
  });
  const [first, second] =
    spec.order === "logics-then-format" ? [applyLogics, applyFormat] : [applyFormat, applyLogics];

  // A replay hands its items over (options.source): nothing is read from the origin.
  const replaying = options.source !== undefined;
  logger.info(
    replaying
      ? `Starting to replay given items (not read from warehouse=${spec.origin.name}) into warehouse=${spec.target.name} with mode=${spec.mode}`
      : `Starting to read from warehouse=${spec.origin.name} with mode=${spec.mode} incremental=${spec.incremental} incremental_token=${readToken}`,
  );
  if (resumeFrom) {
    logger.info(`Resuming an interrupted run: the first ${resumeFrom.done} item(s) of the listing were done`);
  }
  // One pass over the source. With `skip`, the interrupted run's finished prefix is passed over;
  // "restart" means the listing is no longer the one it saw, so everything is read again instead.
  const readPass = async (skip: ResumePoint | null): Promise<"done" | "stopped" | "restart" | "limited"> => {
    if (limit === 0 || stopped()) return limit === 0 ? "limited" : "stopped";
    for await (const raw of options.source ?? spec.origin.read(readCtx)) {
      if (tracked && !spec.incremental) trail.addItem(raw);
      else if (tracked) {
        let token: string;
        let committed: string | null;
        try {
          token = tokenHandler!.token(raw);
          committed = clamp(token, ceiling);
        } catch (err) {
          events.read_success++;
          events.getting_incremental_token_failure++;
          fatalTokenError = errorText(err);
          logger.error(
            `Failed to get incremental token from warehouse=${spec.origin.name} with error=${fatalTokenError}`,
          );
          kill("token", raw, fatalTokenError);
          return "done";
        }
        trail.add(token);
        runToken = maxToken(runToken, committed, compare);
        if (committed === null) futureLatest = maxToken(futureLatest, token, compare);
        if (!(skip && trail.count <= skip.done) && committed === null) futureDated++;
      }
      if (tracked && skip && trail.count <= skip.done) {
        resumedItems++;
        if (trail.count === skip.done && trail.mark().digest !== skip.digest) return "restart";
        continue;
      }
      events.read_success++;
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      let item: unknown = first(raw);
      if (isThenable(item)) item = await item;
      if (item !== undefined) {
        item = second(item);
        if (isThenable(item)) item = await item;
      }
      if (item === undefined) inFlight--;
      else batch.push(item);
      if (batch.length >= batchSize) await dispatch();
      if (events.read_success % progressEvery === 0) progress("reading");
      if (stopped()) return "stopped";
      if (limit !== null && events.read_success >= limit) return "limited";
    }
    return skip && trail.count < skip.done ? "restart" : "done";
  };
  const readStarted = Date.now();
  try {
    let pass = await readPass(resumeFrom);
    if (pass === "restart") {
      logger.warn("The listing changed since the interrupted run: reading it again from the start");
      trail = new ListingTrail();
      resumedItems = 0;
      futureDated = 0;
      futureLatest = null;
      runToken = readToken;
      pass = await readPass(null);
    }
    // A graceful stop that comes once the listing was read through (while its last batches are
    // written) cuts nothing: the run is complete and its token moves, so nobody reads it again.
    readComplete = pass === "done" && !signal.aborted && fatalTokenError === null;
    limited = pass === "limited";
  } catch (err) {
    events.read_failure++;
    readError = redactor.text(errorText(err));
    logger.error(`Failed to read from warehouse=${spec.origin.name} with error=${readError}`);
  }
  if (batch.length > 0) await dispatch();
  await Promise.all(pending);
  await checkpoint.flushed();
  logger.info(
    `${replaying ? "Finished taking the items to replay" : `Finished reading from warehouse=${spec.origin.name}`} in ${((Date.now() - readStarted) / 1000).toFixed(1)} s: n_items=${events.read_success} read_failure=${events.read_failure}${resumedItems ? ` resumed_past=${resumedItems}` : ""}`,
  );

  if (futureDated > 0) {
    warn(
      `${futureDated} item(s) from ${spec.origin.name} are dated past this run's start (latest ${futureLatest}): written, but the incremental token stays at or before ${ceiling.toISOString()}`,
    );
  }

  const summary = {
    // A resumed run's prefix was read by the run before: its pushed set is not the whole source.
    readComplete: readComplete && events.read_failure === 0 && resumedItems === 0,
    written,
    failed: events.write_failure,
  };
  await runFinishHook(spec, session, summary, events, logger, (item, error) => kill("write", item, error));
  await dl.close();

  const ending = {
    origin: spec.origin.name,
    error: readError,
    tokenError: fatalTokenError,
    // A read cut by --limit or by a refused first batch is incomplete, not aborted.
    aborted: signal.aborted || (stopped() && !readComplete && refused === null && !limited),
  };
  let { status, reason, message } = outcome(events, skipped, ending);
  if (refused !== null) {
    logger.error(`Stopped reading after the first batch: the target refused all of it with error=${refused}`);
  }
  const because = (): string | undefined =>
    refused !== null && status === "fatal"
      ? `Stopped after the first batch: the target refused every item of it with the same error: ${refused}`
      : (message ??
        explain({
          status,
          reason,
          events,
          written,
          skipped,
          persist: spec.persist,
          incremental: spec.incremental,
          readToken,
          firstErrors,
          limit: limited ? limit : null,
        }));
  if (dl.failure) {
    status = "fatal";
    reason = "dead_letter_failure";
    message = deadLetterFailureMessage(dl.failure);
    logger.error(message);
  }
  progress("done");

  if (!spec.persist) {
    logger.info("Running in dry mode with persist=false: Ending execution after read, format and logics");
    message = because();
    return checkAccounting(finish({ status, reason, ...(message ? { message } : {}) }), logger);
  }

  const info = {
    originParameters: readCtx.parameters,
    targetParameters: writeCtx.parameters,
    events,
    written,
    result: session?.result?.(),
  };
  // Token failures and aborts never reach the callback, so the table alone decides again.
  if (await runCallback(spec, reason, info, logger)) ({ status, reason } = decideStatus(events, skipped));

  // The token only moves after a complete read that was not fatal: every item up to it was then
  // written, skipped or dead-lettered. An incomplete read keeps its resume point instead.
  const complete = readComplete && events.read_failure === 0;
  const nextToken = !spec.incremental ? previousToken : complete && status !== "fatal" ? runToken : readToken;
  const resume = !complete ? checkpoint.point : null;
  message = because();
  const result = checkAccounting(
    finish({
      status,
      reason,
      incremental_token: nextToken,
      ...(message ? { message } : {}),
      ...(resume ? { resume } : {}),
    }),
    logger,
  );
  await saveResult(store, result, logger);
  logger.info("Finished action", { status: result.status, reason: result.reason, events: result.events });
  return result;
}
