import {
  acceptStatus,
  type ClientContext,
  type ClientSettings,
  contextPolicy,
  createHttpClient,
  credentialKey,
  paginateCursor,
  policyFetch,
  resolveBaseUrl,
  sessionAuth,
  tokenRequestFetch,
} from "@hrflow-connectors/core";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/lever.js";
import type { LeverOpportunity, LeverOpportunityCreate, LeverPosting, LeverResume } from "./objects.js";
import type { LeverCredentials } from "./schemas.js";
import { LeverOAuth } from "./session.js";

/** Vendor key of the API's base URL and rate-limit overrides (`baseUrls.lever`, `http.rateLimits.lever`). */
export const LEVER_VENDOR = "lever";
/**
 * Vendor key of the OAuth server's base URL override (`baseUrls.lever_auth`, or the environment
 * variable `HRFLOW_CONNECTORS_LEVER_AUTH_BASE_URL`); the token endpoint is `<base>/oauth/token`.
 */
export const LEVER_AUTH_VENDOR = "lever_auth";
/** Lever's published limit: 10 requests per second per key (bursts to 20 are not relied on). */
export const LEVER_RATE_LIMIT = { requests: 10, perMs: 1000 } as const;
/** The redirect URI the original registered with Lever; a code is only valid with its own URI. */
export const LEVER_REDIRECT_URI = "https://marketplace-partners.hrflow.ai/partner/lever/login";

/** `api.sandbox` -> `api.sandbox.lever.co`; a full `*.lever.co` host is kept as it is. */
export function leverApiHost(clientDomain: string): string {
  const d = clientDomain.toLowerCase();
  return d === "lever.co" || d.endsWith(".lever.co") ? d : `${d}.lever.co`;
}

/**
 * `sandbox-lever` -> `sandbox-lever.auth0.com` (the original's template); a value with a dot is a
 * full host, so production's `auth.lever.co`, which the template could not express, works too.
 */
export function leverAuthHost(authDomain: string): string {
  const d = authDomain.toLowerCase();
  return d.includes(".") ? d : `${d}.auth0.com`;
}

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
  readonly api: Client<paths>;
  readonly baseUrl: string;
  readonly oauth: LeverOAuth;

  constructor(settings: ClientContext, credentials: LeverCredentials) {
    this.baseUrl = leverApiBaseUrl(settings, credentials.client_domain);
    // The budget belongs to the OAuth app on one Lever account: every client for it shares it.
    const key = credentialKey(this.baseUrl, credentials.client_id);
    const authPolicy = contextPolicy(settings, LEVER_AUTH_VENDOR, LEVER_RATE_LIMIT, key);
    this.oauth = new LeverOAuth(
      {
        tokenUrl: leverTokenUrl(settings, credentials.auth_domain),
        clientId: credentials.client_id,
        clientSecret: credentials.client_secret,
        authorizationCode: credentials.authorization_code,
        redirectUri: LEVER_REDIRECT_URI,
      },
      {
        vendor: "Lever",
        // The code exchange is never resent once sent (the code works once): a lost answer ends
        // the run with a "re-authorize" error. Refreshes are resent like reads.
        fetch: policyFetch(authPolicy),
        refreshFetch: tokenRequestFetch(authPolicy),
        logger: settings.logger,
        store: settings.store,
        workflowId: settings.workflowId,
        runtime: settings.httpRuntime,
      },
    );
    // A 401 renews the token once (one refresh for all concurrent calls) and resends the call.
    const bearer = sessionAuth(this.oauth.session, "Bearer", this.oauth.issuer);
    // Creates are not idempotent: core's policy resends a POST only on 429 or when it was never sent.
    this.api = createHttpClient<paths>({
      baseUrl: this.baseUrl,
      ...contextPolicy(settings, LEVER_VENDOR, LEVER_RATE_LIMIT, key),
      // Tokens are issued during the run: errors ask for the current ones to mask.
      secrets: () => this.secrets(),
      auth: bearer.auth,
      renewAuth: (refused) => {
        settings.logger?.warn("Lever answered HTTP 401; refreshing the access token and trying again once");
        return bearer.renewAuth(refused);
      },
    });
  }

  /** Every secret the client holds, for redaction. */
  secrets(): string[] {
    return this.oauth.secrets();
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
