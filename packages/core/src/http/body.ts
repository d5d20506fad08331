import { brand, hasBrand } from "../brand.js";
import { BufferedResponse, NULL_BODY } from "./buffered.js";

/**
 * Default ceiling of a buffered response body, counted after decoding: far above any API page or
 * resume, and low enough for a 512 MB container. A body at the limit is held about twice while it
 * is joined, then decoded to text and parsed, so the peak is a small multiple of it on top of a
 * process of about 100 MB (figures in RELIABILITY.md, "Operations"). Raise it with the run's
 * `http.maxBodyBytes` (or a client's `maxBodyBytes`) for a vendor whose exports are larger.
 */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * A body larger than the policy allows buffering, cut as it streamed. Not retried and not a
 * transient fault (the next attempt would be as large): a read ends fatal, a write fails its item.
 */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  /** The limit that was passed, in bytes. */
  readonly limit: number | undefined;
  readonly vendor: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(
    message: string,
    options?: ErrorOptions & { limit?: number; site?: { vendor: string; method: string; url: string } },
  ) {
    super(message, options);
    this.limit = options?.limit;
    this.vendor = options?.site?.vendor;
    this.method = options?.site?.method;
    this.url = options?.site?.url;
    brand(this, "body-too-large");
  }
}

/** Whether an error is a body over the buffering limit (a BodyTooLargeError from any copy of core). */
export function isBodyTooLargeError(err: unknown): err is BodyTooLargeError {
  return hasBrand(err, "body-too-large");
}

/**
 * Reads a whole body into memory, at most `maxBytes`. Reading happens while the attempt's timeout
 * signal is live, so a stalled body times out and a cut one rejects here, inside the retry loop.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (response instanceof BufferedResponse) {
    // core's transport read it already: no stream to drain, only the ceiling to apply.
    signal?.throwIfAborted();
    if (response.bytesRead.byteLength > maxBytes) {
      throw new BodyTooLargeError(
        `body of ${response.bytesRead.byteLength} bytes exceeds maxBodyBytes=${maxBytes}`,
        { limit: maxBytes },
      );
    }
    return response.bytesRead;
  }
  if (!response.body) return new Uint8Array(0);
  signal?.throwIfAborted();
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => {});
    throw new BodyTooLargeError(`body of ${declared} bytes exceeds maxBodyBytes=${maxBytes}`, {
      limit: maxBytes,
    });
  }
  const reader = response.body.getReader();
  // fetch aborts its body with the request's signal, but a signal that fired while fetch was still
  // setting up can be missed: the reader is cancelled here too, so a timed-out read never hangs.
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await collect(reader, maxBytes, signal);
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

async function collect(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    signal?.throwIfAborted();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(`body of more than ${maxBytes} bytes exceeds maxBodyBytes=${maxBytes}`, {
        limit: maxBytes,
      });
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const JSON_TYPE = /[/+]json\b/i;

/**
 * Why a complete-looking 2xx JSON body cannot be used (a proxy that cut it and closed the stream
 * cleanly), or null when it parses. Parsed here so a half body is retried like a cut connection;
 * a BufferedResponse keeps the parse for its reader, so the body is parsed once per answer.
 */
export function malformedJson(response: Response, bytes: Uint8Array): string | null {
  if (!JSON_TYPE.test(response.headers.get("content-type") ?? "") || bytes.byteLength === 0) return null;
  try {
    if (response instanceof BufferedResponse && response.bytesRead === bytes) response.parsedJson();
    else JSON.parse(new TextDecoder().decode(bytes));
    return null;
  } catch (err) {
    return `malformed JSON body of ${bytes.byteLength} bytes (${(err as Error).message})`;
  }
}

/**
 * A Response holding `bytes`, with the original's status, headers and URL. Content-Encoding is
 * dropped and Content-Length set to what was read: fetch already decoded the bytes. An answer of
 * core's transport already is one (its bytes are those read), so it is returned as it is.
 */
export function rebuild(original: Response, bytes: Uint8Array): Response {
  if (original instanceof BufferedResponse && original.bytesRead === bytes) return original;
  const headers = new Headers(original.headers);
  headers.delete("content-encoding");
  headers.delete("transfer-encoding");
  if (!NULL_BODY.has(original.status)) headers.set("content-length", String(bytes.byteLength));
  return new BufferedResponse(bytes, {
    status: original.status,
    statusText: original.statusText,
    headers,
    url: original.url,
  });
}

/**
 * An attempt's abort signal: the caller's signal or the timeout, whichever comes first. Built on
 * a plain timer rather than `AbortSignal.timeout` + `AbortSignal.any`: fetch holds its signal
 * weakly, and a composed timeout signal nobody else references can be collected before it fires,
 * leaving a stalled call waiting forever. The timer keeps the controller alive until `end()`.
 */
export function attemptDeadline(
  timeoutMs: number,
  outer: AbortSignal | undefined,
): {
  signal: AbortSignal;
  timedOut: () => boolean;
  /** Settles with `work`, or rejects as soon as the deadline passes, whether fetch noticed or not. */
  race: <T>(work: Promise<T>) => Promise<T>;
  end: () => void;
} {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    race: <T>(work: Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        const stop = () => reject(controller.signal.reason);
        if (controller.signal.aborted) return stop();
        controller.signal.addEventListener("abort", stop, { once: true });
        work.then(resolve, reject).finally(() => controller.signal.removeEventListener("abort", stop));
      }),
    end: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    },
  };
}
