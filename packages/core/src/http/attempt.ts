import type { Redactor } from "../logging/redact.js";
import type { OutgoingRequest } from "./auth.js";
import {
  attemptDeadline,
  BodyTooLargeError,
  isBodyTooLargeError,
  malformedJson,
  readBody,
  rebuild,
} from "./body.js";
import { LeanRequest } from "./buffered.js";
import { acquireCaps, type ConcurrencyCap, type Semaphore } from "./endpoint-concurrency.js";
import { describeCause, isHttpError, isNetworkError, NetworkError, OutcomeUnknownError } from "./errors.js";
import { remaining, retryAfterMs } from "./headers.js";
import type { HttpPolicy } from "./policy.js";
import type { RateLimiter } from "./rate-limit.js";
import type { RetrySchedule } from "./retry.js";
import { handOver, type ReadResult } from "./stream-handover.js";
import { STREAM } from "./streamed.js";
import { BODY_LIMIT, type LeanInit, leanFetch, sentByTransport } from "./transport.js";

/** The policy with its defaults applied, shared by every call of one wrapped fetch. */
export interface ResolvedPolicy {
  policy: HttpPolicy;
  redactor: Redactor;
  schedule: RetrySchedule;
  timeoutMs: number;
  maxBody: number;
  limiter: RateLimiter | null;
  /** The vendor's caps on calls in flight, each with its semaphore. */
  caps: { cap: ConcurrencyCap; semaphore: Semaphore }[];
  /** The base URL's path: cap paths are matched relative to it. */
  basePath: string;
}

/** What the policy sends on every attempt: the call as given, its body buffered once. */
export interface Outgoing {
  url: string;
  method: string;
  headers: Headers;
  redirect: NonNullable<RequestInit["redirect"]>;
  body: string | Uint8Array | ArrayBuffer | undefined;
}

/** One call through the policy, across its attempts. */
export interface Call {
  original: Outgoing;
  /** Where the call goes, secrets stripped: for errors. */
  site: { vendor: string; method: string; url: string };
  /** `vendor METHOD url`, for messages. */
  where: string;
  /** The call may be repeated without creating anything twice (see `IDEMPOTENT_METHODS`). */
  safe: boolean;
  /** A 401 was answered by renewing the credentials once already. */
  renewed: boolean;
  /** The caller reads a 2xx body as it streams (`streamBody`, or openapi-fetch's `parseAs: "stream"`). */
  stream: boolean;
}

/** The call's in-flight slot: released when the attempt ends, or when a streamed body does. */
interface Slot {
  release: () => void;
  /** A streamed body took the slot along. */
  kept: boolean;
}

/**
 * How one attempt ended: a response to return, an answer to retry or settle (429, 5xx), or a
 * failure to retry or throw. `retryable` says whether another attempt may follow.
 */
export type Outcome =
  | { kind: "done"; response: Response }
  | { kind: "answered"; response: Response; retryable: boolean; why: string }
  | { kind: "failed"; error: Error; retryable: boolean; why: string; response?: undefined };

type Deadline = ReturnType<typeof attemptDeadline>;

const noop = (): void => {};

// Connection errors that prove the request never reached the server.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

function neverSent(err: unknown): boolean {
  const code = (err as { cause?: { code?: string } })?.cause?.code;
  return code !== undefined && NOT_SENT.has(code);
}

/** One attempt: fresh credentials, a rate-limit slot, then the call sent and read under its deadline. */
export async function attemptOnce(p: ResolvedPolicy, call: Call): Promise<Outcome> {
  const signal = p.policy.signal;
  let request: OutgoingRequest;
  try {
    const authorized = authorize(p, call);
    // Static credentials are set synchronously: no await, no promise per attempt for them.
    request = isThenable(authorized) ? await authorized : authorized;
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    // The call itself was never sent, so a transient token failure is simply tried again.
    if (!transientAuthFailure(err)) throw err;
    const why = `credentials request failed: ${p.redactor.text((err as Error).message)}`;
    return { kind: "failed", error: err as Error, retryable: true, why };
  }
  // The in-flight slot first: a call waiting for one must not spend a rate-limit slot meanwhile.
  const release =
    p.caps.length > 0
      ? await acquireCaps(p.caps, call.original.method, relativePath(p, request.url), signal)
      : null;
  const slot: Slot = { release: release ?? noop, kept: false };
  try {
    if (p.limiter) await p.limiter.take(signal);
    const deadline = attemptDeadline(p.timeoutMs, signal);
    try {
      const sent = await send(p, call, request, deadline);
      return sent.kind === "sent" ? await classify(p, call, request, sent.response, deadline, slot) : sent;
    } finally {
      // Every body was read by now, or a streamed one's first bytes: its silences are timed apart.
      deadline.end();
    }
  } finally {
    if (!slot.kept) slot.release();
  }
}

