import { createHash } from "node:crypto";
import type { Logger } from "../logging/logger.js";
import { Redactor } from "../logging/redact.js";
import type { AuthInjector, OutgoingRequest } from "./auth.js";
import {
  attemptDeadline,
  BodyTooLargeError,
  DEFAULT_MAX_BODY_BYTES,
  malformedJson,
  readBody,
  rebuild,
} from "./body.js";
import { LeanRequest } from "./buffered.js";
import { acquireCaps, type ConcurrencyCap, Semaphore } from "./endpoint-concurrency.js";
import { describeCause, HttpError, NetworkError, OutcomeUnknownError, stripQuerySecrets } from "./errors.js";
import { remaining, retryAfterMs } from "./headers.js";
import { RateLimiter, sleep } from "./rate-limit.js";
import type { HttpRuntime } from "./runtime.js";
import { BODY_LIMIT, type LeanInit, leanFetch } from "./transport.js";

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
   * Return responses as soon as their headers arrive, body unread: for downloads too large to
   * buffer. The caller then owns a cut body (it is not retried), so keep this for streams.
   */
  streamBody?: boolean;
  /**
   * Retry POST on 5xx and timeouts too (endpoints safe to repeat, such as token requests).
   * Off by default: the server may have acted before failing, and a resent create makes a
   * duplicate; such a failure throws `OutcomeUnknownError`. 429 and refused connections are
   * always retried.
   */
  retryNonIdempotent?: boolean;
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
// Connection errors that prove the request never reached the server.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

