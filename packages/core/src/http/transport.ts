import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { httpAgent, httpsAgent } from "./agents.js";
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, isBodyTooLargeError } from "./body.js";
import { BufferedResponse, NULL_BODY } from "./buffered.js";
import { requestHead } from "./request-head.js";
import { answerStream, STREAM, streamedResponse } from "./streamed.js";

/**
 * The transport under every client's policy: a `fetch` for what our clients send (a method, headers
 * and a body already in memory) on node:http with keep-alive agents, answering a standard Response.
 *
 * Why not the global fetch: an allocation profile of a 5,000-job sync (bench/README.md) put 65% of
 * the bytes allocated per request in undici's fetch and the WHATWG streams it builds around every
 * request and response body (Request clones, TransformStreams, pipeTo, readers), about 145 KB per
 * job for a 3 KB answer. That garbage is what grew V8's young generation and the process's RSS.
 * Here a request is one http.ClientRequest, a response one Buffer handed over as a
 * BufferedResponse (no body stream, see buffered.ts), or, when the policy asks (`STREAM`), the
 * socket's bytes as they are read (see streamed.ts); connections are reused
 * (keep-alive, most recently used first), as undici's pool does.
 *
 * Anything else (a ReadableStream or FormData body, a Request object as input) goes to the global
 * fetch unchanged, so callers never lose a feature.
 */

// One pool per protocol for the process (see agents.ts). No per-host cap beyond the rate limiter's
// and the engine's; a request in progress is bounded by its policy's signal.

// Streaming decoders: the answer is decoded as it arrives, so the limit counts decoded bytes and a
// gzip bomb is cut at the limit instead of being inflated whole in memory.
const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The RequestInit key under which the policy tells this transport the most body bytes to keep
 * (`maxBodyBytes`); a symbol, so no other fetch ever sees it. Default: DEFAULT_MAX_BODY_BYTES.
 */
export const BODY_LIMIT: unique symbol = Symbol("hrflow-connectors.maxBodyBytes");

/** RequestInit with the body limit and the streaming this transport honours. */
export type LeanInit = RequestInit & { [BODY_LIMIT]?: number; [STREAM]?: boolean };

// Headers that no longer describe a body once it is decoded and whole (Content-Length is re-set).
const DROPPED_WHEN_WHOLE = new Set(["content-encoding", "transfer-encoding", "content-length"]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

type Body = string | Uint8Array | ArrayBuffer | null | undefined;

/** A body this transport sends as it is; anything else is left to the global fetch. */
function plainBody(body: unknown): body is Body {
  return (
    body === undefined ||
    body === null ||
    typeof body === "string" ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer
  );
}

/** Request headers as a plain object (lower-case names), from any HeadersInit. */
function plainHeaders(init: RequestInit["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  const pairs: Iterable<[string, string]> =
    init instanceof Headers || Array.isArray(init)
      ? (init as Iterable<[string, string]>)
      : Object.entries(init as Record<string, string>);
  for (const [k, v] of pairs) out[k.toLowerCase()] = String(v);
  return out;
}

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  /** The whole body, or its bytes as they arrive when the call asked for a stream. */
  body: Buffer | ReadableStream<Uint8Array>;
  /** True when `body` was decoded from the Content-Encoding the answer announced. */
  decoded: boolean;
}

/** The announced Content-Encoding, lower-cased, or undefined. */
function encodingOf(res: IncomingMessage): string | undefined {
  const value = res.headers["content-encoding"];
  return typeof value === "string" ? value.trim().toLowerCase() : undefined;
}

/** The streaming decoder of the answer's Content-Encoding, if it has a body and one we decode. */
function decoderOf(res: IncomingMessage, encoding = encodingOf(res)): (() => Transform) | undefined {
  return encoding && !NULL_BODY.has(res.statusCode ?? 0) ? DECODERS[encoding] : undefined;
}

/** An answer handed over as its headers arrive, its body a byte stream (decoded) read on demand. */
function streamAnswer(res: IncomingMessage): { body: ReadableStream<Uint8Array>; decoded: boolean } {
  const makeDecoder = decoderOf(res);
  return { body: answerStream(res, makeDecoder?.()), decoded: Boolean(makeDecoder) };
}

/**
 * Reads an answer's body, decoded, keeping at most `maxBytes`: bytes are counted as they arrive
 * (after decoding), and the answer is cut at the limit with a BodyTooLargeError, its socket
 * destroyed rather than drained. A known length is read into one buffer (no copy at the end).
 */
function readAnswer(res: IncomingMessage, maxBytes: number): Promise<{ body: Buffer; decoded: boolean }> {
  return new Promise((resolve, reject) => {
    const encoding = encodingOf(res);
    const makeDecoder = decoderOf(res, encoding);
    const declared = Number(res.headers["content-length"]);
    let done = false;
    const tooLarge = (size: string) => {
      done = true;
      res.destroy();
      reject(new BodyTooLargeError(`body of ${size} exceeds maxBodyBytes=${maxBytes}`, { limit: maxBytes }));
    };
    if (!makeDecoder && Number.isFinite(declared) && declared > maxBytes)
      return tooLarge(`${declared} bytes`);
    const decoder = makeDecoder?.();
    const source = decoder ? res.pipe(decoder) : res;
    const exact = !decoder && Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let filled = 0;
    let rawBytes = 0;
    if (decoder) res.on("data", (c: Buffer) => (rawBytes += c.byteLength));
    source.on("data", (c: Buffer) => {
      if (done) return;
      if (size + c.byteLength > maxBytes) {
        decoder?.destroy();
        return tooLarge(
          decoder ? `more than ${maxBytes} bytes once decoded (${encoding})` : `more than ${maxBytes} bytes`,
        );
      }
      // Node's parser never delivers more than the declared length; anything else is kept in order.
      if (exact && chunks.length === 0 && filled + c.byteLength <= exact.byteLength) {
        c.copy(exact, filled);
        filled += c.byteLength;
      } else chunks.push(c);
      size += c.byteLength;
    });
    const finish = () => {
      if (done) return;
      done = true;
      const head = exact ? [exact.subarray(0, filled)] : [];
      const parts = [...head, ...chunks];
      resolve({ body: parts.length === 1 ? parts[0]! : Buffer.concat(parts), decoded: Boolean(decoder) });
    };
    const cut = (err: Error) => {
      if (done) return;
      // An encoded answer without a body (HEAD, an empty 200) has nothing to decode: it is empty.
      if (decoder && rawBytes === 0 && res.complete) return finish();
      done = true;
      reject(err);
    };
    res.on("error", cut);
    decoder?.on("error", cut);
    source.on("end", finish);
  });
}

/**
 * Sends one request and reads the whole answer (see readAnswer), or only its headers when `stream`;
 * rejects like fetch ("fetch failed", cause), or with a BodyTooLargeError at the limit.
 */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  signal: AbortSignal | null | undefined,
  maxBytes: number,
  stream: boolean,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const https = url.protocol === "https:";
    const head = requestHead(url, method, headers, body, https ? httpsAgent : httpAgent);
    const req = (https ? httpsRequest : httpRequest)(head);
    let settled = false;
    const onAbort = () => req.destroy(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      reject(err);
    };
    req.on("error", (err) => {
      fail(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err }));
    });
    req.on("response", (res: IncomingMessage) => {
      const read = stream ? Promise.resolve(streamAnswer(res)) : readAnswer(res, maxBytes);
      read.then(
        ({ body, decoded }) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener("abort", onAbort);
          const pairs: [string, string][] = [];
          const raw = res.rawHeaders;
          for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            headers: pairs,
            body,
            decoded,
          });
        },
        (err: unknown) =>
          fail(
            isBodyTooLargeError(err)
              ? err
              : signal?.aborted
                ? signal.reason
                : new TypeError("terminated", { cause: err }),
          ),
      );
    });
    req.end(body);
  });
}

