import {
  acceptStatus,
  type ClientContext,
  type ConcurrencyCap,
  clientCredentialsSession,
  contextPolicy,
  createHttpClient,
  credentialKey,
  headerAuth,
  paginateCursor,
  resolveBaseUrl,
  sessionAuth,
  tokenRequestFetch,
} from "@hrflow-connectors/core";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/smartrecruiters.js";
import type {
  SmartRecruitersCandidate,
  SmartRecruitersCandidateInput,
  SmartRecruitersJob,
} from "./objects.js";
import { SMARTRECRUITERS_PAGE_SIZE, type SmartRecruitersAuth } from "./schemas.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.smartrecruiters`, `http.rateLimits.smartrecruiters`). */
export const SMARTRECRUITERS_VENDOR = "smartrecruiters";
/** SmartRecruiters' published limit: 10 requests per second per credential. */
export const SMARTRECRUITERS_RATE_LIMIT = { requests: 10, perMs: 1_000 } as const;
/** Its published caps on calls in flight per credential: 8 in all, one `GET /candidates`. */
export const SMARTRECRUITERS_CONCURRENCY: readonly ConcurrencyCap[] = [
  { max: 8 },
  { method: "GET", path: "/candidates", max: 1 },
];
const DEFAULT_BASE_URL = "https://api.smartrecruiters.com";

export type JobsQuery = NonNullable<paths["/jobs"]["get"]["parameters"]["query"]>;
export type CandidatesQuery = NonNullable<paths["/candidates"]["get"]["parameters"]["query"]>;
export type JobSummary =
  paths["/jobs"]["get"]["responses"]["200"]["content"]["application/json"]["content"][number];
export type CandidateSummary =
  paths["/candidates"]["get"]["responses"]["200"]["content"]["application/json"]["content"][number];

/** A SmartRecruiters Customer API client: typed calls through the shared HTTP policy, limits and caps. */
export class SmartRecruitersClient {
  readonly api: Client<paths>;
  readonly baseUrl: string;

  constructor(ctx: ClientContext, auth: SmartRecruitersAuth) {
    this.baseUrl = resolveBaseUrl(ctx, SMARTRECRUITERS_VENDOR, DEFAULT_BASE_URL);
    const token = auth.x_smart_token ?? undefined;
    // The budget and the caps belong to the credential: every client of it shares them.
    const credential = token
      ? credentialKey(this.baseUrl, token)
      : credentialKey(this.baseUrl, auth.client_id!);
    const policy = {
      ...contextPolicy(ctx, SMARTRECRUITERS_VENDOR, SMARTRECRUITERS_RATE_LIMIT, credential),
      concurrency: SMARTRECRUITERS_CONCURRENCY,
      secrets: [token, auth.client_secret ?? undefined],
    };
    this.api = createHttpClient<paths>({
      ...policy,
      baseUrl: this.baseUrl,
      ...(token ? { auth: headerAuth({ "x-smarttoken": token }) } : this.#oauth(policy, auth)),
    });
  }

  /** Bearer tokens of a client-credentials app, shared by its clients, renewed once on a 401. */
  #oauth(policy: Parameters<typeof tokenRequestFetch>[0], auth: SmartRecruitersAuth) {
    const app = {
      tokenUrl: `${this.baseUrl}/identity/oauth/token`,
      clientId: auth.client_id!,
      clientSecret: auth.client_secret!,
    };
    // A token request creates nothing: resent after a 5xx, a reset or a timeout like a read.
    const session = clientCredentialsSession(SMARTRECRUITERS_VENDOR, app, {
      fetch: tokenRequestFetch(policy),
      label: "SmartRecruiters token request POST /identity/oauth/token",
      defaultExpiresInSeconds: null,
    });
    return sessionAuth(session);
  }

  /** Jobs page by page (`nextPageId`), at most `max` of them when set. */
  jobs(query: Omit<JobsQuery, "limit" | "pageId">, max: number | null = null): AsyncGenerator<JobSummary> {
    return this.#list("/jobs", max, (q) => this.api.GET("/jobs", { params: { query: { ...query, ...q } } }));
  }

