import { createHash } from "node:crypto";
import type { Logger } from "../logging/logger.js";
import { Redactor } from "../logging/redact.js";
import { NetworkError, stripQuerySecrets } from "./errors.js";
import { type RateLimiter, sharedLimiter, sleep } from "./rate-limit.js";
import { leanFetch } from "./transport.js";

/** Adds credentials to an outgoing request (headers, query). */
export type AuthInjector = (request: Request) => Request | Promise<Request>;

export interface RetryOptions {
  /** Attempts after the first one (default 4). */
  retries?: number;
  /** First backoff delay in ms (default 250); doubles each attempt, with full jitter. */
  baseDelayMs?: number;
  /** Longest single wait in ms, Retry-After included (default 60 000). */
  maxDelayMs?: number;
}

export interface HttpPolicy {
  /** Vendor name used in errors and logs. */
  vendor: string;
  auth?: AuthInjector;
  /** Values never to show in errors or logs (tokens, keys). */
  secrets?: (string | undefined)[];
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** The vendor's published limit; clients with the same `key` (e.g. the credential) share one budget. */
  rateLimit?: { requests: number; perMs: number; key?: string };
  logger?: Logger;
  signal?: AbortSignal;
  /** The fetch to wrap (default: core's keep-alive transport, see transport.ts). */
  fetch?: typeof fetch;
  /**
   * Retry POST on 5xx and timeouts too. Off by default: the server may have acted before
   * failing, and a resent create makes a duplicate. 429 and refused connections are always retried.
   */
  retryNonIdempotent?: boolean;
  /**
   * Called once when a call is answered 401, with the refused request; returning true re-applies
   * `auth` and resends it (see `sessionAuth`). The retry budget is not spent on it.
   */
  renewAuth?: (refused: Request) => Promise<boolean>;
}

// Methods a server may receive twice without creating anything twice. PATCH counts as one: every
// vendor API we call uses it to set fields (edit, archive), never to append.
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"]);
// Connection errors that prove the request never reached the server.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

function neverSent(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code;
  return code !== undefined && NOT_SENT.has(code);
}

/** Parses Retry-After (seconds or HTTP date) and X-RateLimit-Reset style headers into a wait in ms. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const ra = headers.get("retry-after");
  if (ra) {
    const secs = Number(ra);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset =
    headers.get("x-rate-limit-reset") ?? headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset");
  if (reset) {
    const n = Number(reset);
    if (Number.isFinite(n)) {
      // Epoch seconds when large, else seconds from now.
      return n > 1e9 ? Math.max(0, n * 1000 - now) : Math.max(0, n * 1000);
    }
  }
  return null;
}

/** The X-Rate-Limit-Remaining (or RateLimit-Remaining) count of a response, or null. */
export function remaining(headers: Headers): number | null {
  const raw =
    headers.get("x-rate-limit-remaining") ??
    headers.get("x-ratelimit-remaining") ??
    headers.get("ratelimit-remaining");
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** A short stable fingerprint of a credential, so limiters can be shared without keeping the secret as a key. */
export function credentialKey(...parts: (string | undefined)[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);
}

/**
 * Wraps fetch with the shared policy: auth, rate limit, per-attempt timeout, and retries with
 * exponential backoff and jitter on 429/5xx/network errors, honouring Retry-After.
 * Responses are returned as they are (4xx included); only exhausted retries and network errors throw.
 */
export function policyFetch(policy: HttpPolicy): typeof fetch {
  const redactor = new Redactor(policy.secrets?.filter((s): s is string => Boolean(s)) ?? []);
  const retries = policy.retry?.retries ?? 4;
  const base = policy.retry?.baseDelayMs ?? 250;
  const maxDelay = policy.retry?.maxDelayMs ?? 60_000;
  const timeoutMs = policy.timeoutMs ?? 30_000;
  const limiter: RateLimiter | null = policy.rateLimit
    ? sharedLimiter(
        `${policy.vendor}|${policy.rateLimit.key ?? "default"}`,
        policy.rateLimit.requests,
        policy.rateLimit.perMs,
      )
    : null;

  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = new Request(input, init);
    const plainHeaders = new Headers(original.headers);
    let prepared = policy.auth ? await policy.auth(original) : original;
    // Buffer the body once so every retry can resend it.
    const body = prepared.body ? await prepared.arrayBuffer() : undefined;
    const method = prepared.method.toUpperCase();
    let renewed = false;
    const safeUrl = () => redactor.text(stripQuerySecrets(prepared.url));
    let attempt = 0;
    for (;;) {
      const signal = policy.signal;
      signal?.throwIfAborted();
      if (limiter) await limiter.take(signal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let response: Response | null = null;
      let failure: Error | null = null;
      let sendError: unknown = null;
      try {
        // URL and init, not a Request per attempt: no body stream to build, and leanFetch sends it as is.
        const doFetch = policy.fetch ?? leanFetch;
        response = await doFetch(prepared.url, {
          method,
          headers: prepared.headers,
          body,
          signal: combined,
          redirect: prepared.redirect,
        });
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        sendError = err;
        const why = timeout.aborted ? `timed out after ${timeoutMs} ms` : (err as Error).message;
        failure = new NetworkError(`${policy.vendor} ${method} ${safeUrl()} ${redactor.text(why)}`);
      }
      if (response?.status === 401 && policy.renewAuth && policy.auth && !renewed) {
        renewed = true;
        if (await policy.renewAuth(prepared)) {
          await response.body?.cancel().catch(() => {});
          prepared = await policy.auth(new Request(prepared.url, { method, headers: plainHeaders }));
          continue;
        }
      }
      // A vendor that announces a spent window (X-Rate-Limit-Remaining: 0) is waited for before the
      // next call, instead of paying for a 429.
      if (response && limiter && remaining(response.headers) === 0) {
        const wait = retryAfterMs(response.headers);
        if (wait !== null) limiter.pauseUntil(Date.now() + Math.min(wait, maxDelay));
      }
      const safe = IDEMPOTENT_METHODS.has(method) || policy.retryNonIdempotent === true;
      const retryable =
        response?.status === 429 ||
        (failure !== null && (safe || neverSent(sendError))) ||
        (safe && response !== null && response.status >= 500);
      if (!retryable || attempt >= retries) {
        if (failure) throw failure;
        return response!;
      }
      let wait = Math.min(maxDelay, Math.random() * base * 2 ** attempt);
      if (response) {
        const hinted = retryAfterMs(response.headers);
        if (hinted !== null) {
          wait = Math.min(maxDelay, hinted + Math.random() * 50);
          if (response.status === 429) limiter?.pauseUntil(Date.now() + wait);
        }
        await response.body?.cancel().catch(() => {});
      }
      attempt++;
      policy.logger?.warn(
        `${policy.vendor} ${method} ${safeUrl()} ${failure ? failure.message : `HTTP ${response!.status}`}; retry ${attempt}/${retries} in ${Math.round(wait)} ms`,
      );
      await sleep(wait, signal);
    }
  };
  return wrapped as typeof fetch;
}

/** Header-based auth: sets each header on the request. */
export function headerAuth(headers: Record<string, string>): AuthInjector {
  return (request) => {
    for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
    return request;
  };
}

/** `Authorization: Bearer <token>`; the token may be fetched lazily (OAuth refresh). */
export function bearerAuth(token: string | (() => string | Promise<string>)): AuthInjector {
  return async (request) => {
    const value = typeof token === "function" ? await token() : token;
    request.headers.set("authorization", `Bearer ${value}`);
    return request;
  };
}
