import { randomBytes } from "node:crypto";
import {
  FakeHttpError,
  type FakeRequest,
  type FakeResponse,
  type FaultSpec,
  FixedWindow,
  type RequestLog,
  retryAfterGuard,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import { TOKEN_SCOPE } from "../client.js";
import { type FakeAttachment, makeAttachments, makeCandidate, makeVacancy } from "./data.js";
import {
  type FakeCandidate,
  FakeTalentSoftState,
  type IssuedToken,
  type ReceivedApplication,
} from "./state.js";

export interface FakeTalentSoftOptions {
  /** Vacancies and candidates generated at start (default none). */
  vacancies?: number;
  candidates?: number;
  /** Lifetime announced (and enforced) for tokens, in seconds (default 1199, as Cegid's example). */
  tokenLifetimeSeconds?: number;
  /**
   * Requests allowed per window of `perMs` (file downloads excluded); null (default): none, as
   * Cegid publishes no limit. Past it the fake answers 429 with `Retry-After`, as the bench's
   * `--limit` needs to put the client's own pace to the test.
   */
  rateLimit?: { requests: number; perMs: number } | null;
}

type Credentials = { client_id: string; client_secret: string; client_url: string };

/** A running in-memory TalentSoft tenant (back office exports and front office) on 127.0.0.1. */
export interface FakeTalentSoft {
  /** The tenant URL; pass it as `client_url`, or as `baseUrls: { talentsoft: fake.baseUrl }`. */
  baseUrl: string;
  /** Ready-made back-office (exports) and front-office (applications) credentials. */
  backOffice: Credentials;
  frontOffice: Credentials;
  /** `offerDetail` objects in export order. */
  readonly vacancies: Record<string, any>[];
  readonly candidates: FakeCandidate[];
  readonly reports: { reportType: string; items: Record<string, unknown>[] }[];
  readonly applications: ReceivedApplication[];
  readonly tokens: IssuedToken[];
  addVacancy(overrides?: Record<string, unknown>): Record<string, any>;
  /** Adds a candidate; attachments default to a resume and a cover letter. */
  addCandidate(overrides?: Record<string, unknown>, attachments?: FakeAttachment[]): FakeCandidate;
  /** Serves bytes at `/storage/<name>` without auth (stands for HrFlow's file storage); returns the URL. */
  addFile(name: string, bytes: Uint8Array, type?: string): string;
  /** Revokes every token issued so far: the next call with one gets a 401. */
  revokeTokens(): void;
  requests: RequestLog;
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

const ROUTES: [RegExp, string][] = [[/^\/storage\/[^/]+$/, "/storage/{name}"]];
const routeOf = (path: string) => ROUTES.find(([re]) => re.test(path))?.[1] ?? path;

const binary = (body: Uint8Array): FakeResponse => ({
  status: 200,
  body: Buffer.from(body),
  headers: { "content-type": "application/octet-stream" },
});

/** Starts the fake on a random loopback port. */
export async function startFakeTalentSoft(options: FakeTalentSoftOptions = {}): Promise<FakeTalentSoft> {
  const state = new FakeTalentSoftState(options.tokenLifetimeSeconds ?? 1199);
  const secret = () => `${randomBytes(12).toString("base64")}+/=`; // characters that must be URL-encoded
  const back = { id: `bo-${randomBytes(6).toString("hex")}`, secret: secret() };
  const front = { id: `fo-${randomBytes(6).toString("hex")}`, secret: secret() };

  const token = async (req: FakeRequest): Promise<FakeResponse> => {
    if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      throw new FakeHttpError(400, "unsupported_grant_type");
    }
    const form = new URLSearchParams(req.body.toString("utf8"));
    if (form.get("grant_type") !== "client_credentials")
      throw new FakeHttpError(400, "unsupported_grant_type");
    const id = form.get("client_id");
    const office = id === back.id ? "back" : id === front.id ? "front" : null;
    const expected = office === "back" ? back.secret : office === "front" ? front.secret : null;
    if (!office || form.get("client_secret") !== expected) throw new FakeHttpError(400, "invalid_client");
    const scope = form.get("scope");
    if (scope !== null && (office === "front" || scope !== TOKEN_SCOPE))
      throw new FakeHttpError(400, "invalid_scope");
    const issued = state.issue(office, scope);
    return {
      status: 200,
      body: { access_token: issued.value, token_type: "bearer", expires_in: state.tokenLifetimeSeconds },
    };
  };

  const backOffice = (req: FakeRequest) => {
    const t = state.bearer(req.headers.authorization);
    if (t.scope !== TOKEN_SCOPE) throw new FakeHttpError(403, "The token has no MatchingIndexation scope");
  };

  const application = async (req: FakeRequest): Promise<FakeResponse> => {
    const t = state.bearer(req.headers.authorization);
    if (t.office !== "front") throw new FakeHttpError(403, "Front office token required");
    const form = await req.form();
    const text = form.get("applicantApplication");
    if (typeof text !== "string") throw new FakeHttpError(400, "applicantApplication is required");
    let body: Record<string, any>;
    try {
      body = JSON.parse(text);
    } catch {
      throw new FakeHttpError(400, "applicantApplication must be JSON");
    }
    const info = body?.applicant?.personalInformation;
    for (const key of ["firstName", "lastName", "email"]) {
      if (!info?.[key]) throw new FakeHttpError(400, `applicant.personalInformation.${key} is required`);
    }
    const key = body.uploadedFiles?.[0]?.key;
    const part = key ? form.get(key) : null;
    if (key && !(part instanceof File)) throw new FakeHttpError(400, `file part '${key}' is missing`);
    const file =
      part instanceof File
        ? { name: part.name, type: part.type, bytes: new Uint8Array(await part.arrayBuffer()) }
        : null;
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : null;
    };
    state.applications.push({
      body,
      file,
      jobAdReference: header("jobadreference"),
      acceptLanguage: header("accept-language"),
    });
    return { status: 201, body: { applicantId: `_TS-A${state.applications.length}` } };
  };

  const handle = async (req: FakeRequest): Promise<FakeResponse> => {
    switch (`${req.method} ${req.route}`) {
      case "POST /api/token":
        return token(req);
      case "GET /api/exports/v1/vacancies":
        backOffice(req);
        return binary(state.exportVacancies(req.query));
      case "GET /api/exports/v1/candidates":
        backOffice(req);
        return binary(state.exportCandidates(req.query));
      case "POST /api/exports/v1/reports": {
        backOffice(req);
        const body = req.json<Record<string, any>>();
        if (body?.reportType !== "Candidates" || !Array.isArray(body.items) || body.items.length === 0) {
          throw new FakeHttpError(400, "reportType 'Candidates' and a non-empty items list are required");
        }
        state.reports.push({ reportType: body.reportType, items: body.items });
        return { status: 200, body: {} };
      }
      case "POST /api/v2/applicants/applicationswithoutaccount":
        return application(req);
      case "GET /storage/{name}": {
        const file = state.files.get(decodeURIComponent(req.path.slice("/storage/".length)));
        if (!file) throw new FakeHttpError(404, "Not found");
        return { status: 200, body: Buffer.from(file.bytes), headers: { "content-type": file.type } };
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
    guard: retryAfterGuard(window, (path) => path.startsWith("/storage/")),
    routeOf,
    // The token endpoint answers OAuth2 error codes (`invalid_client`) in RFC 6749's shape; the
    // API answers a message.
    errorBody: (_status, message) => (/^[a-z_]+$/.test(message) ? { error: message } : { message }),
  });
  state.seed(options.vacancies ?? 0, options.candidates ?? 0);
  const credentials = (c: { id: string; secret: string }) => ({
    client_id: c.id,
    client_secret: c.secret,
    client_url: server.baseUrl,
  });

  return {
    baseUrl: server.baseUrl,
    backOffice: credentials(back),
    frontOffice: credentials(front),
    vacancies: state.vacancies,
    candidates: state.candidates,
    reports: state.reports,
    applications: state.applications,
    tokens: state.tokens,
    addVacancy: (overrides) => {
      const v = makeVacancy(state.vacancies.length + 1, overrides);
      state.vacancies.push(v);
      return v;
    },
    addCandidate: (overrides, attachments) => {
      const n = state.candidates.length + 1;
      const c = { detail: makeCandidate(n, overrides), files: attachments ?? makeAttachments(n) };
      state.candidates.push(c);
      return c;
    },
    addFile: (name, bytes, type = "application/pdf") => {
      state.files.set(name, { bytes, type });
      return `${server.baseUrl}/storage/${encodeURIComponent(name)}`;
    },
    revokeTokens: () => {
      for (const t of state.tokens) t.revoked = true;
    },
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
