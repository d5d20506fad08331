import { brand, hasBrand } from "../brand.js";
import type { Redactor } from "../logging/redact.js";

const EXCERPT = 300;

/** A failed vendor call: status, method, URL and a short body excerpt, with every secret masked. */
export class HttpError extends Error {
  override name = "HttpError";
  readonly status: number;
  readonly vendor: string;
  readonly method: string;
  readonly url: string;
  readonly bodyExcerpt: string;

  constructor(init: {
    vendor: string;
    status: number;
    method: string;
    url: string;
    body: string;
    redactor?: Redactor;
  }) {
    const clean = (s: string) => (init.redactor ? init.redactor.text(s) : s);
    const url = clean(stripQuerySecrets(init.url));
    const body = clean(init.body).slice(0, EXCERPT);
    super(`${init.vendor} ${init.method} ${url} failed with HTTP ${init.status}${body ? `: ${body}` : ""}`);
    this.vendor = init.vendor;
    this.status = init.status;
    this.method = init.method;
    this.url = url;
    this.bodyExcerpt = body;
    brand(this, "http-error");
  }

  /** Whether trying again later may succeed (rate limit, server error). */
  get retryable(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** Where a failed call went, for errors that have no HTTP status of their own. */
export interface CallSite {
  vendor: string;
  method: string;
  /** The URL with query secrets masked. */
  url: string;
}

/** A call that never got a complete response (timeout, refused or reset connection, body cut short). */
export class NetworkError extends Error {
  override name = "NetworkError";
  readonly vendor: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(message: string, options?: ErrorOptions & { site?: CallSite }) {
    super(message, options);
    this.vendor = options?.site?.vendor;
    this.method = options?.site?.method;
    this.url = options?.site?.url;
    brand(this, "network-error");
  }
}

/**
 * A call that may have reached the server and acted although no complete answer came back
 * (timeout or reset after the request was sent, a body cut short, a 5xx to a non-idempotent
 * method). A write that gets one must look the item up before resending or dead-lettering it.
 */
export class OutcomeUnknownError extends NetworkError {
  override name = "OutcomeUnknownError";
  /** The 5xx (or 408) the server answered, when it answered at all. */
  readonly status: number | undefined;

  constructor(message: string, options?: ErrorOptions & { site?: CallSite; status?: number }) {
    super(message, options);
    this.status = options?.status;
    brand(this, "outcome-unknown");
  }
}

/** Whether an error says a write may have landed (see OutcomeUnknownError). */
export function isOutcomeUnknown(err: unknown): err is OutcomeUnknownError {
  return hasBrand(err, "outcome-unknown");
}

/** Whether an error is a vendor call's HTTP failure (an HttpError from any copy of core). */
export function isHttpError(err: unknown): err is HttpError {
  return hasBrand(err, "http-error");
}

/** Whether an error is a call that got no complete response (NetworkError or OutcomeUnknownError). */
export function isNetworkError(err: unknown): err is NetworkError {
  return hasBrand(err, "network-error");
}

const SECRET_QUERY = /([?&](?:api_key|apikey|token|access_token|secret|client_secret|code)=)[^&]*/gi;

/** Masks secrets passed as query parameters. */
export function stripQuerySecrets(url: string): string {
  // Most URLs have no query: no replace (and its match state) for them.
  return url.includes("=") ? url.replace(SECRET_QUERY, "$1***") : url;
}

/**
 * The chain of causes of a fetch failure as one line, e.g. "terminated: other side closed
 * (UND_ERR_SOCKET)", instead of undici's bare "terminated" or "fetch failed".
 */
export function describeCause(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const { message, code, cause } = e as { message?: unknown; code?: unknown; cause?: unknown };
    const text = typeof message === "string" && message ? message : String(e);
    const tail = typeof code === "string" && !text.includes(code) ? ` (${code})` : "";
    if (!parts.includes(text + tail)) parts.push(text + tail);
    e = cause;
  }
  return parts.join(": ");
}
