import { randomUUID } from "node:crypto";
import type { AnyWriteSession, WriteFailure } from "../contracts/aisle.js";
import type { ReadContext, WriteContext } from "../contracts/context.js";
import { type Events, emptyEvents } from "../contracts/enums.js";
import { defaultLogger } from "../logging/logger.js";
import { Checkpoint } from "./checkpoint.js";
import { BatchWindow } from "./concurrency.js";
import { type DeadLetterSink, type DeadLetterStage, JsonlDeadLetter } from "./dead-letter.js";
import { preflight } from "./preflight.js";
import { decideStatus, type RunResult } from "./result.js";
import { errorText, isThenable, itemStages } from "./stages.js";
import { compareTokens, maxToken } from "./token.js";
import type { RunOptions, RunSpec } from "./types.js";

/** What the store keeps per workflow: the last result plus the checkpointed token. */
interface StoredState {
  incremental_token: string | null;
  checkpoint?: boolean;
}

/**
 * Runs one action: validate everything, then stream read -> logics/format -> batched writes.
 * Memory stays bounded by batch size x concurrency; every dropped item is counted and dead-lettered.
 */
export async function run(spec: RunSpec, options: RunOptions = {}): Promise<RunResult> {
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
  let peakInFlight = 0;
  let deadLetter: DeadLetterSink | null = null;
  let previousToken: string | null = null;

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
      dead_letter: { location: deadLetter?.location ?? null, count: deadLetter?.count ?? 0 },
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: finishedAt.getTime() - startedAt.getTime(),
      peak_in_flight: peakInFlight,
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

  // 2. State.
  if (store) {
    try {
      const state = (await store.load(spec.workflowId)) as StoredState | null;
      previousToken = state?.incremental_token ?? null;
    } catch (err) {
      logger.error(`Failed to load state from ${store.name} backend error=${errorText(err)}`);
      return finish({ status: "fatal", reason: "store_failure", message: errorText(err) });
    }
  }
  const readToken = spec.incremental ? previousToken : null;
  const compare = tokenHandler?.compare ?? compareTokens;

  // 3. Stream.
  const signal = options.signal ?? new AbortController().signal;
  deadLetter =
    typeof options.deadLetter === "object"
      ? options.deadLetter
      : options.deadLetter
        ? new JsonlDeadLetter(options.deadLetter)
        : JsonlDeadLetter.forRun(spec.workflowId, actionId);
  const dl = deadLetter;
  const kill = (stage: DeadLetterStage, item: unknown, error: string) =>
    dl.put({
      run_id: actionId,
      workflow_id: spec.workflowId,
      connector: spec.connector,
      action_name: spec.actionName,
      mode: spec.mode,
      stage,
      error: redactor.text(error),
      item,
      at: new Date().toISOString(),
    });

  // Each side sees its first parameter set as auth and its last as parameters (one set in the older style).
  const contextFor = (sets: RunSpec["origin"]["parameterSets"]) => ({
    mode: spec.mode,
    auth: parsed[sets[0]?.label ?? ""] ?? {},
    parameters: parsed[sets.at(-1)?.label ?? ""] ?? {},
    signal,
    logger,
    baseUrls: options.baseUrls ?? {},
    http: options.http ?? {},
  });
  const readCtx: ReadContext = {
    ...contextFor(spec.origin.parameterSets),
    incremental: spec.incremental,
    incrementalToken: readToken,
  };
  const writeCtx: WriteContext = contextFor(spec.target.parameterSets);
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
  const batchSize = Math.max(1, options.batchSize ?? spec.target.batchSize ?? 100);
  const writeWindow = new BatchWindow(batchSize, options.concurrency);
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
  let segmentToken: string | null = null;
  let runToken: string | null = readToken;
  let fatalTokenError: string | null = null;
  let readComplete = false;

  const pending = new Set<Promise<void>>();
  const checkpoint = new Checkpoint({
    start: readToken,
    compare,
    store: spec.incremental && spec.persist ? store : null,
    workflowId: spec.workflowId,
    actionId,
    logger,
  });

  const writeBatch = async (session: AnyWriteSession, seq: number, items: unknown[]) => {
    const began = Date.now();
    let failures: WriteFailure[];
    try {
      failures = await session.write(items);
      if (!Array.isArray(failures)) throw new TypeError("write must return the array of failed items");
    } catch (err) {
      logger.error(
        `Failed to write to warehouse=${spec.target.name} with error=${redactor.text(errorText(err))}`,
      );
      failures = items.map((item) => ({ item, error: errorText(err) }));
    }
    writeWindow.done(items.length, failures.length, Date.now() - began);
    events.write_failure += failures.length;
    written += items.length - failures.length;
    for (const f of failures) kill("write", f.item, f.error);
    inFlight -= items.length;
    checkpoint.finish(seq, written);
    progress("reading");
  };

  const dispatch = async () => {
    const items = batch;
    batch = [];
    const seq = checkpoint.open(segmentToken);
    segmentToken = null;
    if (!session || items.length === 0) {
      // A dry run never finishes a batch, so its checkpoint never moves.
      inFlight -= items.length;
      if (session) checkpoint.finish(seq, written);
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

  logger.info(
    `Starting to read from warehouse=${spec.origin.name} with mode=${spec.mode} incremental=${spec.incremental} incremental_token=${readToken}`,
  );
  const readStarted = Date.now();
  try {
    for await (const raw of options.source ?? spec.origin.read(readCtx)) {
      events.read_success++;
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      if (spec.incremental && tokenHandler) {
        try {
          segmentToken = maxToken(segmentToken, tokenHandler.token(raw), compare);
          runToken = maxToken(runToken, segmentToken, compare);
        } catch (err) {
          events.getting_incremental_token_failure++;
          fatalTokenError = errorText(err);
          logger.error(
            `Failed to get incremental token from warehouse=${spec.origin.name} with error=${fatalTokenError}`,
          );
          inFlight--;
          break;
        }
      }
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
      if (signal.aborted) break;
    }
    readComplete = !signal.aborted && fatalTokenError === null;
  } catch (err) {
    events.read_failure++;
    logger.error(
      `Failed to read from warehouse=${spec.origin.name} with error=${redactor.text(errorText(err))}`,
    );
  }
  if (batch.length > 0 || segmentToken !== null) await dispatch();
  await Promise.all(pending);
  await checkpoint.flushed();
  logger.info(
    `Finished reading in ${((Date.now() - readStarted) / 1000).toFixed(3)} from warehouse=${spec.origin.name} n_items=${events.read_success} read_failure=${events.read_failure}`,
  );

  if (session?.finish) {
    try {
      const extra = await session.finish({
        readComplete: readComplete && events.read_failure === 0,
        written,
        failed: events.write_failure,
      });
      for (const f of extra ?? []) {
        events.write_failure++;
        kill("write", f.item, f.error);
      }
    } catch (err) {
      logger.error(`Failed to finish writing to warehouse=${spec.target.name} with error=${errorText(err)}`);
    }
  }
  await dl.close();

  let { status, reason } = decideStatus(events);
  if (fatalTokenError !== null) {
    status = "fatal";
    reason = "getting_incremental_token_failure";
  } else if (signal.aborted) {
    status = "fatal";
    reason = "aborted";
  }
  progress("done");

  if (!spec.persist) {
    logger.info("Running in dry mode with persist=false: Ending execution after read, format and logics");
    return finish({ status, reason });
  }

  const earlyStop = [
    "read_failure",
    "logics_failure",
    "format_failure",
    "getting_incremental_token_failure",
    "aborted",
  ];
  if (spec.callback && !earlyStop.includes(reason)) {
    logger.info("Calling callback function");
    try {
      await spec.callback({
        originParameters: readCtx.parameters,
        targetParameters: writeCtx.parameters,
        events,
        written,
        result: session?.result?.(),
      });
    } catch (err) {
      events.callback_failure++;
      logger.error(`Failed to run callback with error=${errorText(err)}`);
    } finally {
      events.callback_executed++;
    }
    // Token failures and aborts never reach the callback, so the table alone decides again.
    ({ status, reason } = decideStatus(events));
  }

  // A fatal run never moves the token beyond what was checkpointed; a non-incremental run keeps it.
  const nextToken = !spec.incremental
    ? previousToken
    : status !== "fatal"
      ? runToken
      : written > 0
        ? checkpoint.token
        : readToken;
  const result = finish({ status, reason, incremental_token: nextToken });
  if (store) {
    logger.info(`Saving run results in ${store.name} backend`);
    try {
      await store.save(spec.workflowId, result);
    } catch (err) {
      result.store_error = errorText(err);
      logger.error(`Failed to save run results error=${result.store_error}`);
    }
  }
  logger.info("Finished action", { status: result.status, reason: result.reason, events: result.events });
  return result;
}
