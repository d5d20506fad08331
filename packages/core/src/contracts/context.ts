import type { z } from "zod";
import type { ClientSettings } from "../http/settings.js";
import type { Logger } from "../logging/logger.js";
import type { Mode } from "./enums.js";

// A client's settings belong to http (contracts -> http, never back); re-exported because every
// context carries them.
export type { ClientSettings };

/** A zod object schema describing one parameter set (auth, pull or push parameters). */
export type ParamSchema = z.ZodObject<Readonly<Record<string, z.ZodType>>, z.core.$ZodObjectConfig>;

/** One parameters schema per mode an operation supports; a missing mode is unsupported. */
export type ModeSchemas = Partial<Record<Mode, ParamSchema>>;

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
