import { randomBytes } from "node:crypto";
import {
  FakeHttpError,
  type FakeRequest,
  type FakeResponse,
  type FaultSpec,
  FixedWindow,
  IdIndex,
  jsonObject,
  Random,
  type RequestLog,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import type { RecruiteeCandidate, RecruiteeOffer } from "../objects.js";
import { cvBytes, generateCandidate, generateOffer, recruiteeTime } from "./data.js";

export interface FakeRecruiteeOptions {
  /** The personal API token the fake accepts (random when absent). */
  token?: string;
  companyId?: string;
  /** Realistic offers (`jobs`) and candidates generated at start (default none). */
  jobs?: number;
  candidates?: number;
  seed?: number;
  /** Requests per window; 10 per second by default; null: none. */
  rateLimit?: { requests: number; perMs: number } | null;
}

/** A running in-memory Recruitee ATS API on 127.0.0.1. */
export interface FakeRecruitee {
  /** The company's API base (`…/c/<company>`): pass it as `baseUrls: { recruitee: fake.baseUrl }`. */
  baseUrl: string;
  token: string;
  companyId: string;
  /** Ready-made `connector_auth`. */
  auth: { company_id: string; api_token: string };
  readonly offers: RecruiteeOffer[];
  readonly candidates: RecruiteeCandidate[];
  /** POST bodies received, with the candidate made. */
  readonly created: { body: Record<string, unknown>; candidate: RecruiteeCandidate }[];
  readonly updates: { id: string; body: Record<string, unknown> }[];
  readonly deleted: string[];
  addCandidate(fields?: Partial<RecruiteeCandidate>): RecruiteeCandidate;
  /** Deletes a candidate as a recruiter would (no request logged). */
  removeCandidate(id: string): void;
  requests: RequestLog;
  fail(spec: FaultSpec): void;
  close(): Promise<void>;
}

const FLAG = /^(true|false|1|0)$/;

function routeOf(path: string): string {
  return path
    .replace(/^\/candidates\/[^/]+$/, "/candidates/{id}")
    .replace(/^\/offers\/[^/]+$/, "/offers/{id}")
    .replace(/^\/files\/cv\/[^/]+\.pdf$/, "/files/cv/{id}.pdf");
}

const ACTIVE = new Set(["published", "internal", "closed"]);

/** Starts the fake on a random loopback port. */
export async function startFakeRecruitee(options: FakeRecruiteeOptions = {}): Promise<FakeRecruitee> {
  const token = options.token ?? `rt_${randomBytes(12).toString("hex")}`;
  const companyId = options.companyId ?? "acme";
  const rnd = new Random(options.seed ?? 1);
  const limit = options.rateLimit === undefined ? { requests: 10, perMs: 1_000 } : options.rateLimit;
  const window = limit ? new FixedWindow(limit.requests, limit.perMs) : null;
  let origin = "";
  const offers: RecruiteeOffer[] = [];
  const candidates: RecruiteeCandidate[] = [];
  const created: FakeRecruitee["created"] = [];
  const updates: FakeRecruitee["updates"] = [];
  const deleted: string[] = [];
  let next = 0;
  let lastTime = 0;
  const now = () => {
    lastTime = Math.max(Date.now(), lastTime + 1);
    return recruiteeTime(lastTime);
  };
  const addCandidate = (fields: Partial<RecruiteeCandidate> = {}) => {
    const c = { ...generateCandidate(rnd, next++, origin), ...fields };
    candidates.push(c);
    return c;
  };
  const candidateIds = new IdIndex<RecruiteeCandidate>((c) => c.id);
  const offerIds = new IdIndex<RecruiteeOffer>((o) => o.id);
  const find = (id: string) => candidateIds.indexOf(candidates, id);
  const flag = (q: URLSearchParams, key: string) => {
    const v = q.get(key);
    if (v === null) return null;
    // Python's True/False would land here: Recruitee reads 'true' or '1'.
    if (!FLAG.test(v)) throw new FakeHttpError(400, `${key} must be true/false or 1/0, not '${v}'`);
    return v === "true" || v === "1";
  };

  const listCandidates = (q: URLSearchParams) => {
    const after = q.get("created_after");
    const afterMs = after ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(after) ? after : `${after}Z`) : null;
    if (afterMs !== null && Number.isNaN(afterMs))
      throw new FakeHttpError(400, `invalid created_after '${after}'`);
    const ids = q
      .get("ids")
      ?.split(",")
      .map((s) => s.trim());
    const text = q.get("query")?.toLowerCase();
    for (const k of ["disqualified", "qualified", "with_messages", "with_my_messages"]) flag(q, k);
    const matching = candidates.filter(
      (c) =>
        (afterMs === null || Date.parse(c.created_at ?? "") > afterMs) &&
        (!ids || ids.includes(String(c.id))) &&
        (!text || `${c.name} ${(c.emails ?? []).join(" ")}`.toLowerCase().includes(text)),
    );
    const offset = Number(q.get("offset") ?? "0");
    const lim = q.get("limit");
    // Without limit and offset, every candidate is returned (as Recruitee documents).
    return lim === null ? matching.slice(offset) : matching.slice(offset, offset + Number(lim));
  };

  const api = async (req: FakeRequest): Promise<FakeResponse> => {
    const id = decodeURIComponent(req.path.split("/")[2] ?? "");
    const q = req.query;
    switch (`${req.method} ${req.route}`) {
      case "GET /candidates":
        return { status: 200, body: { candidates: listCandidates(q) } };
      case "GET /candidates/{id}": {
        const i = find(id);
        if (i < 0) throw new FakeHttpError(404, "Not found");
        return { status: 200, body: { candidate: candidates[i] } };
      }
      case "POST /candidates": {
        const body = jsonObject(req, "the body must be a JSON object");
        const candidate = body.candidate as Record<string, unknown> | undefined;
        if (!candidate || typeof candidate !== "object")
          throw new FakeHttpError(422, "candidate is required");
        const at = now();
        const c = addCandidate({
          ...(candidate as Partial<RecruiteeCandidate>),
          cv_original_url: null,
          fields: [],
          created_at: at,
          updated_at: at,
        });
        created.push({ body, candidate: c });
        return { status: 201, body: { candidate: c } };
      }
      case "PATCH /candidates/{id}": {
        const body = jsonObject(req, "the body must be a JSON object");
        const i = find(id);
        if (i < 0) throw new FakeHttpError(404, "Not found");
        updates.push({ id, body });
        Object.assign(candidates[i]!, body.candidate as object, { updated_at: now() });
        return { status: 200, body: { candidate: candidates[i] } };
      }
      case "DELETE /candidates/{id}": {
        const i = find(id);
        if (i < 0) throw new FakeHttpError(404, "Not found");
        candidates.splice(i, 1);
        deleted.push(id);
        return { status: 200, body: {} };
      }
      case "GET /offers": {
        const kind = q.get("kind");
        const scope = q.get("scope");
        const brief = q.get("view_mode") === "brief";
        const list = offers.filter(
          (o) =>
            (!kind || o.kind === kind) &&
            (!scope ||
              (scope === "active" && ACTIVE.has(o.status ?? "")) ||
              (scope === "archived" && o.status === "archived") ||
              (scope === "not_archived" && o.status !== "archived")),
        );
        const body = brief
          ? list.map(({ id: i, title, status, kind: k }) => ({ id: i, title, status, kind: k }))
          : list;
        return { status: 200, body: { offers: body } };
      }
      case "GET /offers/{id}": {
        const offer = offerIds.find(offers, id);
        if (!offer) throw new FakeHttpError(404, "Not found");
        return { status: 200, body: { offer } };
      }
      default:
        throw new FakeHttpError(404, `no route ${req.method} ${req.path}`);
    }
  };

  const server = await startFakeServer({
    basePath: `/c/${companyId}`,
    routeOf,
    errorBody: (_status, message) => ({ error: message }),
    malformedBody: '{"candidates": [',
    guard: (req) => {
      if (req.headers.authorization !== `Bearer ${token}`) throw new FakeHttpError(401, "Unauthorized");
      const slot = window?.take();
      if (slot && !slot.allowed) {
        throw new FakeHttpError(429, "Too many requests", {
          "retry-after": String(Math.max(1, Math.ceil((slot.resetAt - Date.now()) / 1000))),
        });
      }
      return undefined;
    },
    handle: api,
    // Resume links stand for storage URLs on another host: no token, no window.
    outside: (req) => {
      const id = /^\/files\/cv\/([^/]+)\.pdf$/.exec(req.path)?.[1];
      if (!id || req.method !== "GET") throw new FakeHttpError(404, "Not found");
      return {
        status: 200,
        body: cvBytes(id),
        headers: {
          "content-type": "application/pdf",
          "content-disposition": `attachment; filename="cv-${id}.pdf"`,
        },
      };
    },
  });
  origin = server.origin;
  for (let i = 0; i < (options.jobs ?? 0); i++) offers.push(generateOffer(rnd, i));
  for (let i = 0; i < (options.candidates ?? 0); i++) addCandidate();

  return {
    baseUrl: server.baseUrl,
    token,
    companyId,
    auth: { company_id: companyId, api_token: token },
    offers,
    candidates,
    created,
    updates,
    deleted,
    addCandidate,
    removeCandidate: (id) => {
      const i = find(id);
      if (i < 0) throw new Error(`fake Recruitee: no candidate ${id}`);
      candidates.splice(i, 1);
    },
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    close: () => server.close(),
  };
}
