import type { IncomingHttpHeaders, Server } from "node:http";
import type { Readable } from "node:stream";

/**
 * Timeouts of every server that faces vendors or operators. A body trickled at one byte a second
 * is cut by `requestTimeoutMs` (the whole request, headers and body), headers that never end by
 * `headersTimeoutMs`, a silent connection by `idleTimeoutMs`. Node checks them every
 * `checkIntervalMs` (30 s by default, which would let a slow request live far past its limit).
 */
export const WEBHOOK_SERVER_TIMEOUTS = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  /** Longer than the keep-alive timeout, which must win for idle kept-alive connections. */
  idleTimeoutMs: 70_000,
  /** Longer than the 60 s idle timeout of common load balancers, so they close first. */
  keepAliveTimeoutMs: 65_000,
  checkIntervalMs: 1000,
} as const;

/** The timeouts a server applies; defaults are WEBHOOK_SERVER_TIMEOUTS. */
export type ServerTimeouts = { -readonly [K in keyof typeof WEBHOOK_SERVER_TIMEOUTS]: number };

/**
 * Applies request, headers, idle and keep-alive timeouts to a node:http server. The checking
 * interval can only be set when the server is created: pass `serverTimeoutOptions()` to
 * `createServer` as well.
 */
export function applyServerTimeouts(
  server: Server,
  timeouts: ServerTimeouts = WEBHOOK_SERVER_TIMEOUTS,
): void {
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.headersTimeout = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.setTimeout(timeouts.idleTimeoutMs);
}

/** The `createServer` options carrying the timeouts (Node reads the checking interval only there). */
export function serverTimeoutOptions(timeouts: ServerTimeouts = WEBHOOK_SERVER_TIMEOUTS) {
  return {
    requestTimeout: timeouts.requestTimeoutMs,
    headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
  };
}

/**
 * The bytes a server holds for bodies being read at once. The per-body limit alone lets 40
 * clients make a server hold 40 bodies; with a budget, a request that would exceed it is
 * answered 503 (the vendor retries) instead of growing memory.
 */
export class BodyBudget {
  #used = 0;
  constructor(readonly bytes: number) {}

  /** Bytes held now. */
  get used(): number {
    return this.#used;
  }

  /** Reserves `n` bytes; false (nothing reserved) when they would exceed the budget. */
  take(n: number): boolean {
    if (this.#used + n > this.bytes) return false;
    this.#used += n;
    return true;
  }

  /** Returns bytes taken earlier. */
  give(n: number): void {
    this.#used = Math.max(0, this.#used - n);
  }
}

/**
 * A webhook body read under a size limit: its bytes and `release` (gives its bytes back to the
 * budget once the caller is done with them), or the reason it was not read.
 */
export type WebhookBody =
  | { ok: true; body: Buffer; release: () => void }
  | { ok: false; reason: "too_large" | "aborted" | "busy" };

/**
 * Reads a request body of at most `max` bytes. A declared Content-Length over the limit is
 * refused before a byte is read; otherwise bytes are counted as they arrive and reading stops at
 * the first chunk past the limit, so no more than `max` bytes (plus one chunk) are ever held.
 * With a `budget`, the declared length (or each chunk, when none is declared) is reserved first;
 * a body that does not fit is "busy". The caller answers 413 (or 503) with `Connection: close`:
 * what is left of the body is never read.
 */
export function readWebhookBody(
  stream: Readable,
  headers: IncomingHttpHeaders,
  max: number,
  budget?: BodyBudget,
): Promise<WebhookBody> {
  const declared = Number(headers["content-length"]);
  const known = Number.isFinite(declared) && declared >= 0;
  if (known && declared > max) return Promise.resolve({ ok: false, reason: "too_large" });
  let reserved = 0;
  const reserve = (n: number) => {
    if (!budget) return true;
    if (!budget.take(n)) return false;
    reserved += n;
    return true;
  };
  const release = () => {
    budget?.give(reserved);
    reserved = 0;
  };
  if (known && !reserve(declared)) return Promise.resolve({ ok: false, reason: "busy" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: WebhookBody) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.off("close", onClose);
      if (!result.ok) {
        release();
        chunks.length = 0;
        // Stops the socket from filling our buffers; the 413 closes the connection.
        stream.pause();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return finish({ ok: false, reason: "too_large" });
      // Bytes beyond the declared length (none declared: every byte) are reserved as they come.
      if (size > reserved && !reserve(size - reserved)) return finish({ ok: false, reason: "busy" });
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size), release });
    const onError = () => finish({ ok: false, reason: "aborted" });
    const onClose = () => finish({ ok: false, reason: "aborted" });
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.on("close", onClose);
  });
}
