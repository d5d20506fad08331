import { randomBytes } from "node:crypto";
import {
  FakeHttpError,
  type FakeRequest,
  type FakeResponse,
  type FaultSpec,
  FixedWindow,
  Random,
  type RequestLog,
  retryAfterGuard,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import type { DigitalRecruitersJobAd, DigitalRecruitersJobApplication } from "../objects.js";
import { cvBytes, generateApplication, generateJobAd } from "./data.js";
import { FakeDigitalRecruitersState, type ReceivedApplication } from "./state.js";

export interface FakeDigitalRecruitersOptions {
  /** The export/apply path token (random when absent). */
  token?: string;
  /** The public API's key, user email and password (random key when absent). */
  apiKey?: string;
  email?: string;
  password?: string;
  /** Realistic job ads and applications generated at start (default none). */
  jobAds?: number;
  applications?: number;
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  /**
   * Requests allowed per window of `perMs` (file downloads excluded); null (default): none, as
   * DigitalRecruiters publishes no limit. Past it the fake answers 429 with `Retry-After`, as the bench's
   * `--limit` needs to put the client's own pace to the test.
   */
  rateLimit?: { requests: number; perMs: number } | null;
}

/** A running in-memory DigitalRecruiters environment on 127.0.0.1. */
export interface FakeDigitalRecruiters {
  /** The environment URL; pass it as `environment_url` (or as `baseUrls.digitalrecruiters`). */
  baseUrl: string;
  token: string;
  apiKey: string;
  email: string;
  password: string;
  /** Ready-made origin parameters of `pull_job_list`. */
  jobsParameters: { token: string; environment_url: string };
  /** Ready-made origin parameters of `pull_profile_list` (without paging options). */
  profilesParameters: { api_key: string; username: string; password: string; environment_url: string };
  readonly jobAds: DigitalRecruitersJobAd[];
  readonly applications: DigitalRecruitersJobApplication[];
  /** Applications received on the apply endpoint, with the status answered. */
  readonly applied: ReceivedApplication[];
  addJobAd(fields?: Partial<DigitalRecruitersJobAd>): DigitalRecruitersJobAd;
  /** Adds an application; its CV (when it has a `cv.url` on this fake) is served with a session token. */
  addApplication(fields?: Partial<DigitalRecruitersJobApplication>): DigitalRecruitersJobApplication;
  /** The CV bytes served for an application id. */
  cv(id: number | string): Uint8Array | undefined;
  /**
   * Every session token stops working, as when they expire: the next call gets a 401. With
   * `afterPages`, that happens once that many more application pages have been served; with
   * `refreshTokens`, refresh tokens stop working too, so only a new login opens a session.
   */
  expireSessions(options?: { afterPages?: number; refreshTokens?: boolean }): void;
  requests: RequestLog;
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

const ROUTES: [RegExp, string][] = [
  [/^\/export\/job-ads\/[^/]+$/, "/export/job-ads/{token}"],
  [/^\/api\/candidate\/apply\/[^/]+$/, "/api/candidate/apply/{token}"],
  [/^\/files\/cv\/[^/]+$/, "/files/cv/{file}"],
];

/** The route template of a path, for faults and counting. */
export function routeOf(path: string): string {
  return ROUTES.find(([re]) => re.test(path))?.[1] ?? path;
}

const lastSegment = (path: string) => decodeURIComponent(path.split("/").pop() ?? "");

/** Starts the fake on a random loopback port. */
export async function startFakeDigitalRecruiters(
  options: FakeDigitalRecruitersOptions = {},
): Promise<FakeDigitalRecruiters> {
  const token = options.token ?? `tok_${randomBytes(10).toString("hex")}`;
  const apiKey = options.apiKey ?? `key_${randomBytes(10).toString("hex")}`;
  const email = options.email ?? "recruteur@acme.example";
  const password = options.password ?? "s3cret-Pa55";
  const state = new FakeDigitalRecruitersState();
  const random = new Random(options.seed ?? 1);
  let expiry: { pagesLeft: number; refreshTokens: boolean } | null = null;
  const expire = (refreshTokens: boolean) => {
    state.expireSessions();
    if (refreshTokens) state.revokeRefreshTokens();
  };

  const checkApiKey = (req: FakeRequest) => {
    if (req.headers["x-dr-api-key"] !== apiKey) throw new FakeHttpError(401, "Invalid API key");
  };
  const checkPathToken = (req: FakeRequest) => {
    if (lastSegment(req.path) !== token) throw new FakeHttpError(401, "Invalid token");
  };

  const handle = (req: FakeRequest): FakeResponse => {
    const q = req.query;
    const duplicated = [...new Set(q.keys())].find((k) => q.getAll(k).length > 1);
    if (duplicated) throw new FakeHttpError(400, `Query parameter '${duplicated}' given more than once`);
    switch (`${req.method} ${req.route}`) {
      case "GET /export/job-ads/{token}":
        checkPathToken(req);
        return { status: 200, body: { ads: state.jobAds } };
      case "POST /api/candidate/apply/{token}": {
        checkPathToken(req);
        const received = state.apply(req.json());
        return { status: received.status, body: { code: received.status, message: "Application saved" } };
      }
      case "POST /public/v1/users/login": {
        checkApiKey(req);
        const body = req.json<Record<string, unknown>>() ?? {};
        if (body.email !== email || body.password !== password) {
          throw new FakeHttpError(401, "Invalid credentials");
        }
        return { status: 200, body: state.openSession() };
      }
      case "POST /public/v1/users/refresh":
        checkApiKey(req);
        return { status: 200, body: state.refresh(req.json<Record<string, unknown>>()?.token) };
      case "GET /public/v1/job-applications/detailed": {
        checkApiKey(req);
        state.checkBearer(req.headers.authorization);
        const { items, more } = state.listApplications(q);
        let next: string | null = null;
        if (more) {
          const params = new URLSearchParams(q);
          params.set("page", String(Number(q.get("page") ?? "1") + 1));
          next = `${req.baseUrl}${req.path}?${params}`;
        }
        if (expiry && --expiry.pagesLeft <= 0) {
          expire(expiry.refreshTokens);
          expiry = null;
        }
        return { status: 200, body: { items, links: { next } } };
      }
      case "GET /files/cv/{file}": {
        state.checkBearer(req.headers.authorization);
        const id = lastSegment(req.path).replace(/\.pdf$/, "");
        const bytes = state.cvs.get(id);
        if (!bytes) throw new FakeHttpError(404, "File not found");
        return {
          status: 200,
          body: Buffer.from(bytes),
          headers: {
            "content-type": "application/pdf",
            "content-disposition": `attachment; filename="cv-${id}.pdf"`,
          },
        };
      }
      default:
        throw new FakeHttpError(404, `No route ${req.method} ${req.path}`);
    }
  };

  const window = options.rateLimit
    ? new FixedWindow(options.rateLimit.requests, options.rateLimit.perMs)
    : null;
  const server = await startFakeServer({
    handle,
    // The window counts API calls only: file downloads stand for storage outside the API.
    guard: retryAfterGuard(window, (path) => path.startsWith("/files/")),
    routeOf,
    errorBody: (status, message) => ({ code: status, message }),
  });
  const baseUrl = server.baseUrl;

  const addJobAd = (fields: Partial<DigitalRecruitersJobAd> = {}) => {
    const ad = { ...generateJobAd(random, state.jobAds.length + 1), ...fields };
    state.jobAds.push(ad);
    return ad;
  };
  const addApplication = (fields: Partial<DigitalRecruitersJobApplication> = {}) => {
    const generated = generateApplication(random, state.applications.length, baseUrl, state.jobAds);
    const application = { ...generated, ...fields };
    state.applications.push(application);
    // Only the application's own CV link is served; any other link on the fake answers 404.
    if (application.cv?.url === `${baseUrl}/files/cv/${application.id}.pdf`) {
      state.cvs.set(String(application.id), cvBytes(application));
    }
    return application;
  };
  for (let i = 0; i < (options.jobAds ?? 0); i++) addJobAd();
  for (let i = 0; i < (options.applications ?? 0); i++) addApplication();

  return {
    baseUrl,
    token,
    apiKey,
    email,
    password,
    jobsParameters: { token, environment_url: baseUrl },
    profilesParameters: { api_key: apiKey, username: email, password, environment_url: baseUrl },
    jobAds: state.jobAds,
    applications: state.applications,
    applied: state.applied,
    addJobAd,
    addApplication,
    cv: (id) => state.cvs.get(String(id)),
    expireSessions: ({ afterPages, refreshTokens = false } = {}) => {
      if (afterPages) expiry = { pagesLeft: afterPages, refreshTokens };
      else expire(refreshTokens);
    },
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
