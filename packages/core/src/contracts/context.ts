import type { z } from "zod";
import type { HttpRuntime } from "../http/runtime.js";
import type { HttpSettings } from "../http/settings.js";
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/store.js";
import type { Mode } from "./enums.js";

/** A zod object schema describing one parameter set (auth, pull or push parameters). */
export type ParamSchema = z.ZodObject<Readonly<Record<string, z.ZodType>>, z.core.$ZodObjectConfig>;

/** One parameters schema per mode an operation supports; a missing mode is unsupported. */
export type ModeSchemas = Partial<Record<Mode, ParamSchema>>;

/** Run-time settings a client honours: base URL overrides (e.g. a fake on 127.0.0.1) and HTTP tuning. */
export interface ClientSettings {
  /** Base URL per vendor key (e.g. `{ hrflow: "http://127.0.0.1:4010/v1" }`). */
  baseUrls: Record<string, string>;
  /** Overrides of the HTTP policy (timeouts, retries, rate limits; bounds: `httpSettingsSchema`). */
  http: HttpSettings;
  /** The workflow the run belongs to (named in errors that ask a person to act). */
  workflowId?: string;
  /**
   * The run's state store, for credentials a vendor issues once and a later run needs (e.g. an
   * OAuth refresh token that replaces a single-use authorization code). Null when the run has none.
   */
  store?: Store | null;
  /**
   * Where the run's clients share their rate limiters and token sessions (one per credential).
   * Set by the engine; a client without one keeps its own.
   */
  httpRuntime?: HttpRuntime;
}

/** What every read receives: `auth` and `parameters` are the validated (zod output) values. */
export interface ReadContext<Auth = unknown, Params = unknown> extends ClientSettings {
  mode: Mode;
  auth: Auth;
  parameters: Params;
  incremental: boolean;
  /** The token checkpointed by the previous incremental run, or null. */
  incrementalToken: string | null;
  signal: AbortSignal;
  logger: Logger;
}

/** What every write receives (besides the batch). */
export interface WriteContext<Auth = unknown, Params = unknown> extends ClientSettings {
  /**
   * True when the run replays items whose earlier write may have landed (dead-letter entries with
   * `outcome: "unknown"`): writes look each item up before sending it (see `reconcileDefaults`).
   * "when-possible" (a replay of items known not to have landed): looked up where the write can,
   * sent anyway where it cannot.
   */
  lookBeforeWrite?: boolean | "when-possible";
  /** True when other runs may write the same target at the same time (see `RunOptions.sharedTargets`). */
  sharedTargets?: boolean;
  mode: Mode;
  auth: Auth;
  parameters: Params;
  signal: AbortSignal;
  logger: Logger;
  /**
   * Reports an item of the batch that was deliberately not written (already there, unchanged):
   * it counts as skipped, not as written or failed. Set by the engine.
   */
  skip?: (item: unknown, why: string) => void;
}

/**
 * The read context of an operation with per-mode schemas: one member per mode, so checking
 * `ctx.mode` narrows `ctx.parameters` to that mode's `z.output`.
 */
export type ReadContextOf<Auth, P extends ModeSchemas> = {
  [M in keyof P & Mode]: ReadContext<Auth, z.output<NonNullable<P[M]>>> & { mode: M };
}[keyof P & Mode];

/** The write context of an operation with per-mode schemas (see `ReadContextOf`). */
export type WriteContextOf<Auth, P extends ModeSchemas> = {
  [M in keyof P & Mode]: WriteContext<Auth, z.output<NonNullable<P[M]>>> & { mode: M };
}[keyof P & Mode];
