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
import { FakeBullhornState, type FakeWrite, project, type StoredCandidate } from "./state.js";

export interface FakeBullhornOptions {
  /** Job orders and candidates generated at start (default none). */
  jobs?: number;
  candidates?: number;
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  /** Requests allowed per window on the REST API; null (default): none. Bullhorn answers 429 past it. */
  rateLimit?: { requests: number; perMs: number } | null;
  /** REST calls a session serves before it times out (401); unlimited by default. */
  sessionCalls?: number;
}

/** A running in-memory Bullhorn (login chain, data centre, REST) on 127.0.0.1. */
export interface FakeBullhorn {
  /** The login host (…/rest-services); pass it as `baseUrls: { bullhorn: fake.baseUrl }`. */
  baseUrl: string;
  /** Ready-made `connector_auth`. */
  auth: { client_id: string; client_secret: string; username: string; password: string };
  /** The corporation-scoped REST base the login hands out. */
  restUrl: string;
  readonly jobs: Record<string, unknown>[];
  readonly candidates: StoredCandidate[];
  readonly submissions: Record<string, unknown>[];
  /** Every write received (PUT creates, POST updates), in order. */
  readonly writes: FakeWrite[];
  /** Logins performed (authorization codes exchanged). */
  logins(): number;
  /** Adds a candidate as if someone created it now (not logged among `writes`); returns its id. */
  addCandidate(fields: Record<string, unknown>): number;
  /** Changes a job order or candidate; its `dateLastModified` becomes now. */
  change(entity: "JobOrder" | "Candidate", id: number, fields: Record<string, unknown>): void;
  /** Expires every REST session and access token: the next call answers 401. */
  expireSessions(): void;
  requests: RequestLog;
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

const DC = "/dc7";
const CORP = "/dc7/rest-services/corp1";

/** The route of a path: REST paths without their data-centre prefix, ids as templates. */
function routeOf(path: string): string {
  if (path.startsWith(`${CORP}/`)) {
    return path
      .slice(CORP.length)
      .replace(/^\/entity\/Candidate\/\d+(,\d+)*\/(educations|workHistories)$/, "/entity/Candidate/{ids}/$2")
      .replace(/^\/entity\/(\w+)\/\d+/, "/entity/$1/{id}")
      .replace(/^\/entityFiles\/Candidate\/\d+$/, "/entityFiles/Candidate/{id}")
      .replace(/^\/file\/Candidate\/\d+(\/\d+)?$/, (_m, f) =>
        f ? "/file/Candidate/{id}/{fileId}" : "/file/Candidate/{id}",
      );
  }
  if (path.startsWith(`${DC}/oauth/`)) return path.slice(DC.length);
  if (path === `${DC}/rest-services/login`) return "/login";
  if (path === "/rest-services/loginInfo") return "/loginInfo";
  return `redirect ${path}`;
}

/** Starts the fake on a random loopback port. */
export async function startFakeBullhorn(options: FakeBullhornOptions = {}): Promise<FakeBullhorn> {
  const auth = {
    client_id: `client-${randomBytes(4).toString("hex")}`,
    client_secret: `secret-${randomBytes(8).toString("hex")}`,
    username: "api.user",
    password: `pw-${randomBytes(8).toString("hex")}`,
  };
  const state = new FakeBullhornState(options.seed ?? 1);
  const window = options.rateLimit
    ? new FixedWindow(options.rateLimit.requests, options.rateLimit.perMs)
    : null;
  const codes = new Set<string>();
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const sessions = new Map<string, number>();
  let logins = 0;
  let origin = "";
  const token = (prefix: string, into: Set<string>) => {
    const t = `${prefix}-${randomBytes(10).toString("hex")}`;
    into.add(t);
    return t;
  };
  const issue = () => ({
    access_token: token("at", accessTokens),
    refresh_token: token("rt", refreshTokens),
    expires_in: 600,
    token_type: "Bearer",
  });

  const login = (req: FakeRequest): FakeResponse => {
    const q = req.query;
    switch (`${req.method} ${req.route}`) {
      case "GET /loginInfo":
        if (q.get("username") !== auth.username) throw new FakeHttpError(400, "Unknown username");
        return {
          status: 200,
          body: { oauthUrl: `${origin}${DC}/oauth`, restUrl: `${origin}${DC}/rest-services` },
        };
      case "GET /oauth/authorize": {
        const ok =
          q.get("client_id") === auth.client_id &&
          q.get("username") === auth.username &&
          q.get("password") === auth.password &&
          q.get("response_type") === "code" &&
          q.get("action") === "Login";
        // Bullhorn shows its login page again (200) when the credentials are wrong.
        if (!ok) return { status: 200, body: "<html>login</html>", headers: { "content-type": "text/html" } };
        return {
          status: 302,
          body: "",
          headers: { location: `https://app.example/callback?code=${token("code", codes)}` },
        };
      }
      case "POST /oauth/token": {
        if (q.get("client_id") !== auth.client_id || q.get("client_secret") !== auth.client_secret) {
          throw new FakeHttpError(401, "invalid_client");
        }
        const grant = q.get("grant_type");
        const spent =
          grant === "authorization_code" ? codes : grant === "refresh_token" ? refreshTokens : null;
        const value = grant === "authorization_code" ? q.get("code") : q.get("refresh_token");
        // Codes and refresh tokens are single-use.
        if (!spent || !value || !spent.delete(value)) throw new FakeHttpError(400, "invalid_grant");
        if (grant === "authorization_code") logins++;
        return { status: 200, body: issue() };
      }
      case "POST /login": {
        const at = q.get("access_token");
        if (!at || !accessTokens.has(at) || q.get("version") === null)
          throw new FakeHttpError(401, "Bad access token");
        const bh = `bh-${randomBytes(10).toString("hex")}`;
        sessions.set(bh, options.sessionCalls ?? Number.POSITIVE_INFINITY);
        return { status: 200, body: { BhRestToken: bh, restUrl: `${origin}${CORP}/` } };
      }
      default: {
        // The global hosts answer for another data centre with a redirect, as Bullhorn's do.
        if (req.route.startsWith("redirect ") && !req.path.startsWith(DC)) {
          return { status: 307, body: "", headers: { location: `${origin}${DC}${req.path}?${q}` } };
        }
        throw new FakeHttpError(404, `no route ${req.method} ${req.path}`);
      }
    }
  };

  const rest = (req: FakeRequest): FakeResponse => {
    const parts = req.route.split("/");
    const id = Number(req.path.split("/")[CORP.split("/").length + 2]);
    const entity = parts[2] ?? "";
    switch (`${req.method} ${req.route}`) {
      case "GET /search/JobOrder":
      case "GET /search/Candidate":
        return { status: 200, body: state.search(entity, req.query) };
      case "GET /entity/Candidate/{ids}/educations":
      case "GET /entity/Candidate/{ids}/workHistories": {
        const ids = (req.path.split("/").at(-2) ?? "").split(",").map(Number);
        return { status: 200, body: state.toMany(ids, parts.at(-1) ?? "", req.query) };
      }
      case "PUT /entity/Candidate":
      case "PUT /entity/CandidateEducation":
      case "PUT /entity/CandidateWorkHistory":
      case "PUT /entity/JobSubmission": {
        const changedEntityId = state.create(entity, jsonObject(req));
        return { status: 200, body: { changedEntityType: entity, changedEntityId, changeType: "INSERT" } };
      }
      case "POST /entity/Candidate/{id}":
      case "POST /entity/JobSubmission/{id}":
        state.update(entity, id, jsonObject(req));
        return {
          status: 200,
          body: { changedEntityType: entity, changedEntityId: id, changeType: "UPDATE" },
        };
      case "GET /query/JobSubmission": {
        const fields = req.query.get("fields") ?? "id";
        const rows = state.querySubmissions(req.query.get("where") ?? "");
        return {
          status: 200,
          body: { start: 0, count: rows.length, data: rows.map((r) => project(r, fields)) },
        };
      }
      case "GET /entityFiles/Candidate/{id}": {
        const files = state.candidate(id).files.map(({ bytes: _b, ...meta }) => ({
          ...meta,
          contentType: String(meta.contentType ?? "").split("/")[0] || null,
          contentSubType: String(meta.contentType ?? "").split("/")[1] ?? null,
        }));
        return { status: 200, body: { EntityFiles: files } };
      }
      case "GET /file/Candidate/{id}/{fileId}": {
        const fileId = Number(req.path.split("/").at(-1));
        const file = state.candidate(id).files.find((f) => f.id === fileId);
        if (!file) throw new FakeHttpError(404, `File ${fileId} not found`);
        const fileContent = Buffer.from(String(file.bytes), "latin1").toString("base64");
        return {
          status: 200,
          body: { File: { contentType: file.contentType, fileContent, name: file.name } },
        };
      }
      case "PUT /file/Candidate/{id}":
        return { status: 200, body: { fileId: state.attach(id, jsonObject(req)) } };
      default:
        // PUT and POST swapped (the original's application write) land here.
        throw new FakeHttpError(405, `Method ${req.method} not allowed on ${req.route}`);
    }
  };

  const server = await startFakeServer({
    routeOf,
    errorBody: (_status, message) => ({ errorMessage: message }),
    malformedBody: '{"data": [{"id": ',
    guard: (req) => {
      if (!req.path.startsWith(`${CORP}/`)) return undefined;
      // A session is checked before anything else: an expired one is refused with 401.
      const bh = req.headers.bhresttoken;
      const left = typeof bh === "string" ? (sessions.get(bh) ?? 0) : 0;
      if (left <= 0) throw new FakeHttpError(401, "Bad 'BhRestToken' or timed-out.");
      sessions.set(bh as string, left - 1);
      if (window && !window.take().allowed)
        throw new FakeHttpError(429, "Too many requests; wait one second");
      return undefined;
    },
    handle: (req) => (req.path.startsWith(`${CORP}/`) ? rest(req) : login(req)),
  });
  origin = server.origin;
  state.seed(options.jobs ?? 0, options.candidates ?? 0);

  return {
    baseUrl: `${origin}/rest-services`,
    auth,
    restUrl: `${origin}${CORP}/`,
    jobs: state.jobs,
    candidates: state.candidates,
    submissions: state.submissions,
    writes: state.writes,
    logins: () => logins,
    addCandidate: (fields) => {
      const id = state.create("Candidate", fields);
      state.writes.pop();
      return id;
    },
    change: (entity, id, fields) => {
      const row = state.table(entity).find((r) => r.id === id);
      if (!row) throw new Error(`${entity} ${id} not found`);
      state.change(row, fields);
    },
    expireSessions: () => {
      sessions.clear();
      accessTokens.clear();
    },
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
