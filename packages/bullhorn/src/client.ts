import type { VendorClient } from "@hrflow-connectors/core";
import { acceptStatus, paginateOffset, readDownloadedFile, releasing } from "@hrflow-connectors/core/http";
import type { VendorContext } from "@hrflow-connectors/core/vendor";
import { toLuceneDate } from "./dates.js";
import type { components, paths } from "./generated/bullhorn.js";
import { type DateField, isAfter, type Position } from "./incremental.js";
import type { BullhornResume } from "./objects.js";
import type { BullhornAuth } from "./schemas.js";
import { bullhorn } from "./vendor.js";

/** Rows per search page; the documented maximum of list calls is 500. */
export const BULLHORN_PAGE_SIZE = 200;
/** The largest page Bullhorn documents for list calls (unconfirmed for search). */
export const BULLHORN_MAX_PAGE = 500;
/**
 * Candidates whose education or work-history rows one call reads. Their ids go in the path: 200
 * ids of up to 9 digits are under 2 KB, far from the 7,500 characters past which Bullhorn's docs
 * move search and query to POST for URL length; and one search page (200 rows) is one slice, so
 * joining never waits for a second page. Rows come 500 a call (the documented most), so a slice
 * costs one call per association up to 2.5 rows per candidate, then one per 500 more.
 */
export const CANDIDATES_PER_JOIN = 200;
/** Rows of a boundary second read again on the next page, in case some moved out of the listing. */
const BOUNDARY_SLACK = 20;

export type SearchRow = components["schemas"]["SearchRow"];
type CandidateRow = components["schemas"]["CandidateRow"];
type Entity = "JobOrder" | "Candidate";

/** Bullhorn's calls as the aisles use them, on the declared vendor's client (one login per run). */
export class BullhornClient {
  readonly api: VendorClient<paths>;

  constructor(api: VendorClient<paths>) {
    this.api = api;
  }

  /** One search page. */
  async search(entity: Entity, query: string, fields: string, sort: string, start: number, count: number) {
    const { data } = await this.api.GET("/search/{entity}", {
      params: { path: { entity }, query: { query, fields, sort, start, count } },
    });
    if (!data || !Array.isArray(data.data)) throw malformed(`GET search/${entity}`, "a data array");
    return data.data;
  }

  /**
   * Every row of `query` after `from` in (date, id) order, to the end or `limit` rows. Pages are
   * keyed on the last row's second (the finest a Lucene date range goes): a row changed while the
   * read runs moves to the end instead of shifting later rows past an offset, and rows already
   * yielded are recognised by (date, id), so none is yielded twice.
   */
  async *searchSince(
    entity: Entity,
    options: {
      query: string;
      fields: string;
      field: DateField;
      from: Position | null;
      limit?: number | null | undefined;
      pageSize?: number | undefined;
    },
  ): AsyncGenerator<SearchRow & { id: number }> {
    const pageSize = Math.min(options.pageSize ?? options.limit ?? BULLHORN_PAGE_SIZE, BULLHORN_MAX_PAGE);
    const sort = `${options.field},id`;
    let last: Position | null = options.from;
    let boundarySec = options.from ? Math.floor(options.from.ms / 1000) : null;
    let seenInBoundary = 0;
    let start = 0;
    let yielded = 0;
    for (;;) {
      const range =
        boundarySec === null ? "" : ` AND ${options.field}:[${toLuceneDate(boundarySec * 1000)} TO *]`;
      const query = `(${options.query})${range}`;
      const rows = await this.search(entity, query, options.fields, sort, start, pageSize);
      let fresh = 0;
      const count = rows.length;
      // The page is this read's own: each row is let go as it is yielded (see `releasing`).
      for (const row of releasing(rows)) {
        const ms = row[options.field];
        if (typeof row.id !== "number" || typeof ms !== "number") {
          throw malformed(`GET search/${entity}`, `id and ${options.field} in every row`);
        }
        const at = { ms, id: row.id };
        if (last && !isAfter(at, last)) continue;
        fresh++;
        last = at;
        const sec = Math.floor(ms / 1000);
        if (sec === boundarySec) seenInBoundary++;
        else {
          boundarySec = sec;
          seenInBoundary = 1;
        }
        yield row as SearchRow & { id: number };
        if (options.limit && ++yielded >= options.limit) return;
      }
      if (count < pageSize) return;
      // A full page of rows already read means a second holds more rows than a page: step over them.
      const slack = Math.min(BOUNDARY_SLACK, Math.floor(pageSize / 4));
      start = fresh === 0 ? start + count : Math.max(0, seenInBoundary - slack);
    }
  }

  /**
   * The education or work-history rows of several candidates, page after page in row-id order
   * until a short page or `total`; each row names its candidate (`candidate` is added to `fields`).
   * No row when none of the candidates exists any more (Bullhorn's 404 for that case).
   */
  candidatesRows(
    ids: readonly number[],
    association: "educations" | "workHistories",
    fields: string,
  ): AsyncGenerator<CandidateRow & { candidate: { id: number } }> {
    const call = `GET entity/Candidate/{ids}/${association}`;
    return paginateOffset(async (start, count) => {
      const res = await this.api.GET("/entity/Candidate/{ids}/{association}", {
        params: {
          path: { ids: [...ids], association },
          query: { fields: `${fields},candidate`, start, count, orderBy: "id" },
        },
        middleware: [acceptStatus(404)],
      });
      if (res.response.status === 404) return { items: [], hasNext: false };
      const rows = res.data?.data;
      if (!Array.isArray(rows)) throw malformed(call, "a data array");
      // A row without its owner could belong to any of the ids: refuse rather than drop it.
      if (rows.some((row) => typeof row.candidate?.id !== "number"))
        throw malformed(call, "candidate.id in every row");
      const total = res.data?.total;
      return {
        items: rows as (CandidateRow & { candidate: { id: number } })[],
        hasNext: rows.length === count && (typeof total !== "number" || start + rows.length < total),
      };
    }, BULLHORN_MAX_PAGE);
  }

