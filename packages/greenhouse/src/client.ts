import {
  acceptStatus,
  type ClientContext,
  linkQuery,
  paginateLinkHeader,
} from "@hrflow-connectors/core/http";
import type { paths } from "./generated/greenhouse.js";
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
import type { GreenhouseAuth } from "./schemas.js";
import { greenhouse } from "./vendor.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.greenhouse`, `http.rateLimits.greenhouse`). */
export const GREENHOUSE_VENDOR = greenhouse.key;
/** The override key of the token server's origin (`baseUrls.greenhouse_auth`). */
export const GREENHOUSE_AUTH_VENDOR = `${greenhouse.key}_auth`;
/** Harvest's budget per credential (see `vendor.ts`). */
export const GREENHOUSE_RATE_LIMIT = greenhouse.rateLimit;
/** Records per page asked on a first call (v3's maximum is unconfirmed; v1 allowed 500). */
export const GREENHOUSE_PAGE_SIZE = 100;
/** Ids per `ids` / `candidate_ids` filter (Greenhouse's limit). */
export const GREENHOUSE_IDS_PER_CALL = 50;

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

type VendorClient = ReturnType<typeof greenhouse.client>;

/** Harvest v3 calls on the declared vendor's client: cursor pages to the end, typed writes. */
export class GreenhouseClient {
  readonly api: VendorClient;

  constructor(ctx: ClientContext & { auth: GreenhouseAuth }) {
    this.api = greenhouse.client(ctx);
  }

  /** Gets a token for these credentials (creates nothing). */
  signIn(): Promise<void> {
    return this.api.signIn();
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
    return paginateLinkHeader(async (next) => {
      const q = next ? linkQuery(next) : { per_page: GREENHOUSE_PAGE_SIZE, ...query };
      const { data, response } = await get(path, { params: { query: q } });
      if (!Array.isArray(data)) throw malformed(`GET ${path}`, "a JSON array");
      return { items: data as Item<P>[], response };
    });
  }
}

type Item<P extends ListPath> = paths[P]["get"]["responses"][200]["content"]["application/json"][number];

function malformed(call: string, expected: string): Error {
  return new Error(`Greenhouse ${call} answered without ${expected}`);
}