/** The path of a call after the client's base path, as concurrency caps match it. */
function relativePath(p: ResolvedPolicy, url: string): string {
  const path = new URL(url).pathname;
  return p.basePath && path.startsWith(p.basePath) ? path.slice(p.basePath.length) || "/" : path;
}

/** Sends the request; a failure to get an answer in time is an outcome, the answer is returned. */
async function send(
  p: ResolvedPolicy,
  call: Call,
  request: OutgoingRequest,
  deadline: Deadline,
): Promise<Outcome | { kind: "sent"; response: Response }> {
  const { policy } = p;
  // URL and init, not a Request per attempt: no body stream to build, and leanFetch sends it as is.
  const doFetch = policy.fetch ?? leanFetch;
  let response: Response;
  try {
    const { method, body, redirect } = call.original;
    const init: LeanInit = { method, headers: request.headers, body, signal: deadline.signal, redirect };
    // Core's transport cuts the body at the limit while it reads it, or hands it over unread.
    if (call.stream) init[STREAM] = true;
    else init[BODY_LIMIT] = p.maxBody;
    const sent = doFetch(request.url, init);
    if (doFetch === leanFetch && sentByTransport(request.url, init)) {
      // Core's transport settles with the deadline itself (request destroyed, the signal's reason):
      // no race and no late answer to drop, so none of their promises and listeners per call.
      response = await sent;
    } else {
      // A late answer to a call given up on is dropped (its body cancelled).
      sent
        .then((late) => {
          if (deadline.signal.aborted) late.body?.cancel().catch(() => {});
        })
        .catch(() => {});
      response = await deadline.race(sent);
    }
  } catch (err) {
    if (policy.signal?.aborted) throw policy.signal.reason;
    if (isBodyTooLargeError(err)) throw tooLarge(p, call, err);
    return lost(p, call, err, deadline.timedOut(), neverSent(err));
  }
  // An abort that fired while fetch was still setting up (e.g. loading undici on first use)
  // can be missed by it: the deadline decides, not whether fetch noticed.
  if (deadline.signal.aborted) {
    await response.body?.cancel().catch(() => {});
    if (policy.signal?.aborted) throw policy.signal.reason;
    return lost(p, call, deadline.signal.reason, true, false);
  }
  return { kind: "sent", response };
}

/**
 * What an answer means: a 401 renews the credentials once (not an attempt), 429 and server
 * failures of safe calls are retried, anything else is read whole; a server failure of an unsafe
 * call is an unknown outcome, a 2xx JSON body that does not parse a transient failure.
 */
async function classify(
  p: ResolvedPolicy,
  call: Call,
  request: OutgoingRequest,
  response: Response,
  deadline: Deadline,
  slot: Slot,
): Promise<Outcome> {
  const { policy, limiter } = p;
  if (response.status === 401 && policy.renewAuth && policy.auth && !call.renewed) {
    call.renewed = true;
    if (await policy.renewAuth(request)) {
      await response.body?.cancel().catch(() => {});
      // Not an attempt: the budget is not spent on a renewal.
      return attemptOnce(p, call);
    }
  }
  // A vendor that announces a spent window (X-Rate-Limit-Remaining: 0) is waited for before the
  // next call, instead of paying for a 429; one that gives no reset time (SmartRecruiters) is
  // waited for one window of the declared limit.
  if (limiter && remaining(response.headers) === 0) {
    const wait = retryAfterMs(response.headers) ?? limiter.perMs;
    limiter.pauseUntil(Date.now() + Math.min(wait, p.schedule.maxDelayMs));
  }
  const status = response.status;
  const serverFailed = status >= 500 || status === 408;
  if (status === 429 || (serverFailed && call.safe)) {
    return { kind: "answered", response, retryable: true, why: `HTTP ${status}` };
  }
  if (call.stream && response.ok && response.body) return firstBytes(p, call, response, deadline, slot);
  let bytes: Uint8Array;
  try {
    bytes = await readBody(response, p.maxBody, deadline.signal);
  } catch (err) {
    if (policy.signal?.aborted) throw policy.signal.reason;
    if (isBodyTooLargeError(err)) throw tooLarge(p, call, err);
    return lost(p, call, err, deadline.timedOut(), false, `HTTP ${status} body cut: `);
  }
  if (serverFailed) {
    // A non-idempotent call the server failed: it may have acted before failing.
    const excerpt = p.redactor.text(new TextDecoder().decode(bytes.subarray(0, 300)));
    const error = new OutcomeUnknownError(
      `${call.where} failed with HTTP ${status}${excerpt ? `: ${excerpt}` : ""}; the server may have acted (outcome unknown)`,
      { site: call.site, status },
    );
    return { kind: "failed", error, retryable: false, why: `HTTP ${status}` };
  }
  const bad = response.ok ? malformedJson(response, bytes) : null;
  if (bad) return lost(p, call, new Error(bad), false, false);
  return { kind: "done", response: rebuild(response, bytes) };
}

