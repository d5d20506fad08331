import { randomBytes } from "node:crypto";
import { FakeHttpError } from "@hrflow-connectors/core/testing";
import { frameRecords } from "../frames.js";
import { type FakeAttachment, makeAttachments, makeCandidate, makeVacancy } from "./data.js";
import { parseFilter } from "./filter.js";
import { writeZip } from "./zip-writer.js";

/** A stored candidate: its `applicantdetail` and its files. */
export interface FakeCandidate {
  detail: Record<string, any>;
  files: FakeAttachment[];
}

/** An application the front office received. */
export interface ReceivedApplication {
  body: Record<string, any>;
  file: { name: string; type: string; bytes: Uint8Array } | null;
  jobAdReference: string | null;
  acceptLanguage: string | null;
}

/** An issued token. */
export interface IssuedToken {
  value: string;
  office: "back" | "front";
  scope: string | null;
  expiresAt: number;
  revoked: boolean;
}

const DEFAULT_MAX_PAGE = 100;

/** The fake's data and the rules its endpoints apply. */
export class FakeTalentSoftState {
  readonly vacancies: Record<string, any>[] = [];
  readonly candidates: FakeCandidate[] = [];
  readonly reports: { reportType: string; items: Record<string, unknown>[] }[] = [];
  readonly applications: ReceivedApplication[] = [];
  readonly tokens: IssuedToken[] = [];
  readonly files = new Map<string, { bytes: Uint8Array; type: string }>();

  constructor(readonly tokenLifetimeSeconds: number) {}

  seed(vacancies: number, candidates: number): void {
    for (let i = 1; i <= vacancies; i++) this.vacancies.push(makeVacancy(i));
    for (let i = 1; i <= candidates; i++)
      this.candidates.push({ detail: makeCandidate(i), files: makeAttachments(i) });
  }

  issue(office: "back" | "front", scope: string | null): IssuedToken {
    const token: IssuedToken = {
      value: `ts_${randomBytes(16).toString("hex")}`,
      office,
      scope,
      expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000,
      revoked: false,
    };
    this.tokens.push(token);
    return token;
  }

  /** The live token of an `Authorization: bearer <token>` header (any scheme casing), else a 401. */
  bearer(header: string | string[] | undefined): IssuedToken {
    const m = typeof header === "string" ? /^bearer\s+(\S+)$/i.exec(header) : null;
    const token = m ? this.tokens.find((t) => t.value === m[1]) : undefined;
    if (!token || token.revoked || Date.now() >= token.expiresAt) {
      throw new FakeHttpError(401, "Authorization has been denied for this request.");
    }
    return token;
  }

  /** A page of vacancies as TalentSoft frames it (empty body past the end). */
  exportVacancies(query: URLSearchParams): Uint8Array {
    const { offset, limit } = paging(query);
    const match = parseFilter<Record<string, any>>(query.get("filter"), {
      reference: (v) => v.reference,
      updateDate: (v) => v.modificationDate,
      chronoNumber: (v) => v.chronoNumber,
      vacancyStatus: (v) => v.status?.id,
    });
    const q = query.get("q")?.toLowerCase();
    const filtered = query.get("filter") || q;
    const page = pageOf(
      this.vacancies,
      offset,
      limit,
      filtered
        ? (v) =>
            match(v) &&
            (!q ||
              String(v.jobDescription?.title ?? "")
                .toLowerCase()
                .includes(q))
        : null,
    );
    return frameRecords(
      page.map((v) => writeZip([{ name: "offerdetail", data: JSON.stringify({ offerDetail: v }) }])),
    );
  }

  /** A page of candidates, each archive holding `applicantdetail` and one entry per attachment. */
  exportCandidates(query: URLSearchParams): Uint8Array {
    const { offset, limit } = paging(query);
    const type = query.get("attachmenttype");
    if (type !== null && type !== "resume") throw new FakeHttpError(400, `Unknown attachment type '${type}'`);
    const match = parseFilter<FakeCandidate>(query.get("filter"), {
      id: (c) => c.detail.candidateDetail?.id,
      email: (c) => c.detail.candidateDetail?.personalInformation?.email,
      updateDate: (c) => c.detail.candidateDetail?.updateDate,
      chronoNumber: (c) => c.detail.candidateDetail?.chronoNumber,
    });
    const page = pageOf(this.candidates, offset, limit, query.get("filter") ? match : null);
    return frameRecords(
      page.map((c) => {
        const files = type === "resume" ? c.files.filter((f) => f.isResume) : c.files;
        const attachments = files.map(({ bytes: _bytes, ...meta }) => meta);
        return writeZip([
          { name: "applicantdetail", data: JSON.stringify({ ...c.detail, attachments }) },
          ...files.map((f) => ({ name: f.id, data: f.bytes })),
        ]);
      }),
    );
  }
}

/**
 * Matches `offset` to `offset + limit`: without a filter a slice (O(limit)), with one a walk that
 * stops at the page's last match.
 */
function pageOf<T>(items: T[], offset: number, limit: number, match: ((item: T) => boolean) | null): T[] {
  if (!match) return items.slice(offset, offset + limit);
  const page: T[] = [];
  let seen = 0;
  for (let i = 0; i < items.length && page.length < limit; i++) {
    if (!match(items[i]!)) continue;
    if (seen++ >= offset) page.push(items[i]!);
  }
  return page;
}

function paging(query: URLSearchParams): { offset: number; limit: number } {
  if (!query.has("offset") || !query.has("limit"))
    throw new FakeHttpError(400, "offset and limit are required");
  const offset = Number(query.get("offset"));
  const limit = Number(query.get("limit"));
  if (!Number.isInteger(offset) || offset < 0)
    throw new FakeHttpError(400, "offset must be a non-negative integer");
  if (!Number.isInteger(limit) || limit < 1 || limit > DEFAULT_MAX_PAGE) {
    throw new FakeHttpError(400, `limit must be between 1 and ${DEFAULT_MAX_PAGE}`);
  }
  return { offset, limit };
}
