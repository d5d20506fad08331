import {
  FakeHttpError,
  type FakeRequest,
  type FakeResponse,
  type FaultSpec,
  Random,
  type RequestLog,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import { LEVER_REDIRECT_URI } from "../client.js";
import type { LeverOpportunity, LeverPosting, LeverResume } from "../objects.js";
import { generateOpportunity, generatePosting, generateResume } from "./data.js";
import { FakeOAuthState } from "./oauth-state.js";
import { type CreatedOpportunity, FakeLeverStore, page } from "./store.js";

export interface FakeLeverOptions {
  /** Postings and opportunities to generate at start (default none). */
  postings?: number;
  opportunities?: number;
  /** Resumes generated per opportunity (default 1). */
  resumesPerOpportunity?: number;
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime announced for access tokens, in seconds (default 3600, as Lever). */
  expiresIn?: number;
  /** Whether the API refuses tokens past their announced lifetime (default true). */
  enforceExpiry?: boolean;
  /** Lever's token bucket: `perSecond` steady, `burst` at most (default 10 and 20); null: none. */
  rateLimit?: { perSecond: number; burst: number } | null;
  /** Error messages repeat the secrets they received, like a careless vendor (default false). */
  echoSecrets?: boolean;
}

/** A running in-memory Lever (OAuth server and API v1) on 127.0.0.1. */
export interface FakeLever {
  origin: string;
  /** Pass as the run's `baseUrls`: the API under `/v1`, the OAuth server under `/auth`. */
  baseUrls: { lever: string; lever_auth: string };
  clientId: string;
  clientSecret: string;
  /** Lever origin parameters with a fresh single-use authorization code. */
  credentials(): {
    auth_domain: string;
    client_domain: string;
    client_id: string;
    client_secret: string;
    authorization_code: string;
  };
  /** A new single-use authorization code. */
  issueCode(): string;
  /** Revokes the access tokens in force: the next API call answers 401 until the client refreshes. */
  revokeAccessTokens(): void;
  /** While true the API answers 401 to every token, fresh ones included. */
  rejectTokens(reject: boolean): void;
  /** Every access and refresh token the fake has issued. */
  readonly issuedTokens: readonly string[];
  readonly postings: LeverPosting[];
  readonly opportunities: LeverOpportunity[];
  /** Opportunities created through the API, with their query and body. */
  readonly created: CreatedOpportunity[];
  /** Lever user ids `perform_as` accepts. */
  readonly users: Set<string>;
  /** The resumes stored for an opportunity. */
  resumes(opportunityId: string): LeverResume[];
  addPosting(fields?: Partial<LeverPosting>): LeverPosting;
  addOpportunity(fields?: Partial<LeverOpportunity>, resumes?: LeverResume[]): LeverOpportunity;
  requests: RequestLog;
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

const CODES: Record<number, string> = {
  400: "BadRequestError",
  401: "UnauthorizedError",
  403: "ForbiddenError",
  404: "ResourceNotFound",
  429: "TooManyRequests",
  500: "InternalServerError",
  503: "ServiceUnavailable",
};

/** Lever's limiter: a token bucket refilled at `perSecond`, holding at most `burst`. */
class TokenBucket {
  #tokens: number;
  #at = Date.now();
  constructor(
    readonly perSecond: number,
    readonly burst: number,
  ) {
    this.#tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

const routeOf = (path: string) =>
  path.replace(/^\/v1\/opportunities\/[^/]+\/resumes$/, "/v1/opportunities/{id}/resumes");

/** Starts the fake on a random loopback port. */
export async function startFakeLever(options: FakeLeverOptions = {}): Promise<FakeLever> {
  const oauth = new FakeOAuthState({
    clientId: options.clientId ?? "lever-client-id",
    clientSecret: options.clientSecret ?? "lever-client-secret-0123456789",
    redirectUri: LEVER_REDIRECT_URI,
    expiresIn: options.expiresIn ?? 3600,
    enforceExpiry: options.enforceExpiry ?? true,
    echoSecrets: options.echoSecrets ?? false,
  });
  const store = new FakeLeverStore();
  const limit = options.rateLimit === undefined ? { perSecond: 10, burst: 20 } : options.rateLimit;
  const bucket = limit ? new TokenBucket(limit.perSecond, limit.burst) : null;
  const random = new Random(options.seed ?? 1);
  let origin = "";

  const api = (req: FakeRequest): FakeResponse => {
    if (!oauth.authorized(req.headers.authorization)) {
      const echo = oauth.echoSecrets ? ` (received ${req.headers.authorization})` : "";
      throw new FakeHttpError(401, `Invalid or expired access token${echo}`);
    }
    if (bucket && !bucket.take()) throw new FakeHttpError(429, "Too many requests");
    switch (`${req.method} ${req.route}`) {
      case "GET /v1/postings":
        return { status: 200, body: page(store.postings, req.query) };
      case "GET /v1/opportunities":
        return { status: 200, body: page(store.listOpportunities(req.query), req.query) };
      case "GET /v1/opportunities/{id}/resumes":
        return { status: 200, body: { data: store.resumesOf(decodeURIComponent(req.path.split("/")[3]!)) } };
      case "POST /v1/opportunities":
        return { status: 201, body: { data: store.createOpportunity(req.query, req.json()) } };
      default:
        throw new FakeHttpError(404, `No route ${req.method} ${req.path}`);
    }
  };

  const server = await startFakeServer({
    routeOf,
    errorBody: (status, message) => ({ code: CODES[status] ?? "Error", message }),
    handle: (req) => {
      if (req.route === "/auth/oauth/token" && req.method === "POST") {
        if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
          return { status: 400, body: { error: "invalid_request", error_description: "Form body expected" } };
        }
        return oauth.token(new URLSearchParams(req.body.toString("utf8")));
      }
      if (req.path.startsWith("/v1/")) return api(req);
      throw new FakeHttpError(404, `No route ${req.method} ${req.path}`);
    },
  });
  origin = server.origin;

  const addPosting = (fields: Partial<LeverPosting> = {}) => {
    const posting = { ...generatePosting(random, store.postings.length, origin), ...fields };
    store.postings.push(posting);
    return posting;
  };
  const addOpportunity = (fields: Partial<LeverOpportunity> = {}, resumes?: LeverResume[]) => {
    const n = store.opportunities.length;
    const opportunity = { ...generateOpportunity(random, n), ...fields };
    const count = options.resumesPerOpportunity ?? 1;
    const list =
      resumes ??
      Array.from({ length: count }, (_, i) => generateResume(random, n + i, origin, opportunity.id));
    store.opportunities.push(opportunity);
    store.resumes.set(opportunity.id, list);
    return opportunity;
  };
  for (let i = 0; i < (options.postings ?? 0); i++) addPosting();
  for (let i = 0; i < (options.opportunities ?? 0); i++) addOpportunity();

  return {
    origin,
    baseUrls: { lever: `${origin}/v1`, lever_auth: `${origin}/auth` },
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    credentials: () => ({
      auth_domain: "sandbox-lever",
      client_domain: "api.sandbox",
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      authorization_code: oauth.issueCode(),
    }),
    issueCode: () => oauth.issueCode(),
    revokeAccessTokens: () => oauth.revokeAccessTokens(),
    rejectTokens: (reject) => {
      oauth.rejectAll = reject;
    },
    issuedTokens: oauth.issued,
    postings: store.postings,
    opportunities: store.opportunities,
    created: store.created,
    users: store.users,
    resumes: (id) => store.resumes.get(id) ?? [],
    addPosting,
    addOpportunity,
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
