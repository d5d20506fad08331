import type { Logger } from "../logging/logger.js";
import type { HttpPolicy } from "./policy.js";
import type { ClientSettings } from "./settings.js";

/** What a vendor client takes from a read or write context (all optional, so clients work standalone). */
export type ClientContext = Partial<ClientSettings> & { logger?: Logger; signal?: AbortSignal };

/**
 * The policy part every vendor client derives from its run context: the vendor's published rate
 * limit unless the run overrides it (`http.rateLimits[vendor]`), shared by every client of the same
 * credential `key` in the run's `httpRuntime`; the run's retry, timeout and body-limit settings; its logger and abort signal.
 */
export function contextPolicy(
  ctx: ClientContext,
  vendor: string,
  limit: { requests: number; perMs: number },
  key: string,
): Pick<
  HttpPolicy,
  "vendor" | "rateLimit" | "runtime" | "retry" | "timeoutMs" | "maxBodyBytes" | "logger" | "signal"
> {
  const chosen = ctx.http?.rateLimits?.[vendor] ?? limit;
  return {
    vendor,
    rateLimit: { requests: chosen.requests, perMs: chosen.perMs, key },
    runtime: ctx.httpRuntime,
    retry: ctx.http?.retry,
    timeoutMs: ctx.http?.timeoutMs,
    maxBodyBytes: ctx.http?.maxBodyBytes,
    logger: ctx.logger,
    signal: ctx.signal,
  };
}
