import type { z } from "zod";
import type { AnyWriteSession } from "../contracts/aisle.js";
import type { ParamSchema, ReadContext, WriteContext } from "../contracts/context.js";
import type { Events, Mode, Reason } from "../contracts/enums.js";
import type { Callback, Format, InitError, Logic } from "../contracts/hooks.js";
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/store.js";
import type { DeadLetterSink } from "./dead-letter.js";
import type { IdentityLocks } from "./identity-locks.js";
import type { RunResult } from "./result.js";
import type { ItemPipeline } from "./stages.js";

// The user functions' types live in the contracts; the engine's public API keeps exporting them.
export type { Callback, Format, InitError, Logic };

/** Live counters for a progress display. */
export interface Progress {
  phase: "reading" | "done";
  events: Events;
  written: number;
  in_flight: number;
  elapsed_ms: number;
}

/** How a run executes, as opposed to what it moves: stores, sinks, limits, observers. */
export interface RunOptions {
  /** State store; undefined means the default from the environment, null means none. */
  store?: Store | null;
  /** Dead-letter sink, a JSONL file path, or undefined for the default file per run. */
  deadLetter?: DeadLetterSink | string;
  logger?: Logger;
  signal?: AbortSignal;
  /**
   * A graceful stop (e.g. a worker's SIGTERM): reading ends at the next item, while the batches
   * already read are written and checkpointed; the run then ends `fatal` / `aborted` so it can be
   * resumed. `signal`, by contrast, also cancels the requests in flight.
   */
  stop?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Items per write call, the checkpoint and dead-letter unit (default: the write's own, else 10). */
  batchSize?: number;
  /**
   * Write requests in flight at once: items written at once by writes that go item by item, batches
   * for writes that send a batch their own way (default: adaptive, 4 to 32 requests; see concurrency.ts).
   */
  concurrency?: number;
  /** Base URL per vendor key, e.g. to point clients at a local fake. */
  baseUrls?: Record<string, string>;
  /**
   * Items to use instead of reading the origin (e.g. replaying a dead-letter file). The origin's
   * parameters are still validated; the origin itself is not called.
   */
  source?: AsyncIterable<unknown>;
  /**
   * Writes look each item up before sending it, and never resend one that cannot be looked up:
   * for replaying items whose earlier write may have landed (`outcome: "unknown"`).
   * "when-possible": looked up where the write has a lookup, sent anyway where it has none (a
   * replay of items known not to have landed, which an earlier replay may have delivered).
   */
  lookBeforeWrite?: boolean | "when-possible";
  /**
   * When another run holds the workflow's lease: false (default) ends this run at once, `fatal` /
   * `workflow_busy`; true waits until it is free (or `signal`); a number waits at most that many ms.
   */
  waitForLease?: boolean | number;
  /** The workflow lease's time to live (default 30 s): how long a holder that vanished blocks others. */
  leaseTtlMs?: number;
  /**
   * How old a full (non-incremental) read's resume point may be and still be resumed
   * (default `RESUME_MAX_AGE_MS`, 6 hours); older, the run reads everything again.
   */
  resumeMaxAgeMs?: number;
  /**
   * Rate limiters and token sessions shared with other runs (a server or worker passes one to all
   * its runs, so per-credential limits hold across them); default: one of the run's own.
   */
  httpRuntime?: import("../http/runtime.js").HttpRuntime;
  /** HTTP policy overrides for every client of the run (bounds: `httpSettingsSchema`). */
  http?: import("../http/settings.js").HttpSettings;
  /**
   * Reads stop after this many items (a trial run); the incremental token does not move, since the
   * rest of the source was not seen.
   */
  limit?: number;
  /**
   * When the first write batch fails entirely with one same error (a board that does not exist, a
   * revoked key), stop reading there instead of sending every item to be refused; the run ends
   * `fatal` with that error as its message.
   */
  failFast?: boolean;
  /**
   * Where writes of one item identity are serialised (see `WriteOperation.identity`). Runs given the
   * same instance never write one identity at once: a `ProcessIdentityLocks` for runs in this
   * process, a cluster-wide one (e.g. Redis) for runs on several workers. Default: the action's
   * own in-process locks, shared by every run of that action in the process.
   */
  identityLocks?: IdentityLocks;
  /**
   * True when other runs may write the same targets at the same time (the actions set it when the
   * caller passes `identityLocks`): a write must then look each item up under its identity lock,
   * never trust what it listed before (e.g. HrFlow creates skip their board listing).
   */
  sharedTargets?: boolean;
}

/** A parameter object with the schema that validates it and the reason used when it does not. */
export interface ParameterSet {
  label: string;
  schema: ParamSchema;
  value: unknown;
  reason: "bad_origin_parameters" | "bad_target_parameters" | "bad_action_parameters";
}

/** The labels of the parameter sets a side's context shows as `auth` and as `parameters` (may be one). */
export interface ContextSets {
  auth: string;
  parameters: string;
}

/** The engine's normalized view of any action, whatever its public style. */
export interface RunSpec {
  workflowId: string;
  actionName: string;
  connector: string;
  mode: Mode;
  /** The order of the per-item stages (default: logics, then format, as in the original's v2). */
  pipeline?: ItemPipeline | undefined;
  origin: {
    name: string;
    /** Validated in order; the first failing set ends the run. */
    parameterSets: ParameterSet[];
    contextSets: ContextSets;
    read: (ctx: ReadContext) => AsyncIterable<unknown>;
    incremental?:
      | {
          token(item: unknown): string;
          compare?(a: string, b: string): number;
          clamp?(token: string, ceiling: Date): string | null;
        }
      | undefined;
  };
  target: {
    name: string;
    parameterSets: ParameterSet[];
    contextSets: ContextSets;
    /** Opens the run's one write session, after validation and only for a persisting run. */
    open: (ctx: WriteContext) => AnyWriteSession;
    /** Formatted items are checked against this before any write; a mismatch is a format failure. */
    itemSchema?: z.ZodType | undefined;
    batchSize?: number | undefined;
  };
  /** Extra validated sets that belong to neither side (e.g. the older style's action_parameters). */
  actionParameterSets?: ParameterSet[];
  logics?: Logic[] | null | undefined;
  format?: Format | null | undefined;
  callback?: Callback | null | undefined;
  persist: boolean;
  incremental: boolean;
  initError?: InitError | undefined;
  /** Structural problems found before validation (unsupported mode, missing read...). */
  structuralError?: Reason | undefined;
  /** Field names, per set label, whose values must never be logged. */
  secretFields?: string[];
  /** The action's raw options and the keys it knows: anything else is refused before any I/O. */
  options?: { value: unknown; keys: readonly string[] } | undefined;
}

export type { RunResult };
