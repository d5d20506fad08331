import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FaultSpec, Faults } from "./faults.js";
import { RequestLog } from "./request-log.js";

/** A request as a fake vendor's handler sees it. */
export interface FakeRequest {
  method: string;
  /** Path below the fake's base path (e.g. `/jobs/ABC` for `/spi/v3/jobs/ABC`). */
  path: string;
  /** The route template from `routeOf`, used for faults and counting. */
  route: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON; throws a FakeHttpError 400 when it is not. */
  json<T = any>(): T;
  /** The body parsed as multipart or urlencoded form data. */
  form(): Promise<FormData>;
  /** The fake's own base URL (origin + base path), for next-page links. */
  baseUrl: string;
}

/** What a handler answers; `body` is sent as JSON unless it is a string or Buffer. */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by a handler to answer an error without a stack trace. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface FakeServerOptions {
  /** Prefix every vendor path starts with (e.g. `/spi/v3`); other paths answer 404. */
  basePath?: string;
  handle: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;
  /** Maps a path to its route template (default: the path itself). */
  routeOf?: (path: string) => string;
  /** The body of an error answer (status, message) in the vendor's own shape. */
  errorBody?: (status: number, message: string) => unknown;
  /** The cut-off JSON a `malformed` fault answers (default: a generic truncated object). */
  malformedBody?: string;
  /**
   * Runs before faults on every request under the base path, for checks the vendor makes first
   * (auth, rate limits): throw a FakeHttpError to refuse; returned headers go on every later answer.
   */
  guard?: (
    req: FakeRequest,
  ) => Record<string, string> | undefined | Promise<Record<string, string> | undefined>;
  /**
   * Answers paths outside the base path (e.g. pre-signed download links); they skip the guard but
   * not faults, and `path` is the full path. Without it they answer 404.
   */
  outside?: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;
}

/** A running fake on 127.0.0.1 with its request log and fault switchboard. */
export interface FakeServer {
  /** Origin + base path, e.g. `http://127.0.0.1:41234/spi/v3`. */
  baseUrl: string;
  origin: string;
  requests: RequestLog;
  faults: Faults;
  /** Arms a fault for the next `times` matching requests. */
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  401: "Unauthorized",
  404: "Not found",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const raw = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body ?? null);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(raw);
}

/**
 * The body as a JSON object, `{}` when empty; anything else is refused with a 400 carrying
 * `message` (in the vendor's words), as JSON APIs answer a body they cannot use.
 */
export function jsonObject(
  req: FakeRequest,
  message = "The body must be a JSON object",
): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8") || "{}");
  } catch {}
  if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new FakeHttpError(400, message);
}

/** Wraps a received request for the handlers; `json`/`form` parse lazily and refuse with a 400. */
function toFakeRequest(
  req: IncomingMessage,
  init: Pick<FakeRequest, "method" | "path" | "route" | "query" | "body" | "baseUrl">,
): FakeRequest {
  const { body } = init;
  return {
    ...init,
    headers: req.headers,
    json: () => {
      try {
        return JSON.parse(body.toString("utf8") || "null");
      } catch {
        throw new FakeHttpError(400, "The body must be JSON");
      }
    },
    form: () =>
      new Request("http://127.0.0.1/", {
        method: "POST",
        headers: { "content-type": String(req.headers["content-type"] ?? "") },
        body,
      })
        .formData()
        .catch(() => {
          throw new FakeHttpError(400, "The body must be form data");
        }),
  };
}

/**
 * Starts a fake vendor API on 127.0.0.1 (random port). It logs every request on arrival, runs the
 * guard, applies armed faults (status + Retry-After, delay, malformed JSON) before the handler, and
 * turns a thrown FakeHttpError into the vendor's error shape. Shared by every connector's `src/testing/`.
 */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const routeOf = options.routeOf ?? ((p: string) => p);
  const errorBody = options.errorBody ?? ((status: number, message: string) => ({ status, message }));
  const malformedBody = options.malformedBody ?? '{"data": [{"truncated": ';
  const requests = new RequestLog();
  const faults = new Faults();
  let baseUrl = "";

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const path =
      (inside ? url.pathname.slice(basePath.length) : url.pathname).replace(/(.)\/+$/, "$1") || "/";
    const route = routeOf(path);
    const entry = { method, route, path, query: url.search, status: 0, at: Date.now(), headers: req.headers };
    requests.push(entry);
    const body = await readBody(req);
    const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
      entry.status = status;
      send(res, status, payload, headers);
    };
    if (!inside && !options.outside) return answer(404, errorBody(404, DEFAULT_MESSAGES[404]!));
    const request = toFakeRequest(req, { method, path, route, query: url.searchParams, body, baseUrl });
    let extra: Record<string, string> = {};
    try {
      if (inside && options.guard) extra = (await options.guard(request)) ?? {};
      const fault = faults.take(method, route);
      if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault?.malformed) return answer(200, malformedBody, extra);
      if (fault?.status) {
        const headers = { ...extra };
        if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
        const message = fault.message ?? DEFAULT_MESSAGES[fault.status] ?? "Injected fault";
        return answer(fault.status, errorBody(fault.status, message), headers);
      }
      const out = await (inside ? options.handle(request) : options.outside!(request));
      answer(out.status, out.body, { ...extra, ...out.headers });
    } catch (err) {
      if (err instanceof FakeHttpError)
        return answer(err.status, errorBody(err.status, err.message), { ...extra, ...err.headers });
      answer(500, errorBody(500, String((err as Error).message ?? err)), extra);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, errorBody(500, String(err)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = `${origin}${basePath}`;
  return {
    baseUrl,
    origin,
    requests,
    faults,
    fail: (spec) => faults.add(spec),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Closes several fakes together, e.g. a vendor fake and the HrFlow fake of one test. */
export async function closeAll(...servers: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.all(servers.map((s) => s.close()));
}
