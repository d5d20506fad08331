import { z } from "zod";
import type { Store } from "../store/store.js";
import type { HttpRuntime } from "./runtime.js";

/**
 * The HTTP settings a run may override, with their bounds: the one schema behind the run options
 * of the API, the CLI config (its snake_case keys map onto it) and every client's `ctx.http`.
 */
export const httpSettingsSchema = z
  .object({
    timeoutMs: z.number().int().min(1).max(600_000).optional().describe("Per-attempt timeout in ms"),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(4 * 1024 * 1024 * 1024)
      .optional()
      .describe(
        "Largest answer body kept in memory, counted after decompression (default 32 MiB); a larger answer is cut and fails the call",
      ),
    retry: z
      .object({
        retries: z.number().int().min(0).max(20).optional().describe("Attempts after the first one"),
        baseDelayMs: z.number().int().min(0).max(600_000).optional().describe("First backoff delay in ms"),
        maxDelayMs: z.number().int().min(0).max(3_600_000).optional().describe("Longest single wait in ms"),
      })
      .strict()
      .optional(),
    rateLimits: z
      .record(
        z.string(),
        z
          .object({
            requests: z.number().int().min(1),
            perMs: z.number().int().min(1),
          })
          .strict(),
      )
      .optional()
      .describe("Per vendor key, a rate limit to use instead of the vendor's published one"),
  })
  .strict();

/** HTTP policy overrides for every client of a run (inferred from `httpSettingsSchema`). */
export type HttpSettings = z.output<typeof httpSettingsSchema>;

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
