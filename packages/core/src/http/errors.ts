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
  }

  /** Whether trying again later may succeed (rate limit, server error). */
  get retryable(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** A call that never got a response (timeout, connection refused). */
export class NetworkError extends Error {
  override name = "NetworkError";
}

/**
 * A call that may have reached the server and acted although no complete answer came back
 * (timeout or reset after the request was sent, a body cut short, a 5xx to a non-idempotent
 * method). A write that gets one must look the item up before resending or dead-lettering it.
 */
export class OutcomeUnknownError extends NetworkError {
  override name = "OutcomeUnknownError";
}

/** Whether an error says a write may have landed (see OutcomeUnknownError). */
export function isOutcomeUnknown(err: unknown): err is OutcomeUnknownError {
  return err instanceof OutcomeUnknownError;
}

const SECRET_QUERY = /([?&](?:api_key|apikey|token|access_token|secret|client_secret|code)=)[^&]*/gi;

/** Masks secrets passed as query parameters. */
export function stripQuerySecrets(url: string): string {
  return url.replace(SECRET_QUERY, "$1***");
}
