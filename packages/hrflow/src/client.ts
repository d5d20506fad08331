import { type ClientContext, paginatePages, peekJson, peekText } from "@hrflow-connectors/core/http";
import { Redactor } from "@hrflow-connectors/core/logging";
import type { Client, Middleware } from "openapi-fetch";
import { type Envelope, hrflowError, isNotFound } from "./errors.js";
import type { components, paths } from "./generated/hrflow.js";
import { multipartBody } from "./multipart.js";
import type { HrFlowAuth } from "./schemas.js";
import { hrflow } from "./vendor.js";

export { HrFlowError, isNotFound } from "./errors.js";
export { HRFLOW_BASE_URL } from "./vendor.js";
export const HRFLOW_VENDOR = hrflow.key;
/** The self-imposed ceiling per credential (see `hrflow`); override with `http.rateLimits.hrflow`. */
export const HRFLOW_RATE_LIMIT = hrflow.rateLimit;

export type ApiJob = components["schemas"]["Job"];
export type ApiProfile = components["schemas"]["Profile"];
export type ApiSource = components["schemas"]["Source"];
export type ApiBoard = components["schemas"]["Board"];
export type ApiTextParsing = components["schemas"]["TextParsing"];
export type ApiMeta = components["schemas"]["Meta"];

/** A key or a reference naming one job or profile; the key wins when both are given. */
export interface ItemId {
  key?: string | null | undefined;
  reference?: string | null | undefined;
}

/** A resume to send to the parsing endpoint. */
export interface ResumeUpload {
  file: Uint8Array;
  contentType: string;
  fileName: string;
  key?: string | undefined;
  reference?: string | null | undefined;
  createdAt?: string | null | undefined;
  tags?: unknown[] | null | undefined;
  metadatas?: unknown[] | null | undefined;
  /** Ask for the parsed profile in the answer (only honoured by sources set to sync parsing). */
  syncParsing: boolean;
}

type Page<T> = { items: T[]; meta: ApiMeta };

/** The query or body fields naming one item. */
const idFields = (id: ItemId) => (id.key ? { key: id.key } : id.reference ? { reference: id.reference } : {});
/** The paging part of a searching query: oldest first, so pages stay put while a listing walks them. */
const pageQuery = (page: number, limit: number) => ({
  page,
  limit,
  sort_by: "created_at",
  order_by: "asc" as const,
});
/**
 * The largest page the searching endpoints serve (the SDK's default is 30): a board sync lists the
 * whole board, so fewer, larger pages mean fewer requests per job.
 */
export const HRFLOW_PAGE_SIZE = 100;
/** Every item of a searching endpoint, page by page (stops at the last page, never asks one beyond). */
const everyPage = <T>(search: (page: number) => Promise<Page<T>>): AsyncGenerator<T> =>
  paginatePages(async (page) => {
    const { items, meta } = await search(page);
    return { items, maxPage: meta.maxPage };
  });
/** The `is_archive` flag of an archive call. */
const archiveFlag = (archive: boolean) => (archive ? (1 as const) : (0 as const));

/** Typed calls to the HrFlow.ai API v1 through the shared HTTP policy; failures throw HrFlowError. */
export class HrFlowClient {
  readonly raw: Client<paths>;

  constructor(raw: Client<paths>) {
    this.raw = raw;
  }

