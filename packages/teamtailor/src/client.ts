import type { VendorClient } from "@hrflow-connectors/core";
import {
  acceptStatus,
  type ClientContext,
  type IdPage,
  linkQuery,
  paginateNextLink,
  readDownloadedFile,
} from "@hrflow-connectors/core/http";
import type { components, paths } from "./generated/teamtailor.js";
import { LocationSchema } from "./generated/teamtailor.zod.js";
import type {
  TeamtailorCandidate,
  TeamtailorCandidateWrite,
  TeamtailorJob,
  TeamtailorLocation,
  TeamtailorResume,
} from "./objects.js";
import type { TeamtailorAuth } from "./schemas.js";
import { teamtailor } from "./vendor.js";

export { TEAMTAILOR_HOSTS } from "./vendor.js";
/** The vendor key of base URL and rate-limit overrides (`baseUrls.teamtailor`, `http.rateLimits.teamtailor`). */
export const TEAMTAILOR_VENDOR = teamtailor.key;
/** The pace kept without news from Teamtailor's `X-Rate-Limit-*` headers (see vendor.ts). */
export const TEAMTAILOR_RATE_LIMIT = teamtailor.rateLimit;
/** Items per page: the largest page third-party clients use (Teamtailor's default is 10). */
export const TEAMTAILOR_PAGE_SIZE = 30;
/** JSON:API's media type, which Teamtailor requires on request bodies. */
export const JSON_API = "application/vnd.api+json";

export type JobsQuery = NonNullable<paths["/jobs"]["get"]["parameters"]["query"]>;
export type CandidatesQuery = NonNullable<paths["/candidates"]["get"]["parameters"]["query"]>;

/** A Teamtailor API client: typed calls through the shared HTTP policy and Teamtailor's rate limit. */
export class TeamtailorClient {
  readonly api: VendorClient<paths>;
  readonly baseUrl: string;

  constructor(ctx: ClientContext & { auth: TeamtailorAuth }) {
    this.api = teamtailor.client(ctx);
    this.baseUrl = this.api.baseUrl;
  }

  /** Every job the query matches, page by page, following `links.next` to the end. */
  jobs(query: JobsQuery): AsyncGenerator<TeamtailorJob> {
    return this.#list("/jobs", query, (q) => this.api.GET("/jobs", { params: { query: q } }));
  }

