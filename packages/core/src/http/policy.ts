import { createHash } from "node:crypto";
import type { Logger } from "../logging/logger.js";
import { Redactor } from "../logging/redact.js";
import { attemptOnce, type Call, type Outgoing, type ResolvedPolicy, settle } from "./attempt.js";
import type { AuthInjector, OutgoingRequest } from "./auth.js";
import { DEFAULT_MAX_BODY_BYTES } from "./body.js";
import { LeanRequest } from "./buffered.js";
import { type ConcurrencyCap, Semaphore } from "./endpoint-concurrency.js";
import { stripQuerySecrets } from "./errors.js";
import { retryAfterMs } from "./headers.js";
import { RateLimiter, sleep } from "./rate-limit.js";
import { mayRetry, type RetryOptions, retryDelay, retrySchedule } from "./retry.js";
import type { HttpRuntime } from "./runtime.js";
import { STREAMED_REQUESTS } from "./streamed.js";

export type { RetryOptions } from "./retry.js";

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
  /** Where limiters are shared by key (the run's); without one, this fetch has a limiter of its own. */
  runtime?: HttpRuntime | undefined;
  logger?: Logger;
  signal?: AbortSignal;
  /** The fetch to wrap (default: core's keep-alive transport, see transport.ts). */
  fetch?: typeof fetch;
  /**
   * Largest body buffered per response, counted as it streams and after decoding (default
   * `DEFAULT_MAX_BODY_BYTES`, 32 MiB); a larger one is cut there and fails the call without a retry
   * (BodyTooLargeError). Raise it for a vendor whose exports are larger, or use `streamBody`.
   */
  maxBodyBytes?: number;
  /**
   * Hand every 2xx body over as it streams, never buffered (for one call of a client, openapi-fetch's
   * `parseAs: "stream"` does the same). Until its first bytes arrive a call is retried as any other;
   * once the caller holds bytes nothing is retried, so a body cut later fails its reader with a
   * NetworkError. Other answers (4xx, 5xx) are still read whole, for their errors.
   */
  streamBody?: boolean;
  /**
   * Longest silence of a streamed body between two chunks before its transfer is stopped
   * (default `timeoutMs`); `timeoutMs` itself bounds the wait for the headers and first bytes.
   */
  stallTimeoutMs?: number;
  /**
   * Retry POST on 5xx and timeouts too (endpoints safe to repeat, such as token requests).
   * Off by default: the server may have acted before failing, and a resent create makes a
   * duplicate; such a failure throws `OutcomeUnknownError`. 429 and refused connections are
   * always retried.
   */
  retryNonIdempotent?: boolean;
  /**
   * The methods this vendor's server may receive twice without creating anything twice (default
   * GET, HEAD, OPTIONS, PUT, DELETE, PATCH). A vendor whose PUT creates (Bullhorn) leaves PUT out,
   * so a PUT that failed after it was sent throws `OutcomeUnknownError` instead of being resent.
   */
  idempotentMethods?: readonly string[];
  /**
   * Called once when a call is answered 401, with the refused request; returning true re-applies
   * `auth` and resends it (see `sessionAuth`). The retry budget is not spent on it.
   */
  renewAuth?: (refused: OutgoingRequest) => Promise<boolean>;
  /**
   * The vendor's caps on calls in flight (all calls, or one endpoint), shared through `runtime`
   * like the rate limit by every client of the same `rateLimit.key`. A slot is held for one
   * attempt, body read included.
   */
  concurrency?: readonly ConcurrencyCap[];
  /** The client's base URL: cap paths are matched relative to it. */
  baseUrl?: string;
}

// Methods a server may receive twice without creating anything twice. PATCH counts as one: every
// vendor API we call uses it to set fields (edit, archive), never to append.
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"]);
/** A short stable fingerprint of a credential, so limiters can be shared without keeping the secret as a key. */
export function credentialKey(...parts: (string | undefined)[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 16);
}

/**
 * Wraps fetch with the shared policy: auth, rate limit, per-attempt timeout, and retries with
 * exponential backoff and jitter on 429/5xx/network errors, honouring Retry-After.
 *
 * A response is complete when its body is read: the body is buffered (up to `maxBodyBytes`) inside
 * the attempt, under its timeout, so a cut or stalled body is a transient failure like a reset, and
 * a 2xx JSON body that does not parse is one too. Returned responses carry the bytes already read.
 *
 * Failures after the request may have reached the server (timeout, reset, cut body, 5xx) are
 * retried for idempotent methods; for the others they throw `OutcomeUnknownError` so the writer
 * can look the item up instead of guessing. 4xx responses are returned as they are.
 */
