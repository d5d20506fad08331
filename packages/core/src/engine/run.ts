import { randomUUID } from "node:crypto";
import { type Events, emptyEvents } from "../contracts/enums.js";
import type { ReadContext, WriteContext, WriteFailure } from "../contracts/warehouse.js";
import { createLogger } from "../logging/logger.js";
import { Redactor } from "../logging/redact.js";
import { storeFromEnv } from "../store/from-env.js";
import type { Store } from "../store/store.js";
import { type DeadLetterSink, type DeadLetterStage, JsonlDeadLetter } from "./dead-letter.js";
import { decideStatus, type ParameterIssue, type RunResult } from "./result.js";
import { compareTokens, maxToken } from "./token.js";
import type { RunOptions, RunSpec } from "./types.js";
import { describeIssues, parseParameters } from "./validate.js";

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";

const errorText = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

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
  const redactor = new Redactor();
  const base = options.logger ?? createLogger();
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
    mergeRedactors(base.redactor, redactor),
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
  if (spec.initError) {
    logger.error(`Failed to parse event with reason=${spec.initError.reason}`, { data: spec.initError.data });
    return finish({ status: "fatal", reason: spec.initError.reason });
  }
  if (!spec.workflowId) {
    return finish({
      status: "fatal",
      reason: "workflow_id_not_found",
      message: "workflow_id must be a non-empty string",
    });
  }
  if (spec.structuralError) return finish({ status: "fatal", reason: spec.structuralError });
  logger.info("Starting Action");

  const parsed: Record<string, any> = {};
  for (const set of [
    ...(spec.actionParameterSets ?? []),
    ...spec.origin.parameterSets,
    ...spec.target.parameterSets,
  ]) {
    redactor.addFromObject(set.value, spec.secretFields);
    const res = parseParameters(set.schema, set.value, set.label);
    if (!res.ok) {
      const issues: ParameterIssue[] = res.issues;
      logger.warn(`Failed to parse ${set.label} with errors=${describeIssues(issues)}`);
      return finish({ status: "fatal", reason: set.reason, issues, message: describeIssues(issues) });
    }
    parsed[set.label] = res.data;
  }

  const tokenHandler = spec.origin.incremental;
  if (spec.incremental && !tokenHandler) {
    logger.warn(
      `Origin warehouse ${spec.origin.name} does not support incremental reading for mode ${spec.mode}`,
    );
    return finish({ status: "fatal", reason: "origin_does_not_support_incremental" });
  }
  let store: Store | null;
  try {
    store = options.store === undefined ? storeFromEnv() : options.store;
  } catch (err) {
    return finish({ status: "fatal", reason: "backend_not_configured", message: errorText(err) });
  }
  if (spec.incremental && !store) {
    logger.warn("Backend not configured: Cannot run in incremental mode");
    return finish({ status: "fatal", reason: "backend_not_configured" });
  }

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

  const readCtx: ReadContext = {
    mode: spec.mode,
    auth: parsed[spec.origin.parameterSets[0]?.label ?? ""] ?? {},
    parameters: parsed[spec.origin.parameterSets.at(-1)?.label ?? ""] ?? {},
    incremental: spec.incremental,
    incrementalToken: readToken,
    signal,
    logger,
    baseUrls: options.baseUrls ?? {},
    http: options.http ?? {},
  };
  const writeCtx: WriteContext = {
    mode: spec.mode,
    auth: parsed[spec.target.parameterSets[0]?.label ?? ""] ?? {},
    parameters: parsed[spec.target.parameterSets.at(-1)?.label ?? ""] ?? {},
    signal,
    logger,
    baseUrls: options.baseUrls ?? {},
    http: options.http ?? {},
  };
  const batchSize = Math.max(1, options.batchSize ?? spec.target.batchSize ?? 100);
  const concurrency = Math.max(1, options.concurrency ?? 2);
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

  // Checkpointing: batches complete out of order, so the token only advances over the contiguous
  // prefix of finished batches, and only once something has actually been written.
  const pending = new Set<Promise<void>>();
  // Batches not yet folded into the checkpoint, by sequence number (bounded by the concurrency).
  const segmentTokens = new Map<number, string | null>();
  const done = new Set<number>();
  let nextSeq = 0;
  let prefix = 0;
  let checkpointToken: string | null = readToken;
  let checkpointing = Promise.resolve();
  const advanceCheckpoint = () => {
    let moved = false;
    while (done.has(prefix)) {
      checkpointToken = maxToken(checkpointToken, segmentTokens.get(prefix) ?? null, compare);
      segmentTokens.delete(prefix);
      done.delete(prefix);
      prefix++;
      moved = true;
    }
    if (moved && spec.incremental && store && written > 0) {
      const token = checkpointToken;
      const s = store;
      checkpointing = checkpointing
        .then(() =>
          s.save(spec.workflowId, { incremental_token: token, checkpoint: true, action_id: actionId }),
        )
        .catch((err) => logger.error(`Failed to checkpoint incremental token error=${errorText(err)}`));
    }
  };

  const writeBatch = async (seq: number, items: unknown[]) => {
    let failures: WriteFailure[];
    try {
      failures = await spec.target.write(writeCtx, parsed, items);
      if (!Array.isArray(failures)) throw new TypeError("write must return the array of failed items");
    } catch (err) {
      logger.error(
        `Failed to write to warehouse=${spec.target.name} with error=${redactor.text(errorText(err))}`,
      );
      failures = items.map((item) => ({ item, error: errorText(err) }));
    }
    events.write_failure += failures.length;
    written += items.length - failures.length;
    for (const f of failures) kill("write", f.item, f.error);
    inFlight -= items.length;
    done.add(seq);
    advanceCheckpoint();
    progress("reading");
  };

  const dispatch = async () => {
    const items = batch;
    batch = [];
    const seq = nextSeq++;
    if (spec.persist) segmentTokens.set(seq, segmentToken);
    segmentToken = null;
    if (!spec.persist || items.length === 0) {
      inFlight -= items.length;
      if (spec.persist) {
        done.add(seq);
        advanceCheckpoint();
      } // a dry run never checkpoints
      return;
    }
    while (pending.size >= concurrency) await Promise.race(pending);
    const p = writeBatch(seq, items).finally(() => pending.delete(p));
    pending.add(p);
  };

  // Logics and format stay synchronous unless a function returns a promise: fewer promises per
  // item means less garbage, which keeps both throughput and peak memory steady on large reads.
  const logicFailed = (i: number, item: unknown, err: unknown): undefined => {
    events.logics_failure++;
    logger.error(`Failed to apply logic function number=${i} error=${errorText(err)}`);
    kill("logics", item, errorText(err));
    return undefined;
  };
  const discarded = (): undefined => {
    events.logics_discard++;
    return undefined;
  };
  const applyLogics = (item: unknown, from = 0): unknown => {
    for (let i = from; i < logics.length; i++) {
      let out: unknown;
      try {
        out = logics[i]!(item);
      } catch (err) {
        return logicFailed(i, item, err);
      }
      if (isThenable(out)) {
        const input = item;
        return Promise.resolve(out).then(
          (v) => (v === null || v === undefined ? discarded() : applyLogics(v, i + 1)),
          (err) => logicFailed(i, input, err),
        );
      }
      if (out === null || out === undefined) return discarded();
      item = out;
    }
    return item;
  };
  const formatFailed = (item: unknown, err: unknown): undefined => {
    events.format_failure++;
    kill("format", item, errorText(err));
    return undefined;
  };
  const checkFormatted = (item: unknown, out: unknown): unknown => {
    if (!spec.target.itemSchema) return out;
    const res = spec.target.itemSchema.safeParse(out);
    if (res.success) return res.data;
    const why = res.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return formatFailed(item, new Error(`formatted item does not match ${spec.target.name} schema: ${why}`));
  };
  const applyFormat = (item: unknown): unknown => {
    let out: unknown;
    try {
      out = spec.format ? spec.format(item) : item;
    } catch (err) {
      return formatFailed(item, err);
    }
    if (isThenable(out)) {
      return Promise.resolve(out).then(
        (v) => checkFormatted(item, v),
        (err) => formatFailed(item, err),
      );
    }
    return checkFormatted(item, out);
  };
  const [first, second] =
    spec.order === "logics-then-format" ? [applyLogics, applyFormat] : [applyFormat, applyLogics];

  logger.info(
    `Starting to read from warehouse=${spec.origin.name} with mode=${spec.mode} incremental=${spec.incremental} incremental_token=${readToken}`,
  );
  const readStarted = Date.now();
  try {
    for await (const raw of options.source ?? spec.origin.read(readCtx, parsed)) {
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
  await checkpointing;
  logger.info(
    `Finished reading in ${((Date.now() - readStarted) / 1000).toFixed(3)} from warehouse=${spec.origin.name} n_items=${events.read_success} read_failure=${events.read_failure}`,
  );

  if (spec.persist && spec.target.finish) {
    try {
      const extra = await spec.target.finish(writeCtx, parsed, {
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
        originParameters: parsed[spec.origin.parameterSets.at(-1)?.label ?? ""],
        targetParameters: parsed[spec.target.parameterSets.at(-1)?.label ?? ""],
        events,
        written,
      });
    } catch (err) {
      events.callback_failure++;
      logger.error(`Failed to run callback with error=${errorText(err)}`);
    } finally {
      events.callback_executed++;
    }
    ({ status, reason } = fatalTokenError ? { status, reason } : decideStatus(events));
  }

  // A fatal run never moves the token beyond what was checkpointed; a non-incremental run keeps it.
  const nextToken = !spec.incremental
    ? previousToken
    : status !== "fatal"
      ? runToken
      : written > 0
        ? checkpointToken
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

function mergeRedactors(parent: Redactor, own: Redactor): Redactor {
  // The run's secrets are only known after validation, so the logger consults both at log time.
  const merged = Object.create(own) as Redactor;
  merged.text = (s: string) => own.text(parent.text(s));
  merged.value = <T>(v: T) => own.value(parent.value(v));
  return merged;
}
