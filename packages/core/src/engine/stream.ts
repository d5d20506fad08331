import type { AnyWriteSession } from "../contracts/aisle.js";
import type { ReadContext, WriteContext } from "../contracts/context.js";
import { HttpRuntime } from "../http/runtime.js";
import type { Store } from "../store/store.js";
import { Checkpoint, type ResumePoint } from "./checkpoint.js";
import { DEFAULT_BATCH_SIZE, WriteWindow } from "./concurrency.js";
import { type DeadLetterSink, type DeadLetterStage, deadLetterFor } from "./dead-letter.js";
import { type IdentityLocks, ProcessIdentityLocks } from "./identity-locks.js";
import type { Loaded } from "./load.js";
import type { RunState } from "./run-state.js";
import { errorText, type ItemStep, itemStages, logicsThenFormat } from "./stages.js";
import { compareTokens, type TokenClamp } from "./token.js";
import type { ContextSets } from "./types.js";
import { type BatchScope, WriteSlots } from "./write-slots.js";

/** Sends a dropped item to the dead-letter sink; `outcome: "unknown"` for writes that may have landed. */
export type Kill = (stage: DeadLetterStage, item: unknown, error: string, outcome?: "unknown") => void;

/** What the read, batch and write stages share, fixed once the stream opens. */
export interface Stream {
  readonly store: Store | null;
  /** The caller's signal, or the lease lost. */
  readonly signal: AbortSignal;
  readonly readCtx: ReadContext;
  readonly writeCtx: WriteContext;
  /** The run's one write session; null for a dry run. */
  readonly session: AnyWriteSession | null;
  readonly checkpoint: Checkpoint;
  readonly window: WriteWindow;
  /** One per request in flight, shared by every batch of the run (see write-slots.ts). */
  readonly slots: WriteSlots;
  /** The batches being written. */
  readonly writing: Set<BatchScope>;
  /**
   * How the run's writes send their items, learned from the batches written: "item" once one went
   * through `writeEach`, "batch" once one ended without (a write sending the batch its own way).
   */
  writes: "unknown" | "item" | "batch";
  readonly identityLocks: IdentityLocks;
  readonly batchSize: number;
  /** Items to read at most (`limit`), or null. */
  readonly limit: number | null;
  /** Whether the read is tracked for resume points (see `usableResume`). */
  readonly tracked: boolean;
  /** The token the read starts from (none for a full read). */
  readonly readToken: string | null;
  readonly clamp: TokenClamp;
  readonly ceiling: Date;
  readonly compare: (a: string, b: string) => number;
  readonly resumeFrom: ResumePoint | null;
  /** The per-item stages in the action's order. */
  readonly steps: readonly ItemStep[];
  readonly progressEvery: number;
  readonly deadLetter: DeadLetterSink;
  readonly kill: Kill;
}

/** Opens the stream: contexts, the write session, batching and the checkpoint, after load. */
export function openStream(
  s: RunState,
  parsed: Record<string, unknown>,
  store: Store | null,
  lease: { lost: AbortSignal },
  loaded: Loaded,
): Stream {
  const { spec, options, logger, redactor } = s;
  const signal = options.signal ? AbortSignal.any([options.signal, lease.lost]) : lease.lost;
  const deadLetter = deadLetterFor(options.deadLetter, spec.workflowId, s.actionId);
  s.deadLetter = deadLetter;
  const kill: Kill = (stage, item, error, outcome) => {
    s.firstErrors[stage] ??= redactor.text(error);
    deadLetter.put({
      run_id: s.actionId,
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
  const readToken = spec.incremental ? s.previousToken : null;
  s.runToken = readToken;
  // Limiters and token sessions: the caller's when it shares them between runs, else this run's own.
  const httpRuntime = options.httpRuntime ?? new HttpRuntime();
  const contextFor = (sets: ContextSets) => ({
    mode: spec.mode,
    auth: parsed[sets.auth] ?? {},
    parameters: parsed[sets.parameters] ?? {},
    signal,
    logger,
    baseUrls: options.baseUrls ?? {},
    http: options.http ?? {},
    httpRuntime,
    workflowId: spec.workflowId,
    store,
  });
  const readCtx: ReadContext = {
    ...contextFor(spec.origin.contextSets),
    incremental: spec.incremental,
    incrementalToken: readToken,
  };
  const writeCtx = writeContext(s, contextFor(spec.target.contextSets));
  const batchSize = Math.max(1, options.batchSize ?? spec.target.batchSize ?? DEFAULT_BATCH_SIZE);
  // Every read of the origin that can save progress is tracked, so an interrupted run resumes
  // (see `usableResume`); a replay's items are no listing, and a dry run saves nothing.
  const tracked = !options.source && (spec.incremental || (store !== null && spec.persist));
  const stages = itemStages({
    logics: spec.logics ?? [],
    format: spec.format,
    itemSchema: spec.target.itemSchema,
    targetName: spec.target.name,
    events: s.events,
    logger,
    kill,
  });
  const pipeline = spec.pipeline ?? logicsThenFormat;
  const window = new WriteWindow(batchSize, options.concurrency);
  return {
    store,
    signal,
    readCtx,
    writeCtx,
    session: spec.persist ? openSession(s, writeCtx) : null,
    checkpoint: new Checkpoint({
      from: readToken,
      keep: s.previousToken,
      scope: loaded.scope,
      resumed: loaded.resumeFrom,
      store: tracked && spec.persist ? store : null,
      workflowId: spec.workflowId,
      actionId: s.actionId,
      logger,
    }),
    window,
    slots: new WriteSlots(() => window.limit),
    writing: new Set(),
    writes: "unknown",
    // Without the caller's locks, the run's own still keep its concurrent batches apart.
    identityLocks: options.identityLocks ?? new ProcessIdentityLocks(),
    batchSize,
    limit: options.limit !== undefined && options.limit >= 0 ? Math.floor(options.limit) : null,
    tracked,
    readToken,
    clamp: loaded.clamp,
    ceiling: loaded.ceiling,
    compare: spec.origin.incremental?.compare ?? compareTokens,
    resumeFrom: loaded.resumeFrom,
    steps: pipeline({ logics: stages.applyLogics, format: stages.applyFormat }),
    progressEvery: Math.max(1, Math.min(batchSize, 500)),
    deadLetter,
    kill,
  };
}

/**
 * One context for the whole run; skips are counted as they are reported, and logged once per
 * batch (a re-run that finds everything up to date would otherwise log a line per item).
 */
function writeContext(s: RunState, side: Omit<WriteContext, "skip">): WriteContext {
  const { spec, options, logger, redactor } = s;
  return {
    ...side,
    ...(options.lookBeforeWrite ? { lookBeforeWrite: options.lookBeforeWrite } : {}),
    ...(options.sharedTargets ? { sharedTargets: true } : {}),
    skip: (item, why) => {
      s.skipped++;
      s.written = s.delivered - s.skipped;
      s.skippedWhy.set(item, why);
      logger.debug(`Item skipped by warehouse=${spec.target.name}: ${redactor.text(why)}`);
    },
  };
}

/** One write session per persisting run: what the batches share lives in it, not in module state. */
function openSession(s: RunState, writeCtx: WriteContext): AnyWriteSession {
  try {
    return s.spec.target.open(writeCtx);
  } catch (err) {
    const error = errorText(err);
    s.logger.error(
      `Failed to open writing to warehouse=${s.spec.target.name} with error=${s.redactor.text(error)}`,
    );
    return { write: async (items) => items.map((item) => ({ item, error })) };
  }
}