/** A Response for an answer (its bytes in memory, no stream): decoded body, honest Content-Length, its URL. */
function toResponse(answer: Answer, url: string): Response {
  const body = answer.body;
  if (!Buffer.isBuffer(body)) return streamedResponse({ ...answer, body }, url);
  const encoding = answer.headers
    .find(([k]) => k.toLowerCase() === "content-encoding")?.[1]
    .trim()
    .toLowerCase();
  const decode = answer.decoded;
  // The body is whole: say how long it is, as the policy's copy of an answer always did. The pairs
  // go to the Response as they are (one Headers built, by the Response itself).
  const whole = !NULL_BODY.has(answer.status) && (decode || !encoding || encoding === "identity");
  const headers = whole
    ? answer.headers.filter(([k]) => !DROPPED_WHEN_WHOLE.has(k.toLowerCase()))
    : answer.headers;
  if (whole) headers.push(["content-length", String(body.byteLength)]);
  return new BufferedResponse(body, {
    status: answer.status,
    statusText: answer.statusText,
    headers,
    url,
  });
}

/**
 * Whether leanFetch sends this call itself (rather than through the global fetch): it then settles
 * as soon as `init.signal` aborts, with its reason, and never answers after it.
 */
export function sentByTransport(url: string, init: LeanInit): boolean {
  return plainBody(init.body) && (!init.redirect || init.redirect === "follow") && /^https?:/i.test(url);
}

/** `fetch` on node:http keep-alive pools for in-memory bodies; the global fetch for anything else. */
export async function leanFetch(input: string | URL | Request, init: LeanInit = {}): Promise<Response> {
  if (input instanceof Request || !plainBody(init.body) || (init.redirect && init.redirect !== "follow")) {
    return globalThis.fetch(input, init);
  }
  let url = new URL(String(input));
  if (url.protocol !== "http:" && url.protocol !== "https:") return globalThis.fetch(input, init);
  let method = (init.method ?? "GET").toUpperCase();
  const maxBytes = init[BODY_LIMIT] ?? DEFAULT_MAX_BODY_BYTES;
  const headers = plainHeaders(init.headers);
  headers["accept-encoding"] ??= "gzip, deflate, br";
  headers.accept ??= "*/*";
  const raw = init.body;
  let body =
    raw === undefined || raw === null
      ? undefined
      : typeof raw === "string"
        ? Buffer.from(raw)
        : raw instanceof ArrayBuffer
          ? Buffer.from(raw)
          : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (body && typeof raw === "string") headers["content-type"] ??= "text/plain;charset=UTF-8";
  for (let hops = 0; ; hops++) {
    const answer = await send(url, method, headers, body, init.signal, maxBytes, init[STREAM] === true);
    const location = REDIRECTS.has(answer.status)
      ? answer.headers.find(([k]) => /^location$/i.test(k))
      : null;
    if (!location || hops >= MAX_REDIRECTS) return toResponse(answer, url.href);
    // A redirect's own body is never read: its connection is closed.
    if (!Buffer.isBuffer(answer.body)) await answer.body.cancel();
    // As fetch: 303 (and 301/302 after a POST) become a GET without a body, and credentials never
    // follow a redirect to another origin.
    const next = new URL(location[1], url);
    if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
      delete headers["content-type"];
    }
    if (next.origin !== url.origin) {
      delete headers.authorization;
      delete headers.cookie;
    }
    url = next;
  }
}
