import { randomBytes } from "node:crypto";
import {
  FakeHttpError,
  type FakeRequest,
  type FakeResponse,
  type FaultSpec,
  FixedWindow,
  jsonObject,
  type RequestLog,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import type { WorkableCandidate, WorkableJob } from "../objects.js";
import { resumeBytes } from "./data.js";
import { type CreatedCandidate, FakeWorkableState } from "./state.js";

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
  /** Every request, with its route template (`/jobs/{shortcode}`) and status; `count` filters them. */
  requests: RequestLog;
  /** Arms a fault for the next `times` matching requests. */
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

/** A route template for a path under /spi/v3, or for a resume link (outside it). */
function routeOf(path: string): string {
  return path
    .replace(/^\/jobs\/[^/]+\/candidates$/, "/jobs/{shortcode}/candidates")
    .replace(/^\/jobs\/[^/]+$/, "/jobs/{shortcode}")
    .replace(/^\/candidates\/[^/]+$/, "/candidates/{id}")
    .replace(/^\/files\/resumes\/[^/]+\.pdf$/, "/files/resumes/{id}.pdf");
}

const BAD_BODY = "the body must be a JSON object";

/** Resume links stand for pre-signed storage URLs: served outside /spi/v3, no token, no rate limit. */
function resume(req: FakeRequest): FakeResponse {
  const id = /^\/files\/resumes\/([^/]+)\.pdf$/.exec(req.path)?.[1];
  if (!id || req.method !== "GET") throw new FakeHttpError(404, "Not found");
  return {
    status: 200,
    body: resumeBytes(id),
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${id}.pdf"` },
  };
}

/** Starts the fake on a random loopback port. */
export async function startFakeWorkable(options: FakeWorkableOptions = {}): Promise<FakeWorkable> {
  const token = options.token ?? `wk_${randomBytes(12).toString("hex")}`;
  const subdomain = options.subdomain ?? "acme";
  let origin = "";
  const state = new FakeWorkableState(options.seed ?? 1, () => origin);
  const limit = options.rateLimit === undefined ? { requests: 10, perMs: 10_000 } : options.rateLimit;
  const window = limit ? new FixedWindow(limit.requests, limit.perMs) : null;

  const api = async (req: FakeRequest): Promise<FakeResponse> => {
    const { method, route, path, query: q } = req;
    const duplicated = [...new Set(q.keys())].find((k) => q.getAll(k).length > 1);
    if (duplicated) throw new FakeHttpError(400, `query parameter '${duplicated}' given more than once`);
    const nextLink = (resource: string, lastId: string) => {
      const next = new URLSearchParams(q);
      next.set("since_id", lastId);
      if (!next.has("limit")) next.set("limit", "50");
      return `${req.baseUrl}/${resource}?${next}`;
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
        if (!job) throw new FakeHttpError(404, "Not found");
        return { status: 200, body: job };
      }
      case "POST /jobs/{shortcode}/candidates":
      case "POST /talent_pool/candidates": {
        const shortcode = route === "/talent_pool/candidates" ? null : id;
        const candidate = state.createCandidate(shortcode, q.get("stage"), jsonObject(req, BAD_BODY));
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
        if (!candidate) throw new FakeHttpError(404, "Not found");
        return { status: 200, body: { candidate } };
      }
      case "PATCH /candidates/{id}":
        return { status: 200, body: { candidate: state.patchCandidate(id, jsonObject(req, BAD_BODY)) } };
      default:
        throw new FakeHttpError(404, `no route ${method} ${path}`);
    }
  };

  const server = await startFakeServer({
    basePath: "/spi/v3",
    routeOf,
    errorBody: (_status, message) => ({ error: message }),
    malformedBody: '{"jobs": [',
    // Workable checks the token and the window before anything else, faults included: a refused
    // request never reaches the API, and every later answer reports the window.
    guard: (req) => {
      if (req.headers.authorization !== `Bearer ${token}`) throw new FakeHttpError(401, "Not authorized");
      const slot = window?.take();
      if (!slot) return undefined;
      // Workable's own headers: X-Rate-Limit-Reset is the next window's start in Unix seconds.
      const headers = {
        "x-rate-limit-limit": String(slot.limit),
        "x-rate-limit-remaining": String(slot.remaining),
        "x-rate-limit-reset": String(Math.ceil(slot.resetAt / 1000)),
      };
      if (!slot.allowed) throw new FakeHttpError(429, "Rate limit exceeded", headers);
      return headers;
    },
    handle: api,
    outside: resume,
  });
  origin = server.origin;
  state.seed(options.jobs ?? 0, options.candidates ?? 0);

  return {
    baseUrl: server.baseUrl,
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
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
