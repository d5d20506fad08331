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
import type { GreenhouseApplication, GreenhouseCandidateRecord, GreenhouseJobRecord } from "../objects.js";
import { FakeGreenhouseState } from "./state.js";

export interface FakeGreenhouseOptions {
  clientId?: string;
  clientSecret?: string;
  /** Users a token may act as (`sub`); the first is the ready-made auth's. */
  userIds?: string[];
  jobs?: number;
  candidates?: number;
  seed?: number;
  /** Requests allowed per window (default Harvest's 50 per 10 s); null: none. */
  rateLimit?: { requests: number; perMs: number } | null;
  /** Token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** The public job board's token (default "acme"). */
  boardToken?: string;
}

/** A running in-memory Harvest v3, token server and Job Board API on 127.0.0.1. */
export interface FakeGreenhouse {
  /** Harvest base (ends with /v3): `baseUrls.greenhouse`. */
  baseUrl: string;
  /** Token server origin: `baseUrls.greenhouse_auth`. */
  authUrl: string;
  /** Job Board API base (ends with /v1): `baseUrls.greenhouse_boards`. */
  boardsUrl: string;
  /** All three overrides, ready for `RunOptions.baseUrls`. */
  baseUrls: Record<string, string>;
  /** Ready-made `connector_auth`. */
  auth: { client_id: string; client_secret: string; user_id: string };
  boardToken: string;
  readonly state: FakeGreenhouseState;
  readonly jobs: GreenhouseJobRecord[];
  readonly candidates: GreenhouseCandidateRecord[];
  readonly applications: GreenhouseApplication[];
  /** How many tokens were issued so far. */
  tokensIssued(): number;
  /** Every access token issued (for leak scans). */
  readonly issuedTokens: string[];
  /** Makes every issued token invalid (a 401 on its next use). */
  revokeTokens(): void;
  requests: RequestLog;
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

function routeOf(path: string): string {
  return path
    .replace(/^\/candidates\/\d+$/, "/candidates/{id}")
    .replace(/^\/applications\/\d+\/reject$/, "/applications/{id}/reject")
    .replace(/^\/v1\/boards\/[^/]+\/jobs$/, "/v1/boards/{board_token}/jobs");
}

const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** Starts the fake on a random loopback port. */
export async function startFakeGreenhouse(options: FakeGreenhouseOptions = {}): Promise<FakeGreenhouse> {
  const clientId = options.clientId ?? `gh_client_${randomBytes(4).toString("hex")}`;
  const clientSecret = options.clientSecret ?? `gh_secret_${randomBytes(12).toString("hex")}`;
  const users = options.userIds ?? ["1001"];
  const boardToken = options.boardToken ?? "acme";
  const ttl = options.tokenTtlSeconds ?? 3600;
  const tokens = new Map<string, { sub: string; expiresAt: number }>();
  const issuedTokens: string[] = [];
  let origin = "";
  const state = new FakeGreenhouseState(options.seed ?? 1, () => origin);
  const limit = options.rateLimit === undefined ? { requests: 50, perMs: 10_000 } : options.rateLimit;
  const window = limit ? new FixedWindow(limit.requests, limit.perMs) : null;
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`;

  /** One page of a list: filters and per_page on a first call, a cursor alone afterwards. */
  const page = (req: FakeRequest): FakeResponse => {
    let query = req.query;
    let offset = 0;
    const cursor = query.get("cursor");
    if (cursor !== null) {
      if ([...query.keys()].length !== 1)
        throw new FakeHttpError(400, "cursor must be the only query parameter");
      try {
        const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
          r: string;
          q: string;
          o: number;
        };
        if (c.r !== req.route) throw new Error("route");
        query = new URLSearchParams(c.q);
        offset = c.o;
      } catch {
        throw new FakeHttpError(400, "invalid cursor");
      }
    }
    const perPage = Number(query.get("per_page") ?? 100);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 500) {
      throw new FakeHttpError(400, "per_page must be between 1 and 500");
    }
    const rows = state.list(req.route, query);
    const items = rows.slice(offset, offset + perPage);
    const headers: Record<string, string> = {};
    if (offset + perPage < rows.length) {
      const next = encode({ r: req.route, q: query.toString(), o: offset + perPage });
      headers.link = `<${req.baseUrl}${req.path}?cursor=${next}>; rel="next"`;
    }
    return { status: 200, body: items, headers };
  };

  const api = (req: FakeRequest, actingUser: string): FakeResponse => {
    const { method, route, path } = req;
    const id = path.split("/")[2] ?? "";
    const record = (body: unknown) =>
      state.writes.push({ route: `${method} ${route}`, id, actingUser, body });
    if (method === "GET") return page(req);
    switch (`${method} ${route}`) {
      case "POST /candidates": {
        const body = jsonObject(req);
        if (typeof body.first_name !== "string" || typeof body.last_name !== "string") {
          throw new FakeHttpError(422, "first_name and last_name are required");
        }
        const { application, employments: _e, ...fields } = body as Record<string, unknown>;
        const candidate = state.addCandidate(fields as Partial<GreenhouseCandidateRecord>);
        const jobId = (application as { job_id?: unknown } | undefined)?.job_id;
        if (jobId !== undefined) state.addApplication(Number(candidate.id), Number(jobId));
        record(body);
        return { status: 201, body: candidate };
      }
      case "POST /applications": {
        const body = jsonObject(req);
        if (!state.candidate(String(body.candidate_id))) throw new FakeHttpError(422, "candidate not found");
        record(body);
        return { status: 201, body: state.addApplication(Number(body.candidate_id), Number(body.job_id)) };
      }
      case "PATCH /candidates/{id}": {
        const body = jsonObject(req);
        const candidate = state.updateCandidate(id, body as Partial<GreenhouseCandidateRecord>);
        record(body);
        return { status: 200, body: candidate };
      }
      case "DELETE /candidates/{id}":
        state.deleteCandidate(id);
        record(null);
        return { status: 204 };
      case "POST /applications/{id}/reject": {
        const application = state.applications.find((a) => String(a.id) === id);
        if (!application) throw new FakeHttpError(404, `Application ${id} not found`);
        if (application.status !== "active") throw new FakeHttpError(422, "application is not active");
        Object.assign(application, { status: "rejected", rejected_at: new Date().toISOString() });
        record(jsonObject(req));
        return { status: 200, body: application };
      }
      default:
        throw new FakeHttpError(404, `no route ${method} ${path}`);
    }
  };

  /** The token server and the public Job Board API live outside /v3. */
  const outside = async (req: FakeRequest): Promise<FakeResponse> => {
    if (req.method === "POST" && req.path === "/token") {
      if (req.headers.authorization !== basic) throw new FakeHttpError(401, "invalid_client");
      const form = new URLSearchParams(req.body.toString("utf8"));
      if (form.get("grant_type") !== "client_credentials")
        throw new FakeHttpError(400, "unsupported_grant_type");
      const sub = form.get("sub");
      if (!sub || !users.includes(sub)) throw new FakeHttpError(400, "invalid sub: unknown user");
      const token = `ghv3_${randomBytes(12).toString("hex")}`;
      const expiresAt = Date.now() + ttl * 1000;
      tokens.set(token, { sub, expiresAt });
      issuedTokens.push(token);
      return {
        status: 200,
        body: { access_token: token, token_type: "Bearer", expires_at: new Date(expiresAt).toISOString() },
      };
    }
    if (req.method === "GET" && req.route === "/v1/boards/{board_token}/jobs") {
      if (req.path.split("/")[3] !== boardToken) throw new FakeHttpError(404, "Job board not found");
      const jobs = state.boardJobs();
      return { status: 200, body: { jobs, meta: { total: jobs.length } } };
    }
    if (req.method === "GET" && req.path.startsWith("/files/")) {
      return {
        status: 200,
        body: Buffer.from("%PDF-1.4 fake"),
        headers: { "content-type": "application/pdf" },
      };
    }
    throw new FakeHttpError(404, `no route ${req.method} ${req.path}`);
  };

  const actingUsers = new WeakMap<FakeRequest, string>();
  const server = await startFakeServer({
    basePath: "/v3",
    routeOf,
    errorBody: (_status, message) => ({ message }),
    malformedBody: '[{"id": 1, "first_',
    // Greenhouse checks the token and the window first: a refused request never reaches the API.
    guard: (req) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const held = token ? tokens.get(token) : undefined;
      if (!held || held.expiresAt <= Date.now()) throw new FakeHttpError(401, "invalid or expired token");
      actingUsers.set(req, held.sub);
      const slot = window?.take();
      if (!slot) return undefined;
      const headers = {
        "x-ratelimit-limit": String(slot.limit),
        "x-ratelimit-remaining": String(slot.remaining),
      };
      if (!slot.allowed) {
        const wait = String(Math.max(1, Math.ceil((slot.resetAt - Date.now()) / 1000)));
        throw new FakeHttpError(429, "rate limit exceeded", { ...headers, "retry-after": wait });
      }
      return headers;
    },
    handle: (req) => api(req, actingUsers.get(req) ?? ""),
    outside,
  });
  origin = server.origin;
  state.seed(options.jobs ?? 0, options.candidates ?? 0);

  return {
    baseUrl: server.baseUrl,
    authUrl: server.origin,
    boardsUrl: `${server.origin}/v1`,
    baseUrls: {
      greenhouse: server.baseUrl,
      greenhouse_auth: server.origin,
      greenhouse_boards: `${server.origin}/v1`,
    },
    auth: { client_id: clientId, client_secret: clientSecret, user_id: users[0]! },
    boardToken,
    state,
    jobs: state.jobs,
    candidates: state.candidates,
    applications: state.applications,
    tokensIssued: () => issuedTokens.length,
    issuedTokens,
    revokeTokens: () => tokens.clear(),
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
