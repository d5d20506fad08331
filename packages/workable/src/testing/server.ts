import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WorkableCandidate, WorkableJob } from "../objects.js";
import { resumeBytes } from "./data.js";
import { type FaultSpec, Faults, FixedWindow, RequestLog, routeOf } from "./plumbing.js";
import { type CreatedCandidate, FakeFailure, FakeWorkableState } from "./state.js";

export interface FakeWorkableOptions {
  /** The Bearer token the fake accepts (random when absent). */
  token?: string;
  subdomain?: string;
  /** Realistic jobs and candidates to generate at start (default none). */
  jobs?: number;
  candidates?: number;
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  /** Requests allowed per window; Workable's account-token limit (10 per 10 s) by default; null: none. */
  rateLimit?: { requests: number; perMs: number } | null;
}

/** A running in-memory Workable SPI v3 on 127.0.0.1. */
export interface FakeWorkable {
  /** Ends with /spi/v3; pass it as `baseUrls: { workable: fake.baseUrl }`. */
  baseUrl: string;
  token: string;
  subdomain: string;
  /** Ready-made `connector_auth`. */
  auth: { api_access_token: string; subdomain: string };
  /** The stored jobs and candidates (detail shape), in insertion order; mutate through the methods. */
  readonly jobs: WorkableJob[];
  readonly candidates: WorkableCandidate[];
  /** Candidates created through the API, with the bodies received. */
  readonly created: CreatedCandidate[];
  /** PATCH bodies received, by candidate id. */
  readonly updates: { id: string; body: Record<string, unknown> }[];
  job(shortcode: string): WorkableJob | undefined;
  candidate(id: string): WorkableCandidate | undefined;
  addJob(fields?: Partial<WorkableJob>): WorkableJob;
  /** Changes a job; its `updated_at` becomes now. */
  updateJob(shortcode: string, fields: Partial<WorkableJob>): WorkableJob;
  addCandidate(fields?: Partial<WorkableCandidate>): WorkableCandidate;
  updateCandidate(id: string, fields: Partial<WorkableCandidate>): WorkableCandidate;
  /** Every request, with its route template and status; `count` filters them. */
  requests: RequestLog;
  /** Arms a fault for the next `times` matching requests. */
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    if (body && typeof body === "object" && !Array.isArray(body)) return body;
  } catch {}
  throw new FakeFailure(400, "the body must be a JSON object");
}

/** Starts the fake on a random loopback port. */
export async function startFakeWorkable(options: FakeWorkableOptions = {}): Promise<FakeWorkable> {
  const token = options.token ?? `wk_${randomBytes(12).toString("hex")}`;
  const subdomain = options.subdomain ?? "acme";
  let origin = "";
  const state = new FakeWorkableState(options.seed ?? 1, () => origin);
  const faults = new Faults();
  const log = new RequestLog();
  const limit = options.rateLimit === undefined ? { requests: 10, perMs: 10_000 } : options.rateLimit;
  const window = limit ? new FixedWindow(limit.requests, limit.perMs) : null;

  const api = async (method: string, route: string, path: string, url: URL, req: IncomingMessage) => {
    const q = url.searchParams;
    const duplicated = [...new Set(q.keys())].find((k) => q.getAll(k).length > 1);
    if (duplicated) throw new FakeFailure(400, `query parameter '${duplicated}' given more than once`);
    const base = `${origin}/spi/v3`;
    const nextLink = (resource: string, lastId: string) => {
      const next = new URLSearchParams(q);
      next.set("since_id", lastId);
      if (!next.has("limit")) next.set("limit", "50");
      return `${base}/${resource}?${next}`;
    };
    const id = decodeURIComponent(path.split("/")[2] ?? "");
    switch (`${method} ${route}`) {
      case "GET /jobs": {
        const { items, more } = state.listJobs(q);
        return {
          status: 200,
          body: { jobs: items, ...(more ? { paging: { next: nextLink("jobs", items.at(-1)!.id) } } : {}) },
        };
      }
      case "GET /jobs/{shortcode}": {
        const job = state.job(id);
        if (!job) throw new FakeFailure(404, "Not found");
        return { status: 200, body: job };
      }
      case "POST /jobs/{shortcode}/candidates":
      case "POST /talent_pool/candidates": {
        const shortcode = route === "/talent_pool/candidates" ? null : id;
        const candidate = state.createCandidate(shortcode, q.get("stage"), await readJson(req));
        return { status: 201, body: { candidate } };
      }
      case "GET /candidates": {
        const { items, more } = state.listCandidates(q);
        return {
          status: 200,
          body: {
            candidates: items,
            ...(more ? { paging: { next: nextLink("candidates", items.at(-1)!.id) } } : {}),
          },
        };
      }
      case "GET /candidates/{id}": {
        const candidate = state.candidate(id);
        if (!candidate) throw new FakeFailure(404, "Not found");
        return { status: 200, body: { candidate } };
      }
      case "PATCH /candidates/{id}":
        return { status: 200, body: { candidate: state.patchCandidate(id, await readJson(req)) } };
      default:
        throw new FakeFailure(404, `no route ${method} ${path}`);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    // Resume links stand for pre-signed storage URLs: no token, no rate limit.
    const resume = /^\/files\/resumes\/([^/]+)\.pdf$/.exec(url.pathname);
    if (resume && method === "GET") {
      log.push({
        method,
        route: "/files/resumes/{id}.pdf",
        path: url.pathname,
        query: url.search,
        status: 200,
        at,
      });
      res.writeHead(200, {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${resume[1]}.pdf"`,
      });
      return res.end(resumeBytes(resume[1]!));
    }
    const path = url.pathname.replace(/^\/spi\/v3/, "");
    const route = routeOf(path);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log.push({
        method,
        route,
        path,
        query: url.search,
        status,
        at,
        authorization: req.headers.authorization,
      });
      send(res, status, body, headers);
    };
    if (!url.pathname.startsWith("/spi/v3/")) return answer(404, { error: "Not found" });
    if (req.headers.authorization !== `Bearer ${token}`) return answer(401, { error: "Not authorized" });
    const slot = window?.take(at);
    if (slot && !slot.allowed) return answer(429, { error: "Rate limit exceeded" }, slot.headers);
    const headers = slot?.headers ?? {};
    const fault = faults.take(method, route);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.malformed) return answer(200, '{"jobs": [', headers);
    if (fault?.status) {
      const extra: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
      return answer(
        fault.status,
        { error: fault.message ?? `injected HTTP ${fault.status}` },
        { ...headers, ...extra },
      );
    }
    try {
      const out = await api(method, route, path, url, req);
      answer(out.status, out.body, headers);
    } catch (err) {
      const status = err instanceof FakeFailure ? err.status : 500;
      answer(status, { error: (err as Error).message }, headers);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, { error: String(err) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.seed(options.jobs ?? 0, options.candidates ?? 0);

  return {
    baseUrl: `${origin}/spi/v3`,
    token,
    subdomain,
    auth: { api_access_token: token, subdomain },
    jobs: state.jobs,
    candidates: state.candidates,
    created: state.created,
    updates: state.updates,
    job: (s) => state.job(s),
    candidate: (i) => state.candidate(i),
    addJob: (f) => state.addJob(f),
    updateJob: (s, f) => state.updateJob(s, f),
    addCandidate: (f) => state.addCandidate(f),
    updateCandidate: (i, f) => state.updateCandidate(i, f),
    requests: log,
    fail: (spec) => faults.add(spec),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