export function policyFetch(policy: HttpPolicy): typeof fetch {
  const limit = policy.rateLimit;
  const p: ResolvedPolicy = {
    policy,
    redactor: new Redactor(policy.secrets?.filter((s): s is string => Boolean(s)) ?? []),
    schedule: retrySchedule(policy.retry),
    timeoutMs: policy.timeoutMs ?? 30_000,
    maxBody: policy.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    limiter: !limit
      ? null
      : policy.runtime
        ? policy.runtime.limiter(`${policy.vendor}|${limit.key ?? "default"}`, limit.requests, limit.perMs)
        : new RateLimiter(limit.requests, limit.perMs),
    caps: capsOf(policy),
    basePath: policy.baseUrl ? new URL(policy.baseUrl).pathname.replace(/\/+$/, "") : "",
  };
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const given = outgoing(input, init);
    const original = given instanceof Promise ? await given : given;
    const url = p.redactor.text(stripQuerySecrets(original.url));
    const site = { vendor: policy.vendor, method: original.method, url };
    const call: Call = {
      original,
      site,
      where: `${site.vendor} ${site.method} ${site.url}`,
      safe: idempotent(policy, original.method) || policy.retryNonIdempotent === true,
      renewed: false,
      stream: policy.streamBody === true || (typeof input === "object" && STREAMED_REQUESTS.has(input)),
    };
    return withRetries(p, call);
  };
  return wrapped as typeof fetch;
}

/** The retry loop: attempts until one is done or may not be retried, waiting as `retryDelay` says. */
async function withRetries(p: ResolvedPolicy, call: Call): Promise<Response> {
  const { policy, schedule, limiter } = p;
  for (let attempt = 0; ; attempt++) {
    policy.signal?.throwIfAborted();
    const outcome = await attemptOnce(p, call);
    if (outcome.kind === "done") return outcome.response;
    if (!mayRetry(outcome.retryable, attempt, schedule)) {
      if (outcome.kind === "answered") return settle(p, outcome.response);
      throw outcome.error;
    }
    const hinted = outcome.kind === "answered" ? retryAfterMs(outcome.response.headers) : null;
    const wait = retryDelay(attempt, hinted, schedule);
    if (hinted !== null && outcome.response?.status === 429) limiter?.pauseUntil(Date.now() + wait);
    if (outcome.kind === "answered") await outcome.response.body?.cancel().catch(() => {});
    policy.logger?.warn(
      `${call.where} ${outcome.why}; retry ${attempt + 1}/${schedule.retries} in ${Math.round(wait)} ms`,
    );
    await sleep(wait, policy.signal);
  }
}

/**
 * The call openapi-fetch (or any caller) gave, with a body every attempt can resend. A LeanRequest
 * with a string or bytes body (what createHttpClient's calls build) is taken as it is; anything
 * else goes through a standard Request once, which reads FormData, Blob or stream bodies.
 */
function outgoing(
  input: string | URL | Request | LeanRequest,
  init?: RequestInit,
): Outgoing | Promise<Outgoing> {
  if (input instanceof LeanRequest && init === undefined) {
    const { body } = input;
    if (
      body === null ||
      typeof body === "string" ||
      body instanceof Uint8Array ||
      body instanceof ArrayBuffer
    ) {
      const { url, method, headers, redirect } = input;
      return { url, method, headers, redirect, body: body ?? undefined };
    }
    input = new Request(input.url, {
      method: input.method,
      headers: input.headers,
      body,
      redirect: input.redirect,
      duplex: "half",
    } as RequestInit);
  }
  return buffered(new Request(input as string | URL | Request, init));
}

/** A standard Request's call, its body read once. */
async function buffered(request: Request): Promise<Outgoing> {
  return {
    url: request.url,
    method: request.method.toUpperCase(),
    headers: request.headers,
    redirect: request.redirect,
    body: request.body ? await request.arrayBuffer() : undefined,
  };
}

/** Whether a method may be resent blindly: the vendor's declared list, else HTTP's idempotent methods. */
function idempotent(policy: HttpPolicy, method: string): boolean {
  return policy.idempotentMethods
    ? policy.idempotentMethods.some((m) => m.toUpperCase() === method)
    : IDEMPOTENT_METHODS.has(method);
}

/** The policy's caps on calls in flight, shared through the run's runtime like the limiter. */
function capsOf(policy: HttpPolicy): ResolvedPolicy["caps"] {
  const capKey = `${policy.vendor}|${policy.rateLimit?.key ?? "default"}`;
  return (policy.concurrency ?? []).map((cap, i) => ({
    cap,
    // Without a runtime, this fetch has caps of its own.
    semaphore: policy.runtime
      ? policy.runtime.semaphore(`${capKey}|${i}|${cap.method ?? "*"} ${String(cap.path ?? "*")}`, cap.max)
      : new Semaphore(cap.max),
  }));
}