  /**
   * Every job the query matches, each with its location taken from the page itself
   * (`include=location`: one request per 30 jobs instead of one more per job). A job whose answer
   * does not name its location (an API that ignored `include`, a location missing from `included`)
   * comes without the `location` key: the caller reads it with `jobLocation`.
   */
  jobsWithLocation(query: JobsQuery): AsyncGenerator<TeamtailorJob> {
    return this.#list("/jobs", { ...query, include: "location" }, async (q) => {
      const res = await this.api.GET("/jobs", { params: { query: q } });
      const page = res.data;
      if (!page || !Array.isArray(page.data)) return res;
      const locations = includedLocations(page.included);
      return { data: { ...page, data: page.data.map((job) => withIncludedLocation(job, locations)) } };
    });
  }

  /** A job's location; null when it has none, or when the job disappeared meanwhile. */
  async jobLocation(jobId: string): Promise<TeamtailorLocation | null> {
    const res = await this.api.GET("/jobs/{id}/location", {
      params: { path: { id: jobId } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    if (!res.data || !("data" in res.data)) throw malformed(`GET /jobs/${jobId}/location`, "a data member");
    return res.data.data ?? null;
  }

  /** Every candidate the query matches, page by page, following `links.next` to the end. */
  candidates(query: CandidatesQuery): AsyncGenerator<TeamtailorCandidate> {
    return this.#list("/candidates", query, (q) => this.api.GET("/candidates", { params: { query: q } }));
  }

  /** The ids on one page of every candidate (oldest first), the page count and the record count. */
  async candidateIdPage(page: number): Promise<IdPage> {
    const { data } = await this.api.GET("/candidates", {
      params: { query: { "page[size]": TEAMTAILOR_PAGE_SIZE, "page[number]": page, sort: "id" } },
    });
    if (!data || !Array.isArray(data.data)) throw malformed("GET /candidates", "a data array");
    const meta = data.meta;
    const pageCount = meta?.["page-count"];
    if (typeof pageCount !== "number") throw malformed("GET /candidates", "meta.page-count");
    return { ids: data.data.map((c) => c.id), pageCount, total: meta?.["record-count"] ?? null };
  }

  /** One candidate; null when Teamtailor answers 404 (deleted). */
  async getCandidate(id: string): Promise<TeamtailorCandidate | null> {
    const res = await this.api.GET("/candidates/{id}", {
      params: { path: { id } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404) return null;
    const data = res.data?.data;
    if (!data || typeof data.id !== "string") throw malformed(`GET /candidates/${id}`, "a candidate");
    return data;
  }

  /** Creates a candidate. */
  async createCandidate(attributes: TeamtailorCandidateWrite): Promise<TeamtailorCandidate> {
    const res = await this.api.POST("/candidates", {
      body: { data: { type: "candidates", attributes } },
      headers: { "content-type": JSON_API },
    });
    if (!res.data?.data) throw malformed("POST /candidates", "a candidate");
    return res.data.data;
  }

  /** Updates a candidate's given attributes (others are kept). */
  async updateCandidate(id: string, attributes: TeamtailorCandidateWrite): Promise<TeamtailorCandidate> {
    const res = await this.api.PATCH("/candidates/{id}", {
      params: { path: { id } },
      body: { data: { id, type: "candidates", attributes } },
      headers: { "content-type": JSON_API },
    });
    if (!res.data?.data) throw malformed(`PATCH /candidates/${id}`, "a candidate");
    return res.data.data;
  }

  /** Whether a candidate with this email was created at or after `since` (settles a lost create answer). */
  async hasCandidateSince(email: string, since: Date): Promise<boolean> {
    const query = { "filter[email]": email, "filter[created-at][from]": since.toISOString() };
    for await (const c of this.candidates(query)) {
      if (c.attributes?.email?.toLowerCase() === email.toLowerCase()) return true;
    }
    return false;
  }

  /** Downloads a resume link without the API key (the policy still applies timeouts and retries). */
  async downloadResume(url: string): Promise<TeamtailorResume> {
    return readDownloadedFile(await this.api.fetchFile(url), url, TEAMTAILOR_VENDOR);
  }

  /**
   * A JSON:API list read to the end: the first page with the caller's query at the largest page
   * size, then each `links.next` link's own query, sent to our base URL (the key never follows a
   * link to another host, and the original's duplicated parameters are gone).
   */
  #list<Q, T>(
    what: string,
    query: Q,
    get: (q: Q) => Promise<{ data?: { data: T[]; links?: { next?: string | null } } }>,
  ): AsyncGenerator<T> {
    return paginateNextLink(async (next) => {
      const q = next ? (linkQuery(next) as Q) : ({ "page[size]": TEAMTAILOR_PAGE_SIZE, ...query } as Q);
      const { data } = await get(q);
      if (!data || !Array.isArray(data.data)) throw malformed(`GET ${what}`, "a data array");
      return { items: data.data, next: data.links?.next ?? null };
    });
  }
}

/** The location resources of a page's `included`, by id (anything else there is ignored). */
function includedLocations(
  included: components["schemas"]["IncludedResource"][] | undefined,
): Map<string, TeamtailorLocation> {
  const byId = new Map<string, TeamtailorLocation>();
  for (const resource of included ?? []) {
    const location = resource.type === "locations" ? LocationSchema.safeParse(resource) : null;
    if (location?.success) byId.set(location.data.id, location.data);
  }
  return byId;
}

/**
 * The job with `location` set when its answer says what it is: null for `data: null`, the included
 * resource for `data: {type, id}`; untouched (no `location` key) when the answer does not say.
 */
function withIncludedLocation(job: TeamtailorJob, locations: Map<string, TeamtailorLocation>): TeamtailorJob {
  const relationship = job.relationships?.location;
  if (!relationship || !("data" in relationship) || relationship.data === undefined) return job;
  if (relationship.data === null) return { ...job, location: null };
  const location = locations.get(relationship.data.id);
  return location ? { ...job, location } : job;
}

function malformed(call: string, expected: string): Error {
  return new Error(`Teamtailor ${call} returned a body without ${expected}`);
}
