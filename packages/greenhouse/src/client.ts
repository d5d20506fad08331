import {
  acceptStatus,
  type ClientContext,
  contextPolicy,
  createHttpClient,
  credentialKey,
  paginateNextLink,
  requestTokens,
  resolveBaseUrl,
  sessionAuth,
  sharedTokenSession,
  TokenSession,
  tokenRequestFetch,
} from "@hrflow-connectors/core";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/greenhouse.js";
import { nextCursor } from "./link.js";
import type {
  GreenhouseApplication,
  GreenhouseAttachment,
  GreenhouseCandidateCreate,
  GreenhouseCandidateRecord,
  GreenhouseCandidateUpdate,
  GreenhouseDepartment,
  GreenhouseEducation,
  GreenhouseEmployment,
  GreenhouseJobRecord,
  GreenhouseOffice,
} from "./objects.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.greenhouse`, `http.rateLimits.greenhouse`). */
export const GREENHOUSE_VENDOR = "greenhouse";
/** The override key of the token server's origin (`baseUrls.greenhouse_auth`). */
export const GREENHOUSE_AUTH_VENDOR = "greenhouse_auth";
/**
 * Harvest's documented budget (v1: 50 requests per 10 s; the v3 window is unconfirmed). The policy
 * also pauses on `X-RateLimit-Remaining: 0` and honours `Retry-After` on a 429.
 */
export const GREENHOUSE_RATE_LIMIT = { requests: 50, perMs: 10_000 } as const;
/** Records per page asked on a first call (v3's maximum is unconfirmed; v1 allowed 500). */
export const GREENHOUSE_PAGE_SIZE = 100;
/** Ids per `ids` / `candidate_ids` filter (Greenhouse's limit). */
export const GREENHOUSE_IDS_PER_CALL = 50;

/** The credentials a Harvest v3 client needs. */
export interface GreenhouseCredentials {
  client_id: string;
  client_secret: string;
  user_id: string;
}

type ListPath =
  | "/jobs"
  | "/departments"
  | "/offices"
  | "/candidates"
  | "/candidate_educations"
  | "/candidate_employments"
  | "/attachments"
  | "/applications";
type ListQuery<P extends ListPath> = NonNullable<paths[P]["get"]["parameters"]["query"]>;
export type JobsQuery = Omit<ListQuery<"/jobs">, "cursor">;
export type CandidatesQuery = Omit<ListQuery<"/candidates">, "cursor">;
export type ApplicationsQuery = Omit<ListQuery<"/applications">, "cursor">;

/** The Harvest v3 base, honouring the run's `baseUrls.greenhouse` override. */
export function greenhouseBaseUrl(ctx: ClientContext | undefined): string {
  return resolveBaseUrl(ctx, GREENHOUSE_VENDOR, "https://harvest.greenhouse.io/v3");
}

/** The token endpoint, honouring `baseUrls.greenhouse_auth`. */
export function greenhouseTokenUrl(ctx: ClientContext | undefined): string {
  return `${resolveBaseUrl(ctx, GREENHOUSE_AUTH_VENDOR, "https://auth.greenhouse.io")}/token`;
}

/** A Harvest v3 client: client-credentials tokens acting as one user, cursor pages, typed calls. */
export class GreenhouseClient {
  readonly api: Client<paths>;
  readonly baseUrl: string;

  constructor(ctx: ClientContext, credentials: GreenhouseCredentials) {
    this.baseUrl = greenhouseBaseUrl(ctx);
    const key = credentialKey(this.baseUrl, credentials.client_id, credentials.user_id);
    const policy = {
      ...contextPolicy(ctx, GREENHOUSE_VENDOR, GREENHOUSE_RATE_LIMIT, key),
      secrets: [credentials.client_secret],
    };
    const app = {
      tokenUrl: greenhouseTokenUrl(ctx),
      clientId: credentials.client_id,
      clientSecret: credentials.client_secret,
      // Greenhouse takes the client as HTTP Basic, and the acting user as the token's subject.
      clientAuthentication: "basic" as const,
    };
    // The token server has its own budget: not counted against the API window.
    const { rateLimit: _apiWindow, ...tokenPolicy } = policy;
    const fetchToken = tokenRequestFetch(tokenPolicy);
    const login = () =>
      requestTokens(
        app,
        { grant_type: "client_credentials", sub: credentials.user_id },
        {
          fetch: fetchToken,
          label: "Greenhouse token request",
          // Tokens last an hour (harvest-partner-oauth); used when an answer gives no expires_at.
          defaultExpiresInSeconds: 3600,
        },
      );
    // One session per client, acting user and server, shared by every run of the process.
    const session = sharedTokenSession(
      `${GREENHOUSE_VENDOR}|${credentialKey(app.tokenUrl, app.clientId, app.clientSecret, credentials.user_id)}`,
      () => new TokenSession({ login }),
    );
    this.api = createHttpClient<paths>({
      ...policy,
      baseUrl: this.baseUrl,
      ...sessionAuth(session, "Bearer", { login }),
    });
  }

