import { randomUUID } from "node:crypto";
import { type Events, emptyEvents } from "../contracts/enums.js";
import { defaultLogger, type Logger } from "../logging/logger.js";
import type { Redactor } from "../logging/redact.js";
import { accountingOf } from "./accounting.js";
import { ListingTrail } from "./checkpoint.js";
import type { DeadLetterSink, DeadLetterStage } from "./dead-letter.js";
import type { RunResult } from "./result.js";
import type { RunOptions, RunSpec } from "./types.js";

/**
 * Everything a run changes as it goes, in one object the stages are handed explicitly (see
 * run.ts for the stages). What a stage may only read is `readonly`.
 */
export interface RunState {
  readonly spec: RunSpec;
  readonly options: RunOptions;
  readonly actionId: string;
  readonly startedAt: Date;
  readonly logger: Logger;
  /** Starts with the caller's secrets and learns the parameters' ones. */
  readonly redactor: Redactor;
  readonly events: Events;
  /** Said once each, in the log and on the result. */
  readonly warnings: string[];
  /** The first error of each stage that drops items: it explains a fatal result in one sentence. */
  readonly firstErrors: Partial<Record<DeadLetterStage, string>>;
  /** Items the target accepted, skipped ones included; written = delivered - skipped. */
  delivered: number;
  written: number;
  skipped: number;
  /** Items a dry run took to the write and held there. */
  held: number;
  inFlight: number;
  peakInFlight: number;
  /** Set when the stream opens; a run refused before it has none. */
  deadLetter: DeadLetterSink | null;
  /** The stored incremental token the run started from. */
  previousToken: string | null;
  /** The newest committable token read so far. */
  runToken: string | null;
  /** Items dated past the run's start, and the newest of their tokens. */
  futureDated: number;
  futureLatest: string | null;
  /** The listing read so far, for resume points; restarted with the read. */
  trail: ListingTrail;
  /** Items of an interrupted run's finished prefix, skipped by this one. */
  resumedItems: number;
  /** Items waiting for the next write batch. */
  batch: unknown[];
  /** Write batches in flight. */
  readonly pending: Set<Promise<void>>;
  /** Why the target skipped an item, until its batch logs the skips once. */
  readonly skippedWhy: Map<unknown, string>;
  /** Set when the first batch was refused whole with one error (failFast): reading stops there. */
  refused: string | null;
  /** The read stopped at `limit` items. */
  limited: boolean;
  /** The listing was read through (nothing cut it). */
  readComplete: boolean;
  /** The read's own error, redacted. */
  readError: string | null;
  /** Why an item had no incremental token. */
  tokenError: string | null;
}

/** A fresh state for one run of `spec`: its id, clock, logger and empty counters. */
export function openRunState(spec: RunSpec, options: RunOptions): RunState {
  const actionId = randomUUID().replaceAll("-", "");
  const startedAt = new Date();
  const base = options.logger ?? defaultLogger();
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
  return {
    spec,
    options,
    actionId,
    startedAt,
    logger,
    redactor,
    events: emptyEvents(),
    warnings: [],
    firstErrors: {},
    delivered: 0,
    written: 0,
    skipped: 0,
    held: 0,
    inFlight: 0,
    peakInFlight: 0,
    deadLetter: null,
    previousToken: null,
    runToken: null,
    futureDated: 0,
    futureLatest: null,
    trail: new ListingTrail(),
    resumedItems: 0,
    batch: [],
    pending: new Set(),
    skippedWhy: new Map(),
    refused: null,
    limited: false,
    readComplete: false,
    readError: null,
    tokenError: null,
  };
}

/** Says a warning once, in the log and on the result. */
export function warn(s: RunState, text: string): void {
  s.warnings.push(text);
  s.logger.warn(text);
}

/** The run's result as the state stands, with `partial` deciding status, reason and the rest. */
export function resultOf(
  s: RunState,
  partial: Partial<RunResult> & Pick<RunResult, "status" | "reason">,
): RunResult {
  const { spec, events, deadLetter } = s;
  const finishedAt = new Date();
  return {
    workflow_id: spec.workflowId,
    action_id: s.actionId,
    action_name: spec.actionName,
    connector: spec.connector,
    origin: spec.origin.name,
    target: spec.target.name,
    mode: spec.mode,
    incremental: spec.incremental,
    persist: spec.persist,
    incremental_token: s.previousToken,
    events: { ...events },
    written: s.written,
    skipped: s.skipped,
    accounting: accountingOf(events, { written: s.written, skipped: s.skipped, held: s.held }),
    dead_letter: {
      location: deadLetter?.location ?? null,
      count: deadLetter?.count ?? 0,
      ...(deadLetter?.failure ? { unrecorded: deadLetter.failure.unrecorded } : {}),
    },
    started_at: s.startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    duration_ms: finishedAt.getTime() - s.startedAt.getTime(),
    peak_in_flight: s.peakInFlight,
    ...(s.warnings.length > 0 ? { warnings: [...s.warnings] } : {}),
    ...(s.futureDated > 0 ? { future_dated: s.futureDated } : {}),
    ...partial,
  };
}

/** Reports live counters to the caller's progress observer, if any. */
export function progress(s: RunState, phase: "reading" | "done"): void {
  s.options.onProgress?.({
    phase,
    events: { ...s.events },
    written: s.written,
    in_flight: s.inFlight,
    elapsed_ms: Date.now() - s.startedAt.getTime(),
  });
}
