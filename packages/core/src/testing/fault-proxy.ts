import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { Random } from "./random.js";

/**
 * What the proxy can do to one request:
 * - `status429`: answers 429 with `Retry-After` without forwarding;
 * - `status5xx`: answers 500 or 503 without forwarding;
 * - `resetBefore`: drops the connection without forwarding;
 * - `resetAfter`: forwards, and drops the connection once the server has answered (it acted);
 * - `timeout`: holds the request without forwarding until the client gives up;
 * - `truncate`: forwards, sends the headers and part of the body, then drops the connection;
 * - `slow`: forwards and answers in full, late (but within the client's timeout);
 * - `lost`: forwards, lets the server act, then holds the answer until the client gives up.
 */
export type FaultKind =
  | "status429"
  | "status5xx"
  | "resetBefore"
  | "resetAfter"
  | "timeout"
  | "truncate"
  | "slow"
  | "lost";

/** Every fault kind, in a stable order. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "status429",
  "status5xx",
  "resetBefore",
  "resetAfter",
  "timeout",
  "truncate",
  "slow",
  "lost",
];

/** A request as the proxy saw it. */
export interface ProxiedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** The fault it got, or null. */
  fault: FaultKind | null;
}

export interface FaultProxyOptions {
  /** The origin to forward to, e.g. a fake's `origin` (`http://127.0.0.1:41234`). */
  target: string;
  /** Seed of the fault draw (default 1). */
  seed?: number;
  /** Probability that a request gets a fault (default 0.1). */
  rate?: number;
  /** The kinds drawn from, equally likely (default all). */
  kinds?: readonly FaultKind[];
  /** Only requests it accepts may get a fault (default all). */
  only?: (req: { method: string; url: string }) => boolean;
  /** Decides the fault of a request instead of the draw (null: none; undefined: draw). */
  plan?: (req: { method: string; url: string }, index: number) => FaultKind | null | undefined;
  /** Delay of a `slow` answer in ms (default 50). */
  slowMs?: number;
  /** Longest hold of `timeout` and `lost` in ms before the connection is dropped (default 60 000). */
  holdMs?: number;
  /** `Retry-After` seconds of a 429 (default 0: retry at once). */
  retryAfterSeconds?: number;
}

/** A running proxy on 127.0.0.1 in front of a fake. */
export interface FaultProxy {
  /** The proxy's origin: use it instead of the fake's. */
  origin: string;
  /** Turns a URL on the target into the same URL through the proxy. */
  url(targetUrl: string): string;
  /** Every request, in arrival order, with its fault. */
  readonly requests: readonly ProxiedRequest[];
  /** Faults injected so far, per kind. */
  readonly injected: Record<FaultKind, number>;
  /** Stops or resumes injecting (requests still pass through). */
  enabled: boolean;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function copyHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

/** Holds a request until the client hangs up (its timeout), or `holdMs` at most. */
function hold(res: ServerResponse, holdMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      res.socket?.destroy();
      resolve();
    }, holdMs);
    res.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Sends the request on to the target and reads its whole answer. */
function forward(
  target: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...copyHeaders(req.headers), host: target.host, "content-length": body.length },
      },
      (answer) => {
        readAll(answer).then(
          (raw) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: raw }),
          reject,
        );
      },
    );
    upstream.on("error", reject);
    upstream.end(body);
  });
}

/**
 * Starts a seeded fault-injecting HTTP proxy in front of any fake. Built on node:http rather than
 * a proxy library: two of its faults need control of the raw answer (a body cut mid-way after
 * the headers announced its full length, an answer withheld after the server acted), which proxy
 * libraries stream through without a hook. Absolute links to the target in text answers (next-page
 * links, file URLs) are rewritten to the proxy, so follow-up calls are faulted too.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = new Random(options.seed ?? 1);
  const rate = options.rate ?? 0.1;
  const kinds = options.kinds ?? FAULT_KINDS;
  const slowMs = options.slowMs ?? 50;
  const holdMs = options.holdMs ?? 60_000;
  const requests: ProxiedRequest[] = [];
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  let origin = "";
  const state = { enabled: true };

  const draw = (req: { method: string; url: string }, index: number): FaultKind | null => {
    const planned = options.plan?.(req, index);
    if (planned !== undefined) return planned;
    // Draw for every request, so one request's filter does not shift the sequence of the others.
    const hit = random.chance(rate);
    const kind = random.pick(kinds);
    if (!state.enabled || (options.only && !options.only(req))) return null;
    return hit ? kind : null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = req.url ?? "/";
    const body = await readAll(req);
    const fault = draw({ method, url }, requests.length);
    requests.push({ method, url, fault });
    if (fault) injected[fault]++;
    const json = { "content-type": "application/json" };
    switch (fault) {
      case "status429":
        res.writeHead(429, { ...json, "retry-after": String(options.retryAfterSeconds ?? 0) });
        return void res.end('{"message":"Too many requests (injected)"}');
      case "status5xx": {
        const status = random.chance(0.5) ? 500 : 503;
        res.writeHead(status, json);
        return void res.end('{"message":"Server error (injected)"}');
      }
      case "resetBefore":
        return void req.socket.destroy();
      case "timeout":
        return hold(res, holdMs);
    }
    const answer = await forward(target, req, body);
    let payload = answer.body;
    const type = String(answer.headers["content-type"] ?? "");
    if (/json|text/.test(type) && payload.includes(target.origin)) {
      payload = Buffer.from(payload.toString("utf8").replaceAll(target.origin, origin));
    }
    const headers = { ...copyHeaders(answer.headers), "content-length": String(payload.length) };
    switch (fault) {
      case "resetAfter":
        return void req.socket.destroy();
      case "lost":
        return hold(res, holdMs);
      case "truncate":
        res.writeHead(answer.status, headers);
        // Half the body at most, so the client sees fewer bytes than announced; an empty body
        // is cut at the headers.
        res.write(payload.subarray(0, Math.floor(payload.length / 2)));
        return void setTimeout(() => req.socket.destroy(), 5);
      case "slow":
        await new Promise((r) => setTimeout(r, slowMs));
        break;
    }
    res.writeHead(answer.status, headers);
    res.end(payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The target itself is unreachable or the client went away: answer as a gateway would.
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "application/json" });
        res.end('{"message":"Bad gateway (proxy)"}');
      } else res.socket?.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (targetUrl) => targetUrl.replace(target.origin, origin),
    requests,
    injected,
    get enabled() {
      return state.enabled;
    },
    set enabled(on: boolean) {
      state.enabled = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