  /** Every job matching the filters, following the cursor to the last page. */
  jobs(query: JobsQuery): AsyncGenerator<GreenhouseJobRecord> {
    return this.#list("/jobs", query);
  }

  /** Every department (to name a job's `department_id`). */
  departments(): AsyncGenerator<GreenhouseDepartment> {
    return this.#list("/departments", {});
  }

  /** Every office (to name a job's `office_ids`). */
  offices(): AsyncGenerator<GreenhouseOffice> {
    return this.#list("/offices", {});
  }

  /** Every candidate matching the filters, following the cursor to the last page. */
  candidates(query: CandidatesQuery): AsyncGenerator<GreenhouseCandidateRecord> {
    return this.#list("/candidates", query);
  }

  /** Educations of up to 50 candidates, in as few calls as their number needs. */
  educations(candidateIds: string[]): AsyncGenerator<GreenhouseEducation> {
    return this.#list("/candidate_educations", { candidate_ids: candidateIds.join(",") });
  }

  /** Employments of up to 50 candidates. */
  employments(candidateIds: string[]): AsyncGenerator<GreenhouseEmployment> {
    return this.#list("/candidate_employments", { candidate_ids: candidateIds.join(",") });
  }

  /** Attachments of up to 50 candidates. */
  attachments(candidateIds: string[]): AsyncGenerator<GreenhouseAttachment> {
    return this.#list("/attachments", { candidate_ids: candidateIds.join(",") });
  }

  /** Applications matching the filters (candidate ids, job, status). */
  applications(query: ApplicationsQuery): AsyncGenerator<GreenhouseApplication> {
    return this.#list("/applications", query);
  }

  /** Creates a candidate (with at most one nested application). */
  async createCandidate(body: GreenhouseCandidateCreate): Promise<GreenhouseCandidateRecord> {
    const { data } = await this.api.POST("/candidates", { body });
    if (!data || data.id === undefined) throw malformed("POST /candidates", "a candidate id");
    return data;
  }

  /** Applies an existing candidate to a job. */
  async createApplication(candidateId: number, jobId: number): Promise<GreenhouseApplication> {
    const { data } = await this.api.POST("/applications", {
      body: { candidate_id: candidateId, job_id: jobId },
    });
    if (!data || data.id === undefined) throw malformed("POST /applications", "an application id");
    return data;
  }

  /** Changes a candidate's fields; list fields replace the stored lists. Null when it no longer exists. */
  async updateCandidate(
    id: string,
    body: GreenhouseCandidateUpdate,
  ): Promise<GreenhouseCandidateRecord | null> {
    const res = await this.api.PATCH("/candidates/{id}", {
      params: { path: { id } },
      body,
      middleware: [acceptStatus(404)],
    });
    return res.response.status === 404 ? null : (res.data ?? null);
  }

  /** Rejects one application (Greenhouse's archive of a candidate's application). */
  async rejectApplication(id: string, rejectionReasonId: number | null): Promise<void> {
    await this.api.POST("/applications/{id}/reject", {
      params: { path: { id } },
      body: rejectionReasonId === null ? {} : { rejection_reason_id: rejectionReasonId },
    });
  }

  /** Deletes a candidate for good; false when it was already gone. */
  async deleteCandidate(id: string): Promise<boolean> {
    const res = await this.api.DELETE("/candidates/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    return res.response.status !== 404;
  }

  /**
   * A list read to the end: the first call with the filters and our page size, then only the
   * cursor of each `Link: rel="next"` (v3 refuses a cursor with any other parameter). The cursor is
   * sent to our own base URL, so a link naming another host never receives the token.
   */
  #list<P extends ListPath>(path: P, query: Omit<ListQuery<P>, "cursor">): AsyncGenerator<Item<P>> {
    const get = this.api.GET as (
      path: ListPath,
      init: { params: { query: Record<string, unknown> } },
    ) => Promise<{ data?: unknown; response: Response }>;
    return paginateNextLink(async (cursor) => {
      const q = cursor ? { cursor } : { per_page: GREENHOUSE_PAGE_SIZE, ...query };
      const { data, response } = await get(path, { params: { query: q } });
      if (!Array.isArray(data)) throw malformed(`GET ${path}`, "a JSON array");
      return { items: data as Item<P>[], next: nextCursor(response.headers.get("link")) };
    });
  }
}

type Item<P extends ListPath> = paths[P]["get"]["responses"][200]["content"]["application/json"][number];

function malformed(call: string, expected: string): Error {
  return new Error(`Greenhouse ${call} answered without ${expected}`);
}
