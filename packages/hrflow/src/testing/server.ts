import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FaultSpec, Faults, normalizeRoute, RequestLog } from "./faults.js";
import { type FakeRequest, type FakeState, route } from "./routes.js";
import { ApiFailure, Collection, type Item, newKey } from "./store.js";

export interface FakeHrFlowOptions {
  apiKey?: string;
  userEmail?: string;
}

/** A running in-memory HrFlow.ai API on 127.0.0.1. */
export interface FakeHrFlow {
  /** Ends with /v1; pass it as `baseUrls: { hrflow: fake.baseUrl }`. */
  baseUrl: string;
  apiKey: string;
  userEmail: string;
  /** Ready-made `hrflow_auth` / HrFlow auth parameters. */
  auth: { api_secret: string; api_user: string };
  /** Creates a board (random key when absent) and returns its key. */
  addBoard(key?: string, name?: string): string;
  /** Creates a source and returns its key; `sync_parsing` makes file parsing answer with the profile. */
  addSource(key?: string, options?: { sync_parsing?: boolean; name?: string }): string;
  /** Stores a job directly (no request logged); returns it with its key. */
  addJob(boardKey: string, job: Record<string, unknown>): Item;
  /** Stores a profile directly (no request logged); returns it with its key. */
  addProfile(sourceKey: string, profile: Record<string, unknown>): Item;
  /** Every job of a board, archived ones included (`archived_at` set). */
  jobs(boardKey: string): Item[];
  /** Every profile of a source, archived ones included. */
  profiles(sourceKey: string): Item[];
  requests: RequestLog;
  /** Arms a fault for the next `times` matching requests. */
  fail(spec: FaultSpec): void;
  /** Disarms every fault not yet used. */
  clearFaults(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the fake on a random port. */
export async function startFakeHrFlow(options: FakeHrFlowOptions = {}): Promise<FakeHrFlow> {
  const apiKey = options.apiKey ?? `ask_${newKey().slice(0, 24)}`;
  const userEmail = options.userEmail ?? "connectors@example.com";
  const state: FakeState = { boards: new Map(), sources: new Map() };
  const faults = new Faults();
  const requests = new RequestLog();
  let baseUrl = "";

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const path = normalizeRoute(url.pathname);
    // Logged on arrival, so a request still waiting on an injected delay is already counted.
    const entry = { method, path, query: url.search, status: 0, at: Date.now() };
    requests.log.push(entry);
    const raw = await readBody(req);
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      entry.status = status;
      send(res, status, body, headers);
    };
    if (!url.pathname.startsWith("/v1/")) return answer(404, { code: 404, message: "Not found" });
    const fault = faults.take(method, path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.malformed) return answer(200, '{"code": 200, "message": "OK", "data": {');
    if (fault?.status) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
      const message =
        fault.message ??
        (fault.status === 429
          ? "Too many requests"
          : fault.status >= 500
            ? "A server error occurred"
            : "Invalid parameters. Injected fault");
      return answer(fault.status, { code: fault.status, message }, headers);
    }
    if (req.headers["x-api-key"] !== apiKey || req.headers["x-user-email"] !== userEmail) {
      return answer(401, { code: 401, message: "Unauthorized. Invalid API key or user email" });
    }
    const request: FakeRequest = {
      method,
      route: path,
      query: url.searchParams,
      baseUrl,
      json: () => {
        try {
          const body = JSON.parse(raw.toString("utf8") || "{}");
          if (body && typeof body === "object" && !Array.isArray(body)) return body;
        } catch {}
        throw new ApiFailure(400, "Invalid parameters. The body must be a JSON object");
      },
      form: () =>
        new Request("http://127.0.0.1/", {
          method: "POST",
          headers: { "content-type": req.headers["content-type"] ?? "" },
          body: raw,
        })
          .formData()
          .catch(() => {
            throw new ApiFailure(400, "Invalid parameters. The body must be multipart/form-data");
          }),
    };
    try {
      const out = await route(request, state);
      const body: Record<string, unknown> = {
        code: out.status,
        message: out.message ?? "OK",
        data: out.data ?? null,
      };
      if (out.meta) body.meta = out.meta;
      answer(out.status, body);
    } catch (err) {
      const status = err instanceof ApiFailure ? err.status : 500;
      answer(status, { code: status, message: (err as Error).message });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, { code: 500, message: String(err) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  const boardOf = (key: string) => {
    const b = state.boards.get(key);
    if (!b) throw new Error(`fake HrFlow: no board ${key}`);
    return b;
  };
  const sourceOf = (key: string) => {
    const s = state.sources.get(key);
    if (!s) throw new Error(`fake HrFlow: no source ${key}`);
    return s;
  };

  return {
    baseUrl,
    apiKey,
    userEmail,
    auth: { api_secret: apiKey, api_user: userEmail },
    addBoard(key = newKey(), name = "Board") {
      state.boards.set(key, { key, name, jobs: new Collection("job") });
      return key;
    },
    addSource(key = newKey(), opts = {}) {
      state.sources.set(key, {
        key,
        name: opts.name ?? "Source",
        sync_parsing: opts.sync_parsing ?? false,
        profiles: new Collection("profile"),
      });
      return key;
    },
    addJob: (boardKey, job) => boardOf(boardKey).jobs.insert(job),
    addProfile: (sourceKey, profile) => sourceOf(sourceKey).profiles.insert(profile),
    jobs: (boardKey) => boardOf(boardKey).jobs.all(),
    profiles: (sourceKey) => sourceOf(sourceKey).profiles.all(),
    requests,
    fail: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