/**
 * A streamed 2xx answer: its first bytes are awaited within the attempt's deadline, so a body that
 * fails before any byte reached the caller is retried like any other failure; then the body is
 * handed over (see handOver) with the in-flight slot, and is never retried from there on.
 */
async function firstBytes(
  p: ResolvedPolicy,
  call: Call,
  response: Response,
  deadline: Deadline,
  slot: Slot,
): Promise<Outcome> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let first: ReadResult;
  try {
    first = await deadline.race(reader.read());
  } catch (err) {
    reader.cancel().catch(() => {});
    if (p.policy.signal?.aborted) throw p.policy.signal.reason;
    return lost(p, call, err, deadline.timedOut(), false, `HTTP ${response.status} body cut: `);
  }
  slot.kept = true;
  const failure = (why: string, cause: Error) =>
    new NetworkError(`${call.where}: ${why} (${p.redactor.text(describeCause(cause))})`, {
      site: call.site,
      cause,
    });
  const stallMs = p.policy.stallTimeoutMs ?? p.timeoutMs;
  const signal = p.policy.signal;
  return {
    kind: "done",
    response: handOver({ response, reader, first, stallMs, signal, failure, release: slot.release }),
  };
}

/** The last answer once retries are spent (429, 5xx): its body read, or empty when that fails too. */
export async function settle(p: ResolvedPolicy, response: Response): Promise<Response> {
  const bytes = await readBody(response, p.maxBody).catch(() => new Uint8Array(0));
  return rebuild(response, bytes);
}

/** The limit error, naming the call and the way to raise it; never retried. */
function tooLarge(p: ResolvedPolicy, call: Call, err: BodyTooLargeError): BodyTooLargeError {
  const landed = call.safe ? "" : "; the server answered, so the write may have been applied";
  return new BodyTooLargeError(
    `${call.where}: the answer was cut: ${err.message} (raise http.maxBodyBytes if this vendor's answers are legitimately larger)${landed}`,
    { limit: err.limit ?? p.maxBody, site: call.site, cause: err },
  );
}

/** A failure after the request may have reached the server (or, with `notSent`, before). */
function lost(
  p: ResolvedPolicy,
  call: Call,
  err: unknown,
  timedOut: boolean,
  notSent: boolean,
  prefix = "",
): Outcome {
  const why = prefix + (timedOut ? `timed out after ${p.timeoutMs} ms` : p.redactor.text(describeCause(err)));
  if (call.safe || notSent) {
    const error = new NetworkError(`${call.where}: ${why}`, { site: call.site, cause: err });
    return { kind: "failed", error, retryable: true, why };
  }
  const error = new OutcomeUnknownError(
    `${call.where}: ${why}; the request was sent, so it may have been applied (outcome unknown)`,
    { site: call.site, cause: err },
  );
  return { kind: "failed", error, retryable: false, why };
}

/** The request with its credentials; a fresh set of headers each attempt, so a renewed one replaces the refused. */
function authorize(p: ResolvedPolicy, call: Call): OutgoingRequest | PromiseLike<OutgoingRequest> {
  const { url, method, headers, redirect } = call.original;
  const fresh = new LeanRequest(url, { method, headers: new Headers(headers), redirect });
  return p.policy.auth ? p.policy.auth(fresh) : fresh;
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** A credentials request that failed for a reason a later attempt may not meet (network, 5xx, 429). */
function transientAuthFailure(err: unknown): boolean {
  if (isNetworkError(err)) return true;
  return isHttpError(err) && err.retryable;
}
