import type { VendorClient } from "@hrflow-connectors/core";
import { acceptStatus, paginateCursor } from "@hrflow-connectors/core/http";
import type { VendorContext } from "@hrflow-connectors/core/vendor";
import type { paths } from "./generated/smartrecruiters.js";
import type {
  SmartRecruitersCandidate,
  SmartRecruitersCandidateInput,
  SmartRecruitersJob,
} from "./objects.js";
import { SMARTRECRUITERS_PAGE_SIZE, type SmartRecruitersAuth } from "./schemas.js";
import { smartrecruiters } from "./vendor.js";

export type JobsQuery = NonNullable<paths["/jobs"]["get"]["parameters"]["query"]>;
export type CandidatesQuery = NonNullable<paths["/candidates"]["get"]["parameters"]["query"]>;
export type JobSummary =
  paths["/jobs"]["get"]["responses"]["200"]["content"]["application/json"]["content"][number];
export type CandidateSummary =
  paths["/candidates"]["get"]["responses"]["200"]["content"]["application/json"]["content"][number];

/** A SmartRecruiters Customer API client: the declared vendor's typed calls, with its lists and lookups. */
export class SmartRecruitersClient {
  readonly api: VendorClient<paths>;

  constructor(ctx: VendorContext<SmartRecruitersAuth>) {
    this.api = smartrecruiters.client(ctx);
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
