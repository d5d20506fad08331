import { HttpError, type Logger, type VendorClient } from "@hrflow-connectors/core";
import {
  type ClientContext,
  type DownloadedFile,
  paginateOffset,
  readDownloadedFile,
} from "@hrflow-connectors/core/http";
import { readRecords } from "./frames.js";
import type { paths } from "./generated/talentsoft.js";
import type { TalentSoftAttachment, TalentSoftCandidate, TalentSoftVacancy } from "./objects.js";
import type { TalentSoftCredentials } from "./schemas.js";
import { type Office, officeCredential, talentsoft } from "./vendor.js";
import type { ZipArchive } from "./zip.js";

export { type Office, TOKEN_SCOPE } from "./vendor.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.talentsoft`, `http.rateLimits.talentsoft`). */
export const TALENTSOFT_VENDOR = talentsoft.key;
/** The default limit per tenant and client id (see `talentsoft`); override with `http.rateLimits.talentsoft`. */
export const TALENTSOFT_RATE_LIMIT = talentsoft.rateLimit;
/** The largest export page TalentSoft serves. */
export const TALENTSOFT_PAGE_SIZE = 100;

export type ApplicationBody = Record<string, unknown>;
export type ReportItem = {
  id: string;
  date: string | null;
  lastUpdateDate: string | null;
  status: "success";
};

/** A TalentSoft client for one tenant and one office, through the shared HTTP policy. */
export class TalentSoftClient {
  readonly api: VendorClient<paths>;
  readonly baseUrl: string;
  readonly #logger: Logger | undefined;

  constructor(ctx: ClientContext, credentials: TalentSoftCredentials, office: Office) {
    this.api = talentsoft.client({ ...ctx, auth: credentials }, { credential: officeCredential(office) });
    this.baseUrl = this.api.baseUrl;
    this.#logger = ctx.logger;
  }

  /** Gets this office's token (a live one may be reused): proves the credentials, creates nothing. */
  async signIn(): Promise<void> {
    await this.api.signIn();
  }

  /** Vacancies page by page until an empty page, at most `max` of them. */
  async *vacancies(query: { filter?: string | null; q?: string | null }, max: number) {
    const limit = Math.max(1, Math.min(TALENTSOFT_PAGE_SIZE, max));
    let yielded = 0;
    for await (const record of this.#records("/api/exports/v1/vacancies", query, limit)) {
      const detail = jsonEntry(record, "offerdetail") as { offerDetail?: unknown };
      if (!detail || typeof detail.offerDetail !== "object" || detail.offerDetail === null) {
        throw new Error("TalentSoft vacancies export record has no offerDetail");
      }
      yield detail.offerDetail as TalentSoftVacancy;
      if (++yielded >= max) return;
    }
  }

  /**
   * Candidates page by page until an empty page, each with its attachments' bytes. With `fileId`,
   * only that attachment is kept when the candidate has it (all are kept otherwise).
   */
  async *candidates(
    query: { filter?: string | null; attachmenttype?: "resume" },
    fileId: string | null = null,
  ): AsyncGenerator<TalentSoftCandidate> {
    for await (const record of this.#records("/api/exports/v1/candidates", query, TALENTSOFT_PAGE_SIZE)) {
      const candidate = jsonEntry(record, "applicantdetail") as TalentSoftCandidate;
      if (!candidate || typeof candidate !== "object" || typeof candidate.candidateDetail !== "object") {
        throw new Error("TalentSoft candidates export record has no candidateDetail");
      }
      let attachments = Array.isArray(candidate.attachments) ? candidate.attachments : [];
      const match = fileId ? attachments.find((a) => a.id === fileId) : undefined;
      if (match) attachments = [match];
      candidate.attachments = attachments.map((a) => this.#withBytes(record, a, candidate));
      yield candidate;
    }
  }

  /** Tells TalentSoft which exported candidates were handled (`POST /api/exports/v1/reports`). */
  async report(items: ReportItem[]): Promise<void> {
    await this.api.POST("/api/exports/v1/reports", {
      body: { reportType: "Candidates", items },
      parseAs: "text",
    });
  }

  /** Creates an applicant and its application with the resume (front office); 201 is the only success. */
  async createApplication(
    body: ApplicationBody,
    file: { name: string; type: string; bytes: Uint8Array },
    jobReference: string | null,
  ): Promise<void> {
    const form = new FormData();
    form.set("applicantApplication", JSON.stringify(body));
    form.set("cv_file_id", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
    const res = await this.api.POST("/api/v2/applicants/applicationswithoutaccount", {
      params: {
        header: { "Accept-Language": "fr-FR", ...(jobReference ? { jobAdReference: jobReference } : {}) },
      },
      body: form as never,
      bodySerializer: (b) => b as unknown as FormData,
      parseAs: "text",
    });
    if (res.response.status !== 201) {
      throw new HttpError({
        vendor: TALENTSOFT_VENDOR,
        status: res.response.status,
        method: "POST",
        url: res.response.url,
        body: `expected HTTP 201, got ${res.response.status}`,
      });
    }
  }

  /** Downloads a file (e.g. an HrFlow attachment's public URL) without TalentSoft credentials. */
  async download(url: string): Promise<DownloadedFile> {
    return readDownloadedFile(await this.api.fetchFile(url), url, "file");
  }

  #records(
    path: "/api/exports/v1/vacancies" | "/api/exports/v1/candidates",
    query: Record<string, string | null | undefined>,
    limit: number,
  ): AsyncGenerator<ZipArchive> {
    const extra = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== null && v !== undefined));
    return paginateOffset(async (offset) => {
      const res = await this.api.GET(path, {
        params: { query: { offset, limit, ...extra } as never },
        parseAs: "arrayBuffer",
      });
      const body = new Uint8Array(res.data ?? new ArrayBuffer(0));
      const records = readRecords(body);
      if (offset === 0 && records.length === 0) this.#logger?.info(`TalentSoft ${path}: nothing to export`);
      // Only an empty page ends the export: a short page may still be followed by more.
      return { items: records, hasNext: records.length > 0 };
    }, limit);
  }

  #withBytes(record: ZipArchive, a: TalentSoftAttachment, c: TalentSoftCandidate): TalentSoftAttachment {
    const raw = typeof a.id === "string" ? record.read(a.id) : null;
    if (raw === null) {
      this.#logger?.warn(
        `TalentSoft candidate ${c.candidateDetail.id}: attachment ${a.id} is not in the export`,
      );
    }
    return { ...a, raw };
  }
}

function jsonEntry(record: ZipArchive, name: string): unknown {
  const text = record.text(name);
  if (text === null) throw new Error(`TalentSoft export record has no '${name}' entry`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`TalentSoft export entry '${name}' is not JSON`);
  }
}

/** A client for a read or write context and the TalentSoft credentials. */
export function createTalentSoftClient(
  ctx: ClientContext,
  credentials: TalentSoftCredentials,
  office: Office = "back",
): TalentSoftClient {
  return new TalentSoftClient(ctx, credentials, office);
}
