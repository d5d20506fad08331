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
import type { TeamtailorCandidate, TeamtailorJob, TeamtailorLocation } from "../objects.js";
import { teamtailorSignature } from "../webhook.js";
import { resumeBytes } from "./data.js";
import { type CreatedCandidate, FakeTeamtailorState } from "./state.js";

export interface FakeTeamtailorOptions {
  /** The API key the fake accepts (random when absent). */
  apiKey?: string;
  /** Realistic jobs and candidates generated at start (default none). */
  jobs?: number;
  candidates?: number;
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  /** Requests per window; 50 per 10 s by default; null: none. */
  rateLimit?: { requests: number; perMs: number } | null;
  /** Answers `GET /jobs` as if `include` were not supported (no relationship data, no `included`). */
  ignoreInclude?: boolean;
}

/** A running in-memory Teamtailor API on 127.0.0.1. */
export interface FakeTeamtailor {
  /** Ends with /v1; pass it as `baseUrls: { teamtailor: fake.baseUrl }`. */
  baseUrl: string;
  apiKey: string;
  /** Ready-made `connector_auth`. */
  auth: { api_key: string; X_Api_Version: string };
  readonly jobs: TeamtailorJob[];
  /** The location Teamtailor holds for a job (null: none). */
  locationOf(jobId: string): TeamtailorLocation | null;
  readonly candidates: TeamtailorCandidate[];
  readonly created: CreatedCandidate[];
  readonly updates: { id: string; body: Record<string, unknown> }[];
  addJob(fields?: Partial<TeamtailorJob["attributes"]>): TeamtailorJob;
  updateJob(id: string, fields: Partial<TeamtailorJob["attributes"]>): TeamtailorJob;
  addCandidate(fields?: Partial<TeamtailorCandidate["attributes"]>): TeamtailorCandidate;
  updateCandidate(id: string, fields: Partial<TeamtailorCandidate["attributes"]>): TeamtailorCandidate;
  /** Deletes a candidate and returns the signed `candidate.destroy` webhook body Teamtailor would send. */
  deleteCandidate(id: string, signatureKey: string): string;
  /** A signed webhook body for an event on a resource, as Teamtailor sends it. */
  webhook(
    eventName: string,
    data: { id: string; type: string; attributes: object },
    signatureKey: string,
  ): string;
  requests: RequestLog;
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

const API_VERSION = "20240404";

function routeOf(path: string): string {
  return path
    .replace(/^\/jobs\/[^/]+\/location$/, "/jobs/{id}/location")
    .replace(/^\/jobs\/[^/]+$/, "/jobs/{id}")
    .replace(/^\/candidates\/[^/]+$/, "/candidates/{id}")
    .replace(/^\/files\/resumes\/[^/]+\.pdf$/, "/files/resumes/{id}.pdf");
}

/** Resume links stand for pre-signed storage URLs: outside /v1, no key, no rate limit. */
function resume(req: FakeRequest): FakeResponse {
  const id = /^\/files\/resumes\/([^/]+)\.pdf$/.exec(req.path)?.[1];
  if (!id || req.method !== "GET") throw new FakeHttpError(404, "Not found");
  return {
    status: 200,
    body: resumeBytes(id),
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="cv-${id}.pdf"`,
    },
  };
}

const JSON_API = { "content-type": "application/vnd.api+json" };

/** A listed job as `include=location` shows it: its relationship's resource identifier (or null). */
function withLocationData(job: TeamtailorJob, state: FakeTeamtailorState): TeamtailorJob {
  const location = state.locations.get(job.id) ?? null;
  const data = location ? { type: location.type, id: location.id } : null;
  return { ...job, relationships: { location: { data } } };
}

/** A page's `included`: each location its jobs name, once. */
function includedLocations(jobs: TeamtailorJob[], state: FakeTeamtailorState): unknown[] {
  const byId = new Map<string, unknown>();
  for (const job of jobs) {
    const location = state.locations.get(job.id);
    if (location) byId.set(location.id, location);
  }
  return [...byId.values()];
}

/** Starts the fake on a random loopback port. */
export async function startFakeTeamtailor(options: FakeTeamtailorOptions = {}): Promise<FakeTeamtailor> {
  const apiKey = options.apiKey ?? `tt_${randomBytes(12).toString("hex")}`;
  let origin = "";
  const state = new FakeTeamtailorState(options.seed ?? 1, () => origin);
  const limit = options.rateLimit === undefined ? { requests: 50, perMs: 10_000 } : options.rateLimit;
  const window = limit ? new FixedWindow(limit.requests, limit.perMs) : null;

  const list = (
    req: FakeRequest,
    result: { items: unknown[]; pages: number; total?: number },
    extra: Record<string, unknown> = {},
  ): FakeResponse => {
    const n = Number(req.query.get("page[number]") ?? "1");
    const link = (p: number) => {
      const q = new URLSearchParams(req.query);
      q.set("page[number]", String(p));
      return `${req.baseUrl}${req.path}?${q}`;
    };
    return {
      status: 200,
      headers: JSON_API,
      body: {
        data: result.items,
        ...extra,
        links: {
          first: link(1),
          last: link(result.pages),
          ...(n < result.pages ? { next: link(n + 1) } : {}),
        },
        meta: {
          "page-count": result.pages,
          ...(result.total === undefined ? {} : { "record-count": result.total }),
        },
      },
    };
  };
  const attributesOf = (req: FakeRequest, id?: string): Record<string, unknown> => {
    if (!String(req.headers["content-type"] ?? "").startsWith("application/vnd.api+json")) {
      throw new FakeHttpError(415, "Content-Type must be application/vnd.api+json");
    }
    const body = jsonObject(req, "the body must be a JSON:API document");
    const data = body.data as { type?: unknown; id?: unknown; attributes?: unknown } | undefined;
    if (data?.type !== "candidates" || !data.attributes || typeof data.attributes !== "object") {
      throw new FakeHttpError(422, "data must be {type: candidates, attributes}");
    }
    if (id !== undefined && data.id !== id) throw new FakeHttpError(409, "data.id does not match the URL");
    return data.attributes as Record<string, unknown>;
  };

  const api = async (req: FakeRequest): Promise<FakeResponse> => {
    const id = decodeURIComponent(req.path.split("/")[2] ?? "");
    switch (`${req.method} ${req.route}`) {
      case "GET /jobs": {
        const page = state.listJobs(req.query);
        const include = (req.query.get("include") ?? "").split(",");
        if (options.ignoreInclude || !include.includes("location")) return list(req, page);
        return list(
          req,
          { ...page, items: page.items.map((job) => withLocationData(job, state)) },
          {
            included: includedLocations(page.items, state),
          },
        );
      }
      case "GET /jobs/{id}": {
        const job = state.job(id);
        if (!job) throw new FakeHttpError(404, "Not found");
        return { status: 200, headers: JSON_API, body: { data: job } };
      }
      case "GET /jobs/{id}/location": {
        if (!state.job(id)) throw new FakeHttpError(404, "Not found");
        return { status: 200, headers: JSON_API, body: { data: state.locations.get(id) ?? null } };
      }
      case "GET /candidates":
        return list(req, state.listCandidates(req.query));
      case "GET /candidates/{id}": {
        const c = state.candidate(id);
        if (!c) throw new FakeHttpError(404, "Not found");
        return { status: 200, headers: JSON_API, body: { data: c } };
      }
      case "POST /candidates": {
        const attributes = attributesOf(req);
        const email = typeof attributes.email === "string" ? attributes.email : null;
        if (!email) throw new FakeHttpError(422, "email can't be blank");
        const now = state.now();
        const candidate = state.addCandidate({
          ...attributes,
          resume: null,
          "created-at": now,
          "updated-at": now,
        });
        state.created.push({ body: req.json(), candidate });
        return { status: 201, headers: JSON_API, body: { data: candidate } };
      }
      case "PATCH /candidates/{id}": {
        const attributes = attributesOf(req, id);
        if (!state.candidate(id)) throw new FakeHttpError(404, "Not found");
        state.updates.push({ id, body: req.json() });
        return { status: 200, headers: JSON_API, body: { data: state.updateCandidate(id, attributes) } };
      }
      default:
        throw new FakeHttpError(404, `no route ${req.method} ${req.path}`);
    }
  };

  const server = await startFakeServer({
    basePath: "/v1",
    routeOf,
    errorBody: (status, message) => ({ errors: [{ status: String(status), title: message }] }),
    malformedBody: '{"data": [',
    // Teamtailor checks the key, the version and the window before anything else; every answer
    // then reports the window in its X-Rate-Limit-* headers (reset in seconds from now).
    guard: (req) => {
      if (req.headers.authorization !== `Token token=${apiKey}`) throw new FakeHttpError(401, "Unauthorized");
      if (!/^\d{8}$/.test(String(req.headers["x-api-version"] ?? ""))) {
        throw new FakeHttpError(406, "X-Api-Version header missing or invalid");
      }
      const slot = window?.take();
      const version = { "x-api-version": String(req.headers["x-api-version"]) };
      if (!slot) return version;
      const headers = {
        ...version,
        "x-rate-limit-limit": String(slot.limit),
        "x-rate-limit-remaining": String(slot.remaining),
        "x-rate-limit-reset": String(Math.max(1, Math.ceil((slot.resetAt - Date.now()) / 1000))),
      };
      if (!slot.allowed) throw new FakeHttpError(429, "Too Many Requests", headers);
      return headers;
    },
    handle: api,
    outside: resume,
  });
  origin = server.origin;
  state.seed(options.jobs ?? 0, options.candidates ?? 0);

  const webhook = (eventName: string, data: object, signatureKey: string) => {
    const payload = { event_name: eventName, data };
    return JSON.stringify({ payload, signature: teamtailorSignature(payload, signatureKey) });
  };
  return {
    baseUrl: server.baseUrl,
    apiKey,
    auth: { api_key: apiKey, X_Api_Version: API_VERSION },
    jobs: state.jobs,
    locationOf: (jobId) => state.locations.get(jobId) ?? null,
    candidates: state.candidates,
    created: state.created,
    updates: state.updates,
    addJob: (f) => state.addJob(f),
    updateJob: (i, f) => state.updateJob(i, f),
    addCandidate: (f) => state.addCandidate(f),
    updateCandidate: (i, f) => state.updateCandidate(i, f),
    deleteCandidate: (id, key) => {
      const c = state.candidate(id);
      if (!c || !state.deleteCandidate(id)) throw new Error(`fake Teamtailor: no candidate ${id}`);
      return webhook("candidate.destroy", { id, type: "candidates", attributes: c.attributes }, key);
    },
    webhook,
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
