import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import { BufferedResponse } from "./buffered.js";

/**
 * The transport under every client's policy: a `fetch` for what our clients send (a method, headers
 * and a body already in memory) on node:http with keep-alive agents, answering a standard Response.
 *
 * Why not the global fetch: an allocation profile of a 5,000-job sync (bench/README.md) put 65% of
 * the bytes allocated per request in undici's fetch and the WHATWG streams it builds around every
 * request and response body (Request clones, TransformStreams, pipeTo, readers), about 145 KB per
 * job for a 3 KB answer. That garbage is what grew V8's young generation and the process's RSS.
 * Here a request is one http.ClientRequest, a response one Buffer handed over as a
 * BufferedResponse (no body stream, see buffered.ts); connections are reused
 * (keep-alive, most recently used first), as undici's pool does.
 *
 * Anything else (a ReadableStream or FormData body, a Request object as input) goes to the global
 * fetch unchanged, so callers never lose a feature.
 */

// One pool per protocol for the process. No per-host cap beyond the rate limiter's and the
// engine's; an idle socket is closed after 4 s, as undici does (the agent only destroys idle
// sockets on timeout; a request in progress is bounded by its policy's signal instead).
const agentOptions = { keepAlive: true, scheduling: "lifo" as const, timeout: 4000 };
const httpAgent = new HttpAgent(agentOptions);
const httpsAgent = new HttpsAgent(agentOptions);

const DECODERS: Record<string, (b: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};
const NULL_BODY = new Set([101, 204, 205, 304]);
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
  body: Buffer;
}

/** Sends one request and reads the whole answer; rejects like fetch ("fetch failed", cause). */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  signal: AbortSignal | null | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const https = url.protocol === "https:";
    const req = (https ? httpsRequest : httpRequest)(url, {
      method,
      headers: body ? { ...headers, "content-length": String(body.byteLength) } : headers,
      agent: https ? httpsAgent : httpAgent,
    });
    const onAbort = () => req.destroy(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    req.on("error", (err) => {
      done();
      reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: err }));
    });
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (err) => {
        done();
        reject(signal?.aborted ? signal.reason : new TypeError("terminated", { cause: err }));
      });
      res.on("end", () => {
        done();
        const pairs: [string, string][] = [];
        const raw = res.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers: pairs,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        });
      });
    });
    req.end(body);
  });
}

/** A Response for an answer (its bytes in memory, no stream): decoded body, honest Content-Length, its URL. */
async function toResponse(answer: Answer, url: string): Promise<Response> {
  let body = answer.body;
  const encoding = answer.headers
    .find(([k]) => k.toLowerCase() === "content-encoding")?.[1]
    .trim()
    .toLowerCase();
  const decode = encoding && encoding !== "identity" && body.byteLength > 0 ? DECODERS[encoding] : undefined;
  if (decode) body = await decode(body);
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

/** `fetch` on node:http keep-alive pools for in-memory bodies; the global fetch for anything else. */
export async function leanFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  if (input instanceof Request || !plainBody(init.body) || (init.redirect && init.redirect !== "follow")) {
    return globalThis.fetch(input, init);
  }
  let url = new URL(String(input));
  if (url.protocol !== "http:" && url.protocol !== "https:") return globalThis.fetch(input, init);
  let method = (init.method ?? "GET").toUpperCase();
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
    const answer = await send(url, method, headers, body, init.signal);
    const location = REDIRECTS.has(answer.status)
      ? answer.headers.find(([k]) => /^location$/i.test(k))
      : null;
    if (!location || hops >= MAX_REDIRECTS) return toResponse(answer, url.href);
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
