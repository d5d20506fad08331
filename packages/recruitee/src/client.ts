import {
  acceptStatus,
  bearerAuth,
  type ClientContext,
  contextPolicy,
  createHttpClient,
  credentialKey,
  paginateOffset,
  policyFetch,
  readDownloadedFile,
  resolveBaseUrl,
} from "@hrflow-connectors/core";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/recruitee.js";
import type { RecruiteeCandidate, RecruiteeCandidateWrite, RecruiteeOffer } from "./objects.js";
import { RECRUITEE_ENDPOINTS } from "./schemas.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.recruitee`, `http.rateLimits.recruitee`). */
export const RECRUITEE_VENDOR = "recruitee";
/**
 * The pace kept with Recruitee, which publishes no limit (unconfirmed): 10 requests per second,
 * with 429 answers (and their Retry-After) retried by the policy.
 */
export const RECRUITEE_RATE_LIMIT = { requests: 10, perMs: 1_000 } as const;
/** Candidates per page: Recruitee's list hits its database directly, so pages stay modest. */
export const RECRUITEE_PAGE_SIZE = 100;

export type CandidatesQuery = NonNullable<paths["/candidates"]["get"]["parameters"]["query"]>;
export type OffersQuery = NonNullable<paths["/offers"]["get"]["parameters"]["query"]>;

/** What the client needs to call Recruitee. */
export interface RecruiteeCredentials {
  companyId: string;
  apiToken: string;
  endpoint?: string;
}

/** A Recruitee ATS API client: typed calls through the shared HTTP policy. */
export class RecruiteeClient {
  readonly api: Client<paths>;
  readonly baseUrl: string;
  readonly #fetchFile: typeof fetch;

  constructor(ctx: ClientContext, credentials: RecruiteeCredentials) {
    // `baseUrls.recruitee` replaces the endpoint host (e.g. a fake); the company stays in the path.
    const endpoint = resolveBaseUrl(ctx, RECRUITEE_VENDOR, credentials.endpoint ?? RECRUITEE_ENDPOINTS[0]);
    this.baseUrl = `${endpoint.replace(/\/$/, "")}/${encodeURIComponent(credentials.companyId)}`;
    const policy = contextPolicy(
      ctx,
      RECRUITEE_VENDOR,
      RECRUITEE_RATE_LIMIT,
      credentialKey(this.baseUrl, credentials.apiToken),
    );
    this.api = createHttpClient<paths>({
      baseUrl: this.baseUrl,
      auth: bearerAuth(credentials.apiToken),
      secrets: [credentials.apiToken],
      ...policy,
    });
    // Resume links point to storage on another host: same policy, never the token.
    const { rateLimit: _apiWindow, ...filePolicy } = policy;
    this.#fetchFile = policyFetch(filePolicy);
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

  /** Every offer the query lists (Recruitee lists offers in one answer). */
  async offers(query: OffersQuery): Promise<RecruiteeOffer[]> {
    const { data } = await this.api.GET("/offers", { params: { query } });
    if (!data || !Array.isArray(data.offers)) throw malformed("GET /offers", "an offers array");
    return data.offers;
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
    return readDownloadedFile(await this.#fetchFile(url), url, RECRUITEE_VENDOR);
  }
}

function malformed(call: string, expected: string): Error {
  return new Error(`Recruitee ${call} returned a body without ${expected}`);
}