function neverSent(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code;
  return code !== undefined && NOT_SENT.has(code);
}

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
  const redactor = new Redactor(policy.secrets?.filter((s): s is string => Boolean(s)) ?? []);
  const retries = policy.retry?.retries ?? 4;
  const base = policy.retry?.baseDelayMs ?? 250;
  const maxDelay = policy.retry?.maxDelayMs ?? 60_000;
  const timeoutMs = policy.timeoutMs ?? 30_000;
  const maxBody = policy.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const limit = policy.rateLimit;
  const limiter: RateLimiter | null = !limit
    ? null
    : policy.runtime
      ? policy.runtime.limiter(`${policy.vendor}|${limit.key ?? "default"}`, limit.requests, limit.perMs)
      : new RateLimiter(limit.requests, limit.perMs);

  const capKey = `${policy.vendor}|${policy.rateLimit?.key ?? "default"}`;
  const caps = (policy.concurrency ?? []).map((cap, i) => ({
    cap,
    // Shared through the run's runtime like the limiter; without one, this fetch has caps of its own.
    semaphore: policy.runtime
      ? policy.runtime.semaphore(`${capKey}|${i}|${cap.method ?? "*"} ${String(cap.path ?? "*")}`, cap.max)
      : new Semaphore(cap.max),
  }));
  const basePath = policy.baseUrl ? new URL(policy.baseUrl).pathname.replace(/\/+$/, "") : "";

  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = await outgoing(input, init);
    const { body, method } = original;
    const site = { vendor: policy.vendor, method, url: redactor.text(stripQuerySecrets(original.url)) };
    const where = `${site.vendor} ${method} ${site.url}`;
    const safe = IDEMPOTENT_METHODS.has(method) || policy.retryNonIdempotent === true;
    let renewed = false;
    let attempt = 0;
    for (;;) {
      const signal = policy.signal;
      signal?.throwIfAborted();
      const outcome = await attemptOnce();
      if (outcome.kind === "done") return outcome.response;
      // Every failure kind below may be tried again; `retryable` says whether this one may.
      if (!outcome.retryable || attempt >= retries) {
        if (outcome.kind === "answered") return settle(outcome.response);
        throw outcome.error;
      }
      let wait = Math.min(maxDelay, Math.random() * base * 2 ** attempt);
      const hinted = outcome.kind === "answered" ? retryAfterMs(outcome.response.headers) : null;
      if (hinted !== null) {
        wait = Math.min(maxDelay, hinted + Math.random() * 50);
        if (outcome.response?.status === 429) limiter?.pauseUntil(Date.now() + wait);
      }
      if (outcome.kind === "answered") await outcome.response.body?.cancel().catch(() => {});
      attempt++;
      policy.logger?.warn(`${where} ${outcome.why}; retry ${attempt}/${retries} in ${Math.round(wait)} ms`);
      await sleep(wait, signal);
    }

    type Outcome =
      | { kind: "done"; response: Response }
      | { kind: "answered"; response: Response; retryable: boolean; why: string }
      | { kind: "failed"; error: Error; retryable: boolean; why: string; response?: undefined };

    async function attemptOnce(): Promise<Outcome> {
      const signal = policy.signal;
      let request: OutgoingRequest;
      try {
        request = await authorize();
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        // The call itself was never sent, so a transient token failure is simply tried again.
        if (!transientAuthFailure(err)) throw err;
        const why = `credentials request failed: ${redactor.text((err as Error).message)}`;
        return { kind: "failed", error: err as Error, retryable: true, why };
      }
      // The in-flight slot first: a call waiting for one must not spend a rate-limit slot meanwhile.
      const release =
        caps.length > 0 ? await acquireCaps(caps, method, relativePath(request.url), signal) : null;
      try {
        if (limiter) await limiter.take(signal);
        const deadline = attemptDeadline(timeoutMs, signal);
        try {
          return await sendAndRead(request, deadline);
        } finally {
          // A streamed body (streamBody) is the caller's to time; everything else was read by now.
          deadline.end();
        }
      } finally {
        release?.();
      }
    }

    async function sendAndRead(
      request: OutgoingRequest,
      deadline: ReturnType<typeof attemptDeadline>,
    ): Promise<Outcome> {
      const signal = policy.signal;
      // URL and init, not a Request per attempt: no body stream to build, and leanFetch sends it as is.
      const doFetch = policy.fetch ?? leanFetch;
      let response: Response;
      try {
        const init: LeanInit = {
          method,
          headers: request.headers,
          body,
          signal: deadline.signal,
          redirect: original.redirect,
        };
        // Core's transport cuts the body at the limit while it streams; a streamed body is the caller's.
        if (!policy.streamBody) init[BODY_LIMIT] = maxBody;
        const sent = doFetch(request.url, init);
        // A late answer to a call given up on is dropped (its body cancelled).
        sent
          .then((late) => {
            if (deadline.signal.aborted) late.body?.cancel().catch(() => {});
          })
          .catch(() => {});
        response = await deadline.race(sent);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (err instanceof BodyTooLargeError) throw tooLarge(err);
        return lost(err, deadline.timedOut(), neverSent(err));
      }
      // An abort that fired while fetch was still setting up (e.g. loading undici on first use)
      // can be missed by it: the deadline decides, not whether fetch noticed.
      if (deadline.signal.aborted) {
        await response.body?.cancel().catch(() => {});
        if (signal?.aborted) throw signal.reason;
        return lost(deadline.signal.reason, true, false);
      }
      if (response.status === 401 && policy.renewAuth && policy.auth && !renewed) {
        renewed = true;
        if (await policy.renewAuth(request)) {
          await response.body?.cancel().catch(() => {});
          // Not an attempt: the budget is not spent on a renewal.
          return attemptOnce();
        }
      }
      // A vendor that announces a spent window (X-Rate-Limit-Remaining: 0) is waited for before the
      // next call, instead of paying for a 429; one that gives no reset time (SmartRecruiters) is
      // waited for one window of the declared limit.
      if (limiter && remaining(response.headers) === 0) {
        const wait = retryAfterMs(response.headers) ?? limiter.perMs;
        limiter.pauseUntil(Date.now() + Math.min(wait, maxDelay));
      }
      const status = response.status;
      const serverFailed = status >= 500 || status === 408;
      if (status === 429 || (serverFailed && safe)) {
        return { kind: "answered", response, retryable: true, why: `HTTP ${status}` };
      }
      if (policy.streamBody) return { kind: "done", response };
      let bytes: Uint8Array;
      try {
        bytes = await readBody(response, maxBody, deadline.signal);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (err instanceof BodyTooLargeError) throw tooLarge(err);
        return lost(err, deadline.timedOut(), false, `HTTP ${status} body cut: `);
      }
      if (serverFailed) {
        // A non-idempotent call the server failed: it may have acted before failing.
        const excerpt = redactor.text(new TextDecoder().decode(bytes.subarray(0, 300)));
        const error = new OutcomeUnknownError(
          `${where} failed with HTTP ${status}${excerpt ? `: ${excerpt}` : ""}; the server may have acted (outcome unknown)`,
          { site, status },
        );
        return { kind: "failed", error, retryable: false, why: `HTTP ${status}` };
      }
      const bad = response.ok ? malformedJson(response, bytes) : null;
      if (bad) return lost(new Error(bad), false, false);
      return { kind: "done", response: rebuild(response, bytes) };
    }

    /** The last answer once retries are spent (429, 5xx): its body read, or empty when that fails too. */
    async function settle(response: Response): Promise<Response> {
      if (policy.streamBody) return response;
      const bytes = await readBody(response, maxBody).catch(() => new Uint8Array(0));
      return rebuild(response, bytes);
    }

    /** The limit error, naming the call and the way to raise it; never retried. */
    function tooLarge(err: BodyTooLargeError): BodyTooLargeError {
      const landed = safe ? "" : "; the server answered, so the write may have been applied";
      return new BodyTooLargeError(
        `${where}: the answer was cut: ${err.message} (raise http.maxBodyBytes if this vendor's answers are legitimately larger)${landed}`,
        { limit: err.limit ?? maxBody, site, cause: err },
      );
    }

    /** A failure after the request may have reached the server (or, with `notSent`, before). */
    function lost(err: unknown, timedOut: boolean, notSent: boolean, prefix = ""): Outcome {
      const why = prefix + (timedOut ? `timed out after ${timeoutMs} ms` : redactor.text(describeCause(err)));
      if (safe || notSent) {
        return {
          kind: "failed",
          error: new NetworkError(`${where}: ${why}`, { site, cause: err }),
          retryable: true,
          why,
        };
      }
      const error = new OutcomeUnknownError(
        `${where}: ${why}; the request was sent, so it may have been applied (outcome unknown)`,
        { site, cause: err },
      );
      return { kind: "failed", error, retryable: false, why };
    }

    /** The path of a call after the client's base path, as concurrency caps match it. */
    function relativePath(url: string): string {
      const path = new URL(url).pathname;
      return basePath && path.startsWith(basePath) ? path.slice(basePath.length) || "/" : path;
    }

    async function authorize(): Promise<OutgoingRequest> {
      // A fresh set of headers per attempt, so a renewed credential replaces the refused one.
      const fresh = new LeanRequest(original.url, {
        method,
        headers: new Headers(original.headers),
        redirect: original.redirect,
      });
      return policy.auth ? await policy.auth(fresh) : fresh;
    }
  };
  return wrapped as typeof fetch;
}

