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
import type { SmartRecruitersCandidate, SmartRecruitersJob } from "../objects.js";
import { type CreatedCandidate, FakeSmartRecruitersState } from "./state.js";

export interface FakeSmartRecruitersOptions {
  /** The X-SmartToken the fake accepts (random when absent). */
  token?: string;
  /** The OAuth client-credentials app the fake accepts (random when absent). */
  clientId?: string;
  clientSecret?: string;
  /** Realistic jobs and candidates to generate at start (default none). */
  jobs?: number;
  candidates?: number;
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  /** Requests allowed per window; SmartRecruiters' 10 per second by default; null: none. */
  rateLimit?: { requests: number; perMs: number } | null;
  /**
   * How long a `GET /candidates` stays in flight (default 5 ms): long enough for a second one
   * sent at the same time to overlap it and be refused, as SmartRecruiters refuses it.
   */
  candidateListHoldMs?: number;
}

/** A running in-memory SmartRecruiters Customer API on 127.0.0.1. */
export interface FakeSmartRecruiters {
  /** Pass it as `baseUrls: { smartrecruiters: fake.baseUrl }`. */
  baseUrl: string;
  token: string;
  clientId: string;
  clientSecret: string;
  /** Ready-made `connector_auth` with the X-SmartToken. */
  auth: { x_smart_token: string };
  /** Ready-made `connector_auth` with the OAuth app. */
  oauth: { client_id: string; client_secret: string };
  readonly jobs: SmartRecruitersJob[];
  readonly candidates: SmartRecruitersCandidate[];
  readonly created: CreatedCandidate[];
  readonly updates: { id: string; body: Record<string, unknown> }[];
  readonly deleted: string[];
  /** `GET /candidates` calls refused because another was in flight. */
  readonly concurrencyViolations: number;
  /** Access tokens issued by the token endpoint. */
  readonly issuedTokens: number;
  job(id: string): SmartRecruitersJob | undefined;
  candidate(id: string): SmartRecruitersCandidate | undefined;
  addJob(fields?: Partial<SmartRecruitersJob>): SmartRecruitersJob;
  updateJob(id: string, fields: Partial<SmartRecruitersJob>): SmartRecruitersJob;
  addCandidate(fields?: Partial<SmartRecruitersCandidate>): SmartRecruitersCandidate;
  updateCandidate(id: string, fields: Partial<SmartRecruitersCandidate>): SmartRecruitersCandidate;
  /** Deletes a candidate as a user would in SmartRecruiters. */
  deleteCandidate(id: string): void;
  /** Records that a candidate applied to a job (for the `jobId` filter). */
  apply(candidateId: string, jobId: string): void;
  /** Every request, with its route template (`/candidates/{id}`) and status. */
  requests: RequestLog;
  /** Arms a fault for the next `times` matching requests. */
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

/** The route template of a path. */
function routeOf(path: string): string {
  return path
    .replace(/^\/jobs\/[^/]+\/candidates$/, "/jobs/{id}/candidates")
    .replace(/^\/jobs\/[^/]+$/, "/jobs/{id}")
    .replace(/^\/candidates\/[^/]+$/, "/candidates/{id}");
}

const TOKEN_ROUTE = "/identity/oauth/token";

/** Starts the fake on a random loopback port. */
export async function startFakeSmartRecruiters(
  options: FakeSmartRecruitersOptions = {},
): Promise<FakeSmartRecruiters> {
  const token = options.token ?? `sr_${randomBytes(12).toString("hex")}`;
  const clientId = options.clientId ?? `client_${randomBytes(4).toString("hex")}`;
  const clientSecret = options.clientSecret ?? `secret_${randomBytes(12).toString("hex")}`;
  const state = new FakeSmartRecruitersState(options.seed ?? 1);
  const limit = options.rateLimit === undefined ? { requests: 10, perMs: 1_000 } : options.rateLimit;
  const window = limit ? new FixedWindow(limit.requests, limit.perMs) : null;
  const hold = options.candidateListHoldMs ?? 5;
  const accessTokens = new Set<string>();
  let listing = 0;
  let violations = 0;

  const issueToken = async (req: FakeRequest): Promise<FakeResponse> => {
    const form = await req.form();
    if (form.get("grant_type") !== "client_credentials")
      throw new FakeHttpError(400, "unsupported grant_type");
    if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
      throw new FakeHttpError(401, "invalid client credentials");
    }
    const access = `at_${randomBytes(12).toString("hex")}`;
    accessTokens.add(access);
    return { status: 200, body: { access_token: access, token_type: "Bearer", expires_in: 1800 } };
  };

