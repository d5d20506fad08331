import type { VendorClient } from "@hrflow-connectors/core";
import {
  acceptStatus,
  type ClientContext,
  jsonListItems,
  paginateOffset,
  readDownloadedFile,
} from "@hrflow-connectors/core/http";
import type { paths } from "./generated/recruitee.js";
import type {
  RecruiteeCandidate,
  RecruiteeCandidateWrite,
  RecruiteeListedOffer,
  RecruiteeOffer,
} from "./objects.js";
import type { RecruiteeAuth } from "./schemas.js";
import { recruitee } from "./vendor.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.recruitee`, `http.rateLimits.recruitee`). */
export const RECRUITEE_VENDOR = recruitee.key;
/** The pace kept with Recruitee, which publishes no limit (see vendor.ts). */
export const RECRUITEE_RATE_LIMIT = recruitee.rateLimit;
/** Candidates per page: Recruitee's list hits its database directly, so pages stay modest. */
export const RECRUITEE_PAGE_SIZE = 100;

export type CandidatesQuery = NonNullable<paths["/candidates"]["get"]["parameters"]["query"]>;
export type OffersQuery = NonNullable<paths["/offers"]["get"]["parameters"]["query"]>;

/** A Recruitee ATS API client: typed calls through the shared HTTP policy. */
export class RecruiteeClient {
  readonly api: VendorClient<paths>;
  readonly baseUrl: string;

  constructor(ctx: ClientContext & { auth: RecruiteeAuth }) {
    this.api = recruitee.client(ctx);
    this.baseUrl = this.api.baseUrl;
  }

  /**
   * Candidates page by page (limit/offset) to the end, or until `max` were returned; `offset`
   * skips the first ones, as the original's parameters did.
   */
  async *candidates(
    query: CandidatesQuery,
    max: number | null = null,
    offset = 0,
  ): AsyncGenerator<RecruiteeCandidate> {
    let count = 0;
    const pages = paginateOffset(async (at, limit) => {
      const { data } = await this.api.GET("/candidates", {
        params: { query: { ...query, offset: offset + at, limit } },
      });
      if (!data || !Array.isArray(data.candidates)) throw malformed("GET /candidates", "a candidates array");
      return { items: data.candidates };
    }, RECRUITEE_PAGE_SIZE);
    for await (const c of pages) {
      if (max !== null && count >= max) return;
      count++;
      yield c;
    }
  }

  /** One candidate with its fields; null when Recruitee answers 404 (deleted). */
  async getCandidate(id: string): Promise<RecruiteeCandidate | null> {
    const res = await this.api.GET("/candidates/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    const c = res.data?.candidate;
    if (!c || c.id === undefined) throw malformed(`GET /candidates/${id}`, "a candidate");
    return c;
  }

  /** Which of `ids` Recruitee still holds, from one list call filtered by id (`?ids=`). */
  async existingIds(ids: string[]): Promise<string[]> {
    const { data } = await this.api.GET("/candidates", {
      params: { query: { ids: ids.join(","), limit: ids.length, offset: 0 } },
    });
    if (!data || !Array.isArray(data.candidates)) throw malformed("GET /candidates", "a candidates array");
    return data.candidates.map((c) => String(c.id));
  }

  /** Creates a candidate, assigned to `offers` at their default stage. */
  async createCandidate(
    candidate: RecruiteeCandidateWrite,
    offers: number[] | null | undefined,
  ): Promise<RecruiteeCandidate> {
    const res = await this.api.POST("/candidates", {
      body: { candidate, ...(offers?.length ? { offers } : {}) },
    });
    if (!res.data?.candidate) throw malformed("POST /candidates", "a candidate");
    return res.data.candidate;
  }

  /** Updates a candidate's given attributes. */
  async updateCandidate(id: string, candidate: RecruiteeCandidateWrite): Promise<void> {
    await this.api.PATCH("/candidates/{id}", { params: { path: { id } }, body: { candidate } });
  }

  /** Deletes a candidate; true when it existed, false when it was already gone (404). */
  async deleteCandidate(id: string): Promise<boolean> {
    const res = await this.api.DELETE("/candidates/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    return res.response.status !== 404;
  }

  /** Whether a candidate with this email was created after `since` (settles a lost create answer). */
  async hasCandidateSince(email: string, since: Date): Promise<boolean> {
    const created_after = since.toISOString().slice(0, 19);
    for await (const c of this.candidates({ query: email, created_after })) {
      if ((c.emails ?? []).some((e) => e.toLowerCase() === email.toLowerCase())) return true;
    }
    return false;
  }

  /**
   * The id and title of every offer the query lists. Recruitee lists offers in one answer (10,000
   * offers are tens of MB): it is streamed and each offer parsed alone and dropped, so the run never
   * holds the list, whose parse alone doubled V8's young generation.
   */
  async listedOffers(query: OffersQuery): Promise<RecruiteeListedOffer[]> {
    const { data } = await this.api.GET("/offers", { params: { query }, parseAs: "stream" });
    if (!data) throw malformed("GET /offers", "an offers array");
    const listed: RecruiteeListedOffer[] = [];
    const where = "Recruitee GET /offers";
    for await (const { id, title } of jsonListItems<RecruiteeListedOffer>(data, { key: "offers", where }))
      listed.push({ id, title });
    return listed;
  }

  /** One offer in full; null when it disappeared meanwhile. */
  async getOffer(id: string): Promise<RecruiteeOffer | null> {
    const res = await this.api.GET("/offers/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    if (!res.data?.offer) throw malformed(`GET /offers/${id}`, "an offer");
    return res.data.offer;
  }

  /** Downloads a resume link without the token (the policy still applies timeouts and retries). */
  async downloadResume(url: string) {
    return readDownloadedFile(await this.api.fetchFile(url), url, RECRUITEE_VENDOR);
  }
}

function malformed(call: string, expected: string): Error {
  return new Error(`Recruitee ${call} returned a body without ${expected}`);
}
