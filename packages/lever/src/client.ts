import type { VendorClient } from "@hrflow-connectors/core";
import {
  acceptStatus,
  type ClientSettings,
  paginateCursor,
  resolveBaseUrl,
} from "@hrflow-connectors/core/http";
import type { paths } from "./generated/lever.js";
import type { LeverOpportunity, LeverOpportunityCreate, LeverPosting, LeverResume } from "./objects.js";
import type { LeverCredentials } from "./schemas.js";
import { lever, leverApiHost, leverAuthHost } from "./vendor.js";

export { LEVER_REDIRECT_URI, leverApiHost, leverAuthHost } from "./vendor.js";

/** Vendor key of the API's base URL and rate-limit overrides (`baseUrls.lever`, `http.rateLimits.lever`). */
export const LEVER_VENDOR = lever.key;
/**
 * Vendor key of the OAuth server's base URL override (`baseUrls.lever_auth`, or the environment
 * variable `HRFLOW_CONNECTORS_LEVER_AUTH_BASE_URL`); the token endpoint is `<base>/oauth/token`.
 */
export const LEVER_AUTH_VENDOR = `${lever.key}_auth`;
/** Lever's published limit: 10 requests per second per key (bursts to 20 are not relied on). */
export const LEVER_RATE_LIMIT = lever.rateLimit;

/** The API base, honouring the run's `baseUrls.lever` override. */
export function leverApiBaseUrl(settings: Partial<ClientSettings> | undefined, clientDomain: string): string {
  return resolveBaseUrl(settings, LEVER_VENDOR, `https://${leverApiHost(clientDomain)}/v1`);
}

/** The token endpoint, honouring the run's `baseUrls.lever_auth` override. */
export function leverTokenUrl(settings: Partial<ClientSettings> | undefined, authDomain: string): string {
  return `${resolveBaseUrl(settings, LEVER_AUTH_VENDOR, `https://${leverAuthHost(authDomain)}`)}/oauth/token`;
}

export type CreateOpportunityQuery = NonNullable<paths["/opportunities"]["post"]["parameters"]["query"]>;

interface Page<T> {
  data?: T[];
  hasNext?: boolean;
  next?: string;
}

/** A Lever API v1 client: OAuth tokens, typed calls, Lever's rate limit, redacted errors. */
export class LeverClient {
  // Creates are not idempotent: core's policy resends a POST only on 429 or when it was never sent.
  readonly api: VendorClient<paths>;
  readonly baseUrl: string;

  constructor(settings: Omit<Parameters<typeof lever.client>[0], "auth">, credentials: LeverCredentials) {
    this.api = lever.client({ ...settings, auth: credentials });
    this.baseUrl = this.api.baseUrl;
  }

  /** Every posting, page by page (`limit` per page), following `next` while `hasNext`. */
  postings(limit: number): AsyncGenerator<LeverPosting> {
    return paginateCursor(async (offset) => {
      const query = { limit, ...(offset ? { offset } : {}) };
      const res = await this.api.GET("/postings", { params: { query } });
      return pageOf(res.data, "GET /postings");
    });
  }

  /** Every opportunity, page by page, optionally only those updated since `updatedSince` (epoch ms). */
  opportunities(limit: number, updatedSince?: number | null): AsyncGenerator<LeverOpportunity> {
    return paginateCursor(async (offset) => {
      const query = {
        limit,
        ...(offset ? { offset } : {}),
        ...(updatedSince != null ? { updated_at_start: updatedSince } : {}),
      };
      const res = await this.api.GET("/opportunities", { params: { query } });
      return pageOf(res.data, "GET /opportunities");
    });
  }

  /**
   * Whether an opportunity of a contact with this email (and name, when given) was created or
   * changed since `since` (epoch ms): the lookup that settles a create whose answer was lost.
   * `updated_at_start` rather than `created_at_start`, since a create may backdate `createdAt`.
   */
  async hasOpportunity(email: string, name: string | null | undefined, since: number): Promise<boolean> {
    const { data } = await this.api.GET("/opportunities", {
      params: { query: { email, updated_at_start: since, limit: 100 } },
    });
    const page = pageOf(data, "GET /opportunities");
    return page.items.some((o) => (o.emails ?? []).includes(email) && (!name || o.name === name));
  }

  /** The resumes of an opportunity; null when the opportunity no longer exists. */
  async resumes(opportunityId: string): Promise<LeverResume[] | null> {
    const res = await this.api.GET("/opportunities/{opportunity}/resumes", {
      params: { path: { opportunity: opportunityId } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    const body = res.data;
    if (!body || !Array.isArray(body.data)) throw malformed(`GET /opportunities/${opportunityId}/resumes`);
    return body.data;
  }

  /**
   * Creates an opportunity. Lever has no idempotency key, so only answers that prove nothing was
   * created are tried again (core's policy for a POST): 429 with backoff (Lever sends no
   * Retry-After) and 401 after one token refresh. A 5xx, a timeout or a cut answer throws core's
   * `OutcomeUnknownError` instead of risking a duplicate: the writer looks the item up
   * (`hasOpportunity`) before anything is resent.
   */
  async createOpportunity(
    query: CreateOpportunityQuery,
    body: LeverOpportunityCreate,
  ): Promise<LeverOpportunity> {
    const { data: created } = await this.api.POST("/opportunities", { params: { query }, body });
    if (!created?.data || typeof created.data.id !== "string") throw malformed("POST /opportunities");
    return created.data;
  }
}

function pageOf<T>(page: Page<T> | undefined, call: string): { items: T[]; cursor: string | null } {
  if (!page || !Array.isArray(page.data)) throw malformed(call);
  if (page.hasNext && !page.next) throw new Error(`Lever ${call} said hasNext without a next offset`);
  return { items: page.data, cursor: page.hasNext ? (page.next ?? null) : null };
}

function malformed(call: string): Error {
  return new Error(`Lever ${call} returned a body without the expected data`);
}