/** What the policy sends on every attempt: the call as given, its body buffered once. */
interface Outgoing {
  url: string;
  method: string;
  headers: Headers;
  redirect: NonNullable<RequestInit["redirect"]>;
  body: string | Uint8Array | ArrayBuffer | undefined;
}

/**
 * The call openapi-fetch (or any caller) gave, with a body every attempt can resend. A LeanRequest
 * with a string or bytes body (what createHttpClient's calls build) is taken as it is; anything
 * else goes through a standard Request once, which reads FormData, Blob or stream bodies.
 */
async function outgoing(input: string | URL | Request | LeanRequest, init?: RequestInit): Promise<Outgoing> {
  if (input instanceof LeanRequest && init === undefined) {
    const { body } = input;
    if (
      body === null ||
      typeof body === "string" ||
      body instanceof Uint8Array ||
      body instanceof ArrayBuffer
    ) {
      const base = { url: input.url, method: input.method, headers: input.headers, redirect: input.redirect };
      return { ...base, body: body ?? undefined };
    }
    input = new Request(input.url, {
      method: input.method,
      headers: input.headers,
      body,
      redirect: input.redirect,
      duplex: "half",
    } as RequestInit);
  }
  const request = new Request(input as string | URL | Request, init);
  return {
    url: request.url,
    method: request.method.toUpperCase(),
    headers: request.headers,
    redirect: request.redirect,
    body: request.body ? await request.arrayBuffer() : undefined,
  };
}

/** A credentials request that failed for a reason a later attempt may not meet (network, 5xx, 429). */
function transientAuthFailure(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof HttpError && err.retryable;
}