  /** The newest file of type Resume attached to a candidate, with its name; null when none. */
  async candidateResume(id: number): Promise<BullhornResume | null> {
    const { data } = await this.api.GET("/entityFiles/Candidate/{id}", { params: { path: { id } } });
    const resumes = (data?.EntityFiles ?? []).filter((f) => f.type?.trim().toLowerCase() === "resume");
    const newest = resumes.sort((a, b) => (b.dateAdded ?? 0) - (a.dateAdded ?? 0) || b.id - a.id)[0];
    if (!newest) return null;
    const res = await this.api.GET("/file/Candidate/{id}/{fileId}", {
      params: { path: { id, fileId: newest.id } },
      middleware: [acceptStatus(404)],
    });
    if (res.response.status === 404 || !res.data) return null;
    const file = res.data.File;
    const contentType =
      file.contentType ??
      (newest.contentType ? `${newest.contentType}/${newest.contentSubType ?? ""}` : null);
    return {
      name: file.name ?? newest.name ?? null,
      contentType,
      bytes: Buffer.from(file.fileContent, "base64"),
    };
  }

  /** Creates a candidate (PUT) and returns its id. */
  async createCandidate(candidate: Record<string, unknown>): Promise<number> {
    const { data } = await this.api.PUT("/entity/Candidate", { body: candidate });
    if (typeof data?.changedEntityId !== "number") throw malformed("PUT entity/Candidate", "changedEntityId");
    return data.changedEntityId;
  }

  /** Updates a candidate (POST). */
  async updateCandidate(id: number, candidate: Record<string, unknown>): Promise<void> {
    await this.api.POST("/entity/Candidate/{id}", { params: { path: { id } }, body: candidate });
  }

  /** Ids of candidates with this email added at or after `sinceMs` (a lost create's lookup). */
  async candidatesByEmail(email: string, sinceMs: number): Promise<number[]> {
    const quoted = `"${email.replace(/["\\]/g, "\\$&")}"`;
    const query = `email:${quoted} AND dateAdded:[${toLuceneDate(sinceMs)} TO *]`;
    const rows = await this.search("Candidate", query, "id,email,dateAdded", "dateAdded,id", 0, 50);
    return rows
      .filter((r) => typeof r.id === "number" && String(r.email ?? "").toLowerCase() === email.toLowerCase())
      .map((r) => r.id as number);
  }

  /** Adds a CandidateEducation or CandidateWorkHistory row to a candidate. */
  async addCandidateRow(
    association: "CandidateEducation" | "CandidateWorkHistory",
    row: Record<string, unknown>,
  ) {
    await this.api.PUT("/entity/{association}", { params: { path: { association } }, body: row });
  }

  /** Attaches a file to a candidate. */
  async attachFile(id: number, file: components["schemas"]["FileWrite"]): Promise<void> {
    await this.api.PUT("/file/Candidate/{id}", { params: { path: { id } }, body: file });
  }

  /** Whether a file of this name is attached to the candidate (a lost attach's lookup). */
  async hasFile(id: number, name: string): Promise<boolean> {
    const { data } = await this.api.GET("/entityFiles/Candidate/{id}", { params: { path: { id } } });
    return (data?.EntityFiles ?? []).some((f) => f.name === name);
  }

  /** The submission of a candidate to a job order; null when none. */
  async findSubmission(candidateId: number, jobId: number): Promise<number | null> {
    const { data } = await this.api.GET("/query/JobSubmission", {
      params: {
        query: {
          where: `candidate.id=${candidateId} AND jobOrder.id=${jobId}`,
          fields: "id,status",
          count: 1,
        },
      },
    });
    const id = data?.data?.[0]?.id;
    return typeof id === "number" ? id : null;
  }

  /** Submits a candidate to a job order (PUT creates). */
  async createSubmission(body: components["schemas"]["JobSubmissionWrite"]): Promise<number> {
    const { data } = await this.api.PUT("/entity/JobSubmission", { body });
    if (typeof data?.changedEntityId !== "number")
      throw malformed("PUT entity/JobSubmission", "changedEntityId");
    return data.changedEntityId;
  }

  /** Updates a submission (POST updates). */
  async updateSubmission(id: number, body: components["schemas"]["JobSubmissionWrite"]): Promise<void> {
    await this.api.POST("/entity/JobSubmission/{id}", { params: { path: { id } }, body });
  }

  /** Downloads a file to attach (an HrFlow attachment URL: never sent Bullhorn's token). */
  async download(url: string) {
    return readDownloadedFile(await this.api.fetchFile(url), url, bullhorn.key);
  }
}

/** A client for a read or write context (its auth and run: the session is shared per credential). */
export function clientFor(ctx: VendorContext<BullhornAuth>): BullhornClient {
  return new BullhornClient(bullhorn.client(ctx));
}

function malformed(call: string, expected: string): Error {
  return new Error(`Bullhorn ${call} returned a body without ${expected}`);
}