  /** One job with its ad; null when it no longer exists. */
  async getJob(id: string): Promise<SmartRecruitersJob | null> {
    const res = await this.api.GET("/jobs/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    if (!res.data || typeof res.data.id !== "string") throw malformed(`GET /jobs/${id}`, "a job");
    return res.data;
  }

  /** Candidates page by page (`nextPageId`), at most `max` of them when set. */
  candidates(
    query: Omit<CandidatesQuery, "limit" | "pageId">,
    max: number | null = null,
  ): AsyncGenerator<CandidateSummary> {
    return this.#list("/candidates", max, (q) =>
      this.api.GET("/candidates", { params: { query: { ...query, ...q } } }),
    );
  }

  /** One candidate with education and experience; null when it no longer exists. */
  async getCandidate(id: string): Promise<SmartRecruitersCandidate | null> {
    const res = await this.api.GET("/candidates/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    if (!res.data || typeof res.data.id !== "string") throw malformed(`GET /candidates/${id}`, "a candidate");
    return res.data;
  }

  /** Adds a candidate to the talent pool, or applies them to a job when `jobId` is given. */
  async createCandidate(
    jobId: string | null,
    body: SmartRecruitersCandidateInput,
  ): Promise<SmartRecruitersCandidate> {
    const res = jobId
      ? await this.api.POST("/jobs/{id}/candidates", { params: { path: { id: jobId } }, body })
      : await this.api.POST("/candidates", { body });
    if (!res.data || typeof res.data.id !== "string") throw malformed("POST candidates", "a candidate");
    return res.data;
  }

  /** Sets the fields given on a candidate. */
  async updateCandidate(id: string, body: SmartRecruitersCandidateInput): Promise<void> {
    await this.api.PATCH("/candidates/{id}", { params: { path: { id } }, body });
  }

  /** Deletes a candidate; false when it was already gone. */
  async deleteCandidate(id: string): Promise<boolean> {
    const res = await this.api.DELETE("/candidates/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    return res.response.status !== 404;
  }

  /**
   * Whether a candidate with this email was created since `since` (on the job when `jobId` is
   * given): the lookup that settles a create whose answer was lost.
   */
  async hasCandidate(email: string, jobId: string | null, since: Date): Promise<boolean> {
    const query: Omit<CandidatesQuery, "limit" | "pageId"> = { q: email };
    if (jobId) query.jobId = [jobId];
    for await (const c of this.candidates(query)) {
      if (c.email?.toLowerCase() !== email.toLowerCase()) continue;
      const created = c.createdOn ? Date.parse(c.createdOn) : Number.NaN;
      if (Number.isNaN(created) || created >= since.getTime()) return true;
    }
    return false;
  }

  /**
   * A list read by `nextPageId`, passed back as `pageId`, until a page comes without one (or with
   * an empty one, or the same one again). Pages are 100 items, less on the last when `max` is set.
   */
  async *#list<T>(
    path: string,
    max: number | null,
    get: (q: {
      limit: number;
      pageId?: string;
    }) => Promise<{ data?: { content?: T[]; nextPageId?: string | null } }>,
  ): AsyncGenerator<T> {
    let left = max ?? Number.POSITIVE_INFINITY;
    if (left <= 0) return;
    const pages = paginateCursor<T>(async (cursor) => {
      const limit = Math.min(SMARTRECRUITERS_PAGE_SIZE, left);
      const { data } = await get(cursor ? { limit, pageId: cursor } : { limit });
      if (!data || !Array.isArray(data.content)) throw malformed(`GET ${path}`, "a content array");
      return { items: data.content, cursor: data.content.length > 0 ? data.nextPageId : null };
    });
    for await (const item of pages) {
      yield item;
      if (--left <= 0) return;
    }
  }
}

function malformed(call: string, expected: string): Error {
  return new Error(`SmartRecruiters ${call} returned a body without ${expected}`);
}