  /** The envelope of a call (errors were thrown by the client's middleware). */
  async #call<T extends Envelope>(pending: Promise<{ data?: T; response: Response }>): Promise<T> {
    const { data, response } = await pending;
    if (!data) throw new Error(`HrFlow ${response.url} answered HTTP ${response.status} without a body`);
    return data;
  }

  /** GET /source. */
  async getSource(key: string): Promise<ApiSource> {
    return (await this.#call(this.raw.GET("/source", { params: { query: { key } } }))).data;
  }

  /** GET /board. */
  async getBoard(key: string): Promise<ApiBoard> {
    return (await this.#call(this.raw.GET("/board", { params: { query: { key } } }))).data;
  }

  /** The envelope's data, or null when HrFlow answers "Unable to find object" for `type`. */
  async #orNull<T>(type: "job" | "profile", pending: Promise<{ data?: { data: T }; response: Response }>) {
    try {
      return (await this.#call(pending)).data;
    } catch (err) {
      if (isNotFound(err, type)) return null;
      throw err;
    }
  }

  /** GET /job/indexing by key or reference; null when the board has no such job. */
  async getJob(boardKey: string, id: ItemId): Promise<ApiJob | null> {
    const query = { board_key: boardKey, ...idFields(id) };
    return this.#orNull("job", this.raw.GET("/job/indexing", { params: { query } }));
  }

  /** POST /job/indexing. */
  async indexJob(boardKey: string, job: Record<string, unknown>): Promise<ApiJob> {
    const body = { ...job, board_key: boardKey };
    return (await this.#call(this.raw.POST("/job/indexing", { body }))).data;
  }

  /** PUT /job/indexing; the job is named by `key` or `reference` in the body. */
  async editJob(boardKey: string, job: Record<string, unknown>): Promise<ApiJob> {
    const body = { ...job, board_key: boardKey };
    return (await this.#call(this.raw.PUT("/job/indexing", { body }))).data;
  }

  /** PATCH /job/indexing/archive; `archive: false` restores an archived job. */
  async archiveJob(boardKey: string, id: ItemId, archive = true): Promise<void> {
    const body = { board_key: boardKey, ...idFields(id), is_archive: archiveFlag(archive) };
    await this.#call(this.raw.PATCH("/job/indexing/archive", { body }));
  }

  /** GET /jobs/searching: one page. */
  async searchJobs(boardKey: string, page: number, limit = HRFLOW_PAGE_SIZE): Promise<Page<ApiJob>> {
    const query = { board_keys: JSON.stringify([boardKey]), ...pageQuery(page, limit) };
    const res = await this.#call(this.raw.GET("/jobs/searching", { params: { query } }));
    return { items: res.data.jobs, meta: res.meta };
  }

  /** Every job of a board, streamed page by page. */
  listJobs(boardKey: string, limit = HRFLOW_PAGE_SIZE): AsyncGenerator<ApiJob> {
    return everyPage((page) => this.searchJobs(boardKey, page, limit));
  }

  /** GET /profile/indexing by key or reference; null when the source has no such profile. */
  async getProfile(sourceKey: string, id: ItemId): Promise<ApiProfile | null> {
    const query = { source_key: sourceKey, ...idFields(id) };
    return this.#orNull("profile", this.raw.GET("/profile/indexing", { params: { query } }));
  }

  /** POST /profile/indexing. */
  async indexProfile(sourceKey: string, profile: Record<string, unknown>): Promise<ApiProfile> {
    const body = { ...profile, source_key: sourceKey };
    return (await this.#call(this.raw.POST("/profile/indexing", { body }))).data;
  }

  /** PUT /profile/indexing; the profile is named by `key` or `reference` in the body. */
  async editProfile(sourceKey: string, profile: Record<string, unknown>): Promise<ApiProfile> {
    const body = { ...profile, source_key: sourceKey };
    return (await this.#call(this.raw.PUT("/profile/indexing", { body }))).data;
  }

  /** PATCH /profile/indexing/archive; `archive: false` restores an archived profile. */
  async archiveProfile(sourceKey: string, id: ItemId, archive = true): Promise<void> {
    const body = { source_key: sourceKey, ...idFields(id), is_archive: archiveFlag(archive) };
    await this.#call(this.raw.PATCH("/profile/indexing/archive", { body }));
  }

  /** GET /profiles/searching: one page. */
  async searchProfiles(sourceKey: string, page: number, limit = HRFLOW_PAGE_SIZE): Promise<Page<ApiProfile>> {
    const query = { source_keys: JSON.stringify([sourceKey]), ...pageQuery(page, limit) };
    const res = await this.#call(this.raw.GET("/profiles/searching", { params: { query } }));
    return { items: res.data.profiles, meta: res.meta };
  }

  /** Every profile of a source, streamed page by page. */
  listProfiles(sourceKey: string, limit = HRFLOW_PAGE_SIZE): AsyncGenerator<ApiProfile> {
    return everyPage((page) => this.searchProfiles(sourceKey, page, limit));
  }

  /** POST /profile/parsing/file: the parsed profile when parsed synchronously, else null (queued). */
  async parseProfileFile(sourceKey: string, upload: ResumeUpload): Promise<ApiProfile | null> {
    const fields: [string, string][] = [["source_key", sourceKey]];
    if (upload.key) fields.push(["key", upload.key]);
    if (upload.reference) fields.push(["reference", upload.reference]);
    if (upload.createdAt) fields.push(["created_at", upload.createdAt]);
    fields.push(
      ["profile_content_type", upload.contentType],
      ["labels", "[]"],
      ["tags", JSON.stringify(upload.tags ?? [])],
      ["metadatas", JSON.stringify(upload.metadatas ?? [])],
      ["sync_parsing", upload.syncParsing ? "1" : "0"],
      ["sync_parsing_indexing", "1"],
      ["webhook_parsing_sending", "0"],
    );
    const { body, contentType } = multipartBody(fields, {
      field: "file",
      fileName: upload.fileName,
      contentType: upload.contentType,
      bytes: upload.file,
    });
    const res = await this.#call(
      this.raw.POST("/profile/parsing/file", {
        body: body as never,
        bodySerializer: (b: unknown) => b as Uint8Array<ArrayBuffer>,
        headers: { "Content-Type": contentType },
      }),
    );
    const data = res.data as { profile?: ApiProfile } | undefined;
    return data?.profile ?? null;
  }

  /** POST /text/parsing: one parsing per text. */
  async parseTexts(texts: string[]): Promise<ApiTextParsing[]> {
    return (await this.#call(this.raw.POST("/text/parsing", { body: { texts } }))).data;
  }
}

/** A client for one credential: base URL from the run (or env), the core HTTP policy, HrFlow's headers. */
export function createHrFlowClient(auth: HrFlowAuth, ctx: ClientContext = {}): HrFlowClient {
  const raw = hrflow.client({ ...ctx, auth });
  raw.use(envelopeErrors(new Redactor([auth.api_secret])));
  return new HrFlowClient(raw);
}

/**
 * HrFlow sometimes answers HTTP 200 with an envelope whose `code` says it failed (e.g. 400): that
 * is an error too. Runs after core's status check, so it only sees 2xx answers.
 */
function envelopeErrors(redactor: Redactor): Middleware {
  return {
    async onResponse({ request, response }) {
      if (!response.ok || !(response.headers.get("content-type") ?? "").includes("json")) return undefined;
      // Shares the policy's parse of the body (no second decode and parse per call); undefined when
      // it is not JSON, which the policy already refused on a 2xx.
      const envelope = await peekJson(response);
      const code = (envelope as Envelope | undefined)?.code;
      if (typeof code !== "number" || code < 400) return undefined;
      const text = await peekText(response);
      throw hrflowError({
        vendor: HRFLOW_VENDOR,
        status: code,
        method: request.method,
        url: request.url,
        body: text,
        redactor,
        schemaPath: "",
        parsed: envelope,
      });
    },
  };
}
