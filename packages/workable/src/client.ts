import type { VendorClient } from "@hrflow-connectors/core";
import {
  acceptStatus,
  type ClientContext,
  linkQuery,
  paginateNextLink,
  readDownloadedFile,
} from "@hrflow-connectors/core/http";
import type { paths } from "./generated/workable.js";
import type {
  WorkableCandidate,
  WorkableCandidateCreateBody,
  WorkableCandidateUpdate,
  WorkableJob,
  WorkableListedCandidate,
  WorkableResume,
} from "./objects.js";
import type { WorkableAuth } from "./schemas.js";
import { workable } from "./vendor.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.workable`, `http.rateLimits.workable`). */
export const WORKABLE_VENDOR = workable.key;
/** Workable's published limit for account tokens: 10 requests per 10 seconds. */
export const WORKABLE_RATE_LIMIT = workable.rateLimit;
/** The largest page Workable serves. */
export const WORKABLE_PAGE_SIZE = 100;

export type JobsQuery = NonNullable<paths["/jobs"]["get"]["parameters"]["query"]>;
export type CandidatesQuery = NonNullable<paths["/candidates"]["get"]["parameters"]["query"]>;

/** A Workable SPI v3 client: typed calls through the shared HTTP policy and Workable's rate limit. */
export class WorkableClient {
  readonly api: VendorClient<paths>;
  readonly baseUrl: string;

  constructor(ctx: ClientContext & { auth: WorkableAuth }) {
    this.api = workable.client(ctx);
    this.baseUrl = this.api.baseUrl;
  }

  /** Every listed job, page by page (100 per page), following `paging.next`. */
  jobs(query: JobsQuery): AsyncGenerator<WorkableJob> {
    return this.#list("jobs", query, (q) => this.api.GET("/jobs", { params: { query: q } }));
  }

  /** One job with its descriptions; null when it no longer exists. */
  async getJob(shortcode: string): Promise<WorkableJob | null> {
    const res = await this.api.GET("/jobs/{shortcode}", {
      params: { path: { shortcode } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    const job = res.data;
    if (!job || typeof job.shortcode !== "string") throw malformed(`GET /jobs/${shortcode}`, "a job");
    return job;
  }

  /** Every listed candidate (list fields only), page by page (100 per page), following `paging.next`. */
  candidates(query: CandidatesQuery): AsyncGenerator<WorkableListedCandidate> {
    return this.#list("candidates", query, (q) => this.api.GET("/candidates", { params: { query: q } }));
  }

  /** One candidate with education, experience and skills; null when it no longer exists. */
  async getCandidate(id: string): Promise<WorkableCandidate | null> {
    const res = await this.api.GET("/candidates/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    const data = res.data;
    if (!data?.candidate || typeof data.candidate.id !== "string") {
      throw malformed(`GET /candidates/${id}`, "{candidate}");
    }
    return data.candidate;
  }

  /** Adds a candidate to a job, or to the talent pool when no shortcode is given. */
  async createCandidate(
    target: { shortcode?: string | null; stage?: string | null },
    body: WorkableCandidateCreateBody,
  ): Promise<WorkableCandidate> {
    const query = target.stage ? { stage: target.stage } : {};
    const res = target.shortcode
      ? await this.api.POST("/jobs/{shortcode}/candidates", {
          params: { path: { shortcode: target.shortcode }, query },
          body,
        })
      : await this.api.POST("/talent_pool/candidates", { params: { query }, body });
    if (!res.data?.candidate) throw malformed("POST candidates", "{candidate}");
    return res.data.candidate;
  }

  /**
   * Whether a candidate with this email was created on the job (or, without a shortcode, in the
   * talent pool) after `since`: the lookup that settles a create whose answer was lost.
   */
  async hasCandidate(email: string, shortcode: string | null, since: Date): Promise<boolean> {
    const query: CandidatesQuery = { email, created_after: since.toISOString(), limit: WORKABLE_PAGE_SIZE };
    if (shortcode) query.shortcode = shortcode;
    for await (const c of this.candidates(query)) {
      if (c.email?.toLowerCase() !== email.toLowerCase()) continue;
      if (shortcode ? c.job?.shortcode === shortcode : !c.job?.shortcode) return true;
    }
    return false;
  }

  /** Updates a candidate; list fields replace the stored lists. */
  async updateCandidate(id: string, candidate: WorkableCandidateUpdate): Promise<WorkableCandidate> {
    const res = await this.api.PATCH("/candidates/{id}", { params: { path: { id } }, body: { candidate } });
    if (!res.data?.candidate) throw malformed(`PATCH /candidates/${id}`, "{candidate}");
    return res.data.candidate;
  }

  /**
   * A list endpoint read page by page: the first page with the caller's query at Workable's
   * largest page size, then each `paging.next` link's own query. Only the link's own parameters are
   * sent (the original appended its first-page parameters again, duplicating keys such as
   * `since_id`), to our base URL, so the token never follows a link to another host.
   */
  #list<K extends string, Q, T>(
    key: K,
    query: Q,
    get: (q: Q) => Promise<{ data?: { [k in K]: T[] } & { paging?: { next?: string } } }>,
  ): AsyncGenerator<T> {
    return paginateNextLink(async (next) => {
      const q = next ? (linkQuery(next) as Q) : { limit: WORKABLE_PAGE_SIZE, ...query };
      const { data } = await get(q);
      if (!data || !Array.isArray(data[key])) throw malformed(`GET /${key}`, `a ${key} array`);
      return { items: data[key], next: data.paging?.next };
    });
  }

  /**
   * Downloads a resume link. Workable's links are pre-signed storage URLs on another host, so
   * the API token is never sent with them; the policy still applies timeouts and retries.
   */
  async downloadResume(url: string): Promise<WorkableResume> {
    return readDownloadedFile(await this.api.fetchFile(url), url, WORKABLE_VENDOR);
  }
}

/** A client for a read or write context and the Workable credentials. */
export function createWorkableClient(
  ctx: ClientContext,
  credentials: { token: string; subdomain: string },
): WorkableClient {
  return new WorkableClient({
    ...ctx,
    auth: { api_access_token: credentials.token, subdomain: credentials.subdomain },
  });
}

function malformed(call: string, expected: string): Error {
  return new Error(`Workable ${call} returned a body without ${expected}`);
}
