import type { z } from "zod";
import type { Logger } from "../logging/logger.js";
import type { Mode } from "./enums.js";

/** A zod object schema describing one parameter set (auth, pull or push parameters). */
export type ParamSchema = z.ZodObject<Readonly<Record<string, z.ZodType>>, z.core.$ZodObjectConfig>;

/** One parameters schema per mode an operation supports; a missing mode is unsupported. */
export type ModeSchemas = Partial<Record<Mode, ParamSchema>>;

/** Run-time settings a client honours: base URL overrides (e.g. a fake on 127.0.0.1) and HTTP tuning. */
export interface ClientSettings {
  /** Base URL per vendor key (e.g. `{ hrflow: "http://127.0.0.1:4010/v1" }`). */
  baseUrls: Record<string, string>;
  /** Overrides of the HTTP policy (timeouts, retries) for every client of the run. */
  http: {
    timeoutMs?: number;
    retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number };
    /**
     * Per vendor key, a rate limit to use instead of the vendor's published one (e.g. an OAuth
     * token's higher quota, or a local fake with a short window).
     */
    rateLimits?: Record<string, { requests: number; perMs: number }>;
  };
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
  mode: Mode;
  auth: Auth;
  parameters: Params;
  signal: AbortSignal;
  logger: Logger;
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