  const listCandidates = async (q: URLSearchParams): Promise<FakeResponse> => {
    if (listing > 0) {
      violations++;
      throw new FakeHttpError(429, "Too many concurrent requests", {
        "x-ratelimit-concurrent-limit": "1",
        "x-ratelimit-concurrent-remaining": "0",
      });
    }
    listing++;
    try {
      await new Promise((r) => setTimeout(r, hold));
      return {
        status: 200,
        body: state.listCandidates(q),
        headers: { "x-ratelimit-concurrent-limit": "1", "x-ratelimit-concurrent-remaining": "0" },
      };
    } finally {
      listing--;
    }
  };

  const api = async (req: FakeRequest): Promise<FakeResponse> => {
    const { method, route, path, query: q } = req;
    const id = decodeURIComponent(path.split("/")[2] ?? "");
    switch (`${method} ${route}`) {
      case `POST ${TOKEN_ROUTE}`:
        return issueToken(req);
      case "GET /jobs":
        return { status: 200, body: state.listJobs(q) };
      case "GET /jobs/{id}": {
        const job = state.job(id);
        if (!job) throw new FakeHttpError(404, `Job ${id} not found`);
        return { status: 200, body: job };
      }
      case "POST /jobs/{id}/candidates":
        return { status: 201, body: state.createCandidate(id, jsonObject(req)) };
      case "GET /candidates":
        return listCandidates(q);
      case "POST /candidates":
        return { status: 201, body: state.createCandidate(null, jsonObject(req)) };
      case "GET /candidates/{id}": {
        const candidate = state.candidate(id);
        if (!candidate) throw new FakeHttpError(404, `Candidate ${id} not found`);
        return { status: 200, body: candidate };
      }
      case "PATCH /candidates/{id}":
        return { status: 200, body: state.patchCandidate(id, jsonObject(req)) };
      case "DELETE /candidates/{id}":
        state.deleteCandidate(id);
        return { status: 204, body: "" };
      default:
        throw new FakeHttpError(404, `no route ${method} ${path}`);
    }
  };

  const server = await startFakeServer({
    routeOf,
    errorBody: (_status, message) => ({ message, errors: [{ code: "ERROR", message }] }),
    malformedBody: '{"content": [',
    // SmartRecruiters checks the credential and the window before anything else, faults included.
    guard: (req) => {
      if (req.route === TOKEN_ROUTE) return undefined;
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
      const ok = req.headers["x-smarttoken"] === token || (bearer !== undefined && accessTokens.has(bearer));
      if (!ok) throw new FakeHttpError(401, "Unauthorized");
      const slot = window?.take();
      if (!slot) return undefined;
      // No reset time is announced: a client waits out the second itself.
      const headers = {
        "x-ratelimit-limit": String(slot.limit),
        "x-ratelimit-remaining": String(slot.remaining),
      };
      if (!slot.allowed) throw new FakeHttpError(429, "Rate limit exceeded", headers);
      return headers;
    },
    handle: api,
  });
  state.seed(options.jobs ?? 0, options.candidates ?? 0);

  return {
    baseUrl: server.baseUrl,
    token,
    clientId,
    clientSecret,
    auth: { x_smart_token: token },
    oauth: { client_id: clientId, client_secret: clientSecret },
    jobs: state.jobs,
    candidates: state.candidates,
    created: state.created,
    updates: state.updates,
    deleted: state.deleted,
    get concurrencyViolations() {
      return violations;
    },
    get issuedTokens() {
      return accessTokens.size;
    },
    job: (i) => state.job(i),
    candidate: (i) => state.candidate(i),
    addJob: (f) => state.addJob(f),
    updateJob: (i, f) => state.updateJob(i, f),
    addCandidate: (f) => state.addCandidate(f),
    updateCandidate: (i, f) => state.updateCandidate(i, f),
    deleteCandidate: (i) => state.deleteCandidate(i),
    apply: (c, j) => {
      const set = state.applications.get(c) ?? new Set<string>();
      set.add(j);
      state.applications.set(c, set);
    },
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
