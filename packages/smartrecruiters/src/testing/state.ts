import { FakeHttpError, Random } from "@hrflow-connectors/core/testing";
import type { SmartRecruitersCandidate, SmartRecruitersJob } from "../objects.js";
import { generateCandidate, generateJob, smartRecruitersId } from "./data.js";

/** A candidate created through the API, as SmartRecruiters received it. */
export interface CreatedCandidate {
  /** The job applied to, or null for the talent pool. */
  jobId: string | null;
  body: Record<string, unknown>;
  candidate: SmartRecruitersCandidate;
}

const JOB_SUMMARY = [
  "id",
  "title",
  "refNumber",
  "status",
  "postingStatus",
  "createdOn",
  "updatedOn",
] as const;
const CANDIDATE_SUMMARY = [
  "id",
  "firstName",
  "lastName",
  "email",
  "phoneNumber",
  "createdOn",
  "updatedOn",
] as const;
const DEFAULT_PAGE = 10;

function pick<T extends object>(item: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, (item as Record<string, unknown>)[k] ?? null])) as Partial<T>;
}

/** Parses `updatedAfter` as SmartRecruiters does: ISO 8601 or a 400. */
function parseTime(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new FakeHttpError(400, `invalid updatedAfter '${value}'`);
  return ms;
}

/** The page size of a list call: 1 to 100, 10 when absent. */
function pageSize(q: URLSearchParams): number {
  if (!q.has("limit")) return DEFAULT_PAGE;
  const n = Number(q.get("limit"));
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new FakeHttpError(400, "limit must be between 1 and 100");
  return n;
}

/** An opaque page id: the last id of the previous page. */
const encode = (id: string) => Buffer.from(id, "utf8").toString("base64url");
function decode(pageId: string): string {
  const id = Buffer.from(pageId, "base64url").toString("utf8");
  if (!id) throw new FakeHttpError(400, "invalid pageId");
  return id;
}

/**
 * The fake's data: jobs and candidates in id order (ids are fixed width, so id order is insertion
 * order), the applications of candidates to jobs, and what the API changed.
 */
export class FakeSmartRecruitersState {
  readonly jobs: SmartRecruitersJob[] = [];
  readonly candidates: SmartRecruitersCandidate[] = [];
  readonly created: CreatedCandidate[] = [];
  readonly updates: { id: string; body: Record<string, unknown> }[] = [];
  readonly deleted: string[] = [];
  /** Job ids each candidate applied to. */
  readonly applications = new Map<string, Set<string>>();
  #nextJob = 0;
  #nextCandidate = 0;
  #lastTime = 0;
  readonly #rnd: Random;

  constructor(seed: number) {
    this.#rnd = new Random(seed);
  }

  /** A strictly increasing "now", so every change is later than anything read before it. */
  now(): string {
    this.#lastTime = Math.max(Date.now(), this.#lastTime + 1);
    return new Date(this.#lastTime).toISOString();
  }

  seed(jobs: number, candidates: number): void {
    for (let i = 0; i < jobs; i++) this.addJob();
    for (let i = 0; i < candidates; i++) this.addCandidate();
  }

  job(id: string): SmartRecruitersJob | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  candidate(id: string): SmartRecruitersCandidate | undefined {
    return this.candidates.find((c) => c.id === id);
  }

  addJob(fields: Partial<SmartRecruitersJob> = {}): SmartRecruitersJob {
    const job = { ...generateJob(this.#rnd, this.#nextJob), ...fields };
    job.id = fields.id ?? smartRecruitersId("job", this.#nextJob);
    this.#nextJob++;
    this.jobs.push(job);
    return job;
  }

  /** Changes a job; its `updatedOn` becomes now. */
  updateJob(id: string, fields: Partial<SmartRecruitersJob>): SmartRecruitersJob {
    const job = this.job(id);
    if (!job) throw new Error(`no job ${id}`);
    Object.assign(job, fields, { updatedOn: this.now() });
    return job;
  }

  addCandidate(fields: Partial<SmartRecruitersCandidate> = {}): SmartRecruitersCandidate {
    const candidate = { ...generateCandidate(this.#rnd, this.#nextCandidate), ...fields };
    candidate.id = fields.id ?? smartRecruitersId("candidate", this.#nextCandidate);
    this.#nextCandidate++;
    this.candidates.push(candidate);
    return candidate;
  }

  /** Changes a candidate; its `updatedOn` becomes now. */
  updateCandidate(id: string, fields: Partial<SmartRecruitersCandidate>): SmartRecruitersCandidate {
    const candidate = this.candidate(id);
    if (!candidate) throw new FakeHttpError(404, `Candidate ${id} not found`);
    Object.assign(candidate, fields, { updatedOn: this.now() });
    return candidate;
  }

  /** One page of job summaries, filtered as `GET /jobs` filters them. */
  listJobs(q: URLSearchParams): {
    content: Partial<SmartRecruitersJob>[];
    nextPageId?: string;
    totalFound: number;
  } {
    const text = q.get("q")?.toLowerCase();
    const after = q.has("updatedAfter") ? parseTime(q.get("updatedAfter")!) : null;
    const posting = q.get("postingStatus");
    const status = q.get("status");
    return this.#page(
      this.jobs,
      q,
      (j) =>
        (!text || (j.title ?? "").toLowerCase().includes(text)) &&
        (after === null || Date.parse(j.updatedOn ?? "") > after) &&
        (!posting || j.postingStatus === posting) &&
        (!status || j.status === status),
      JOB_SUMMARY,
    );
  }

  /** One page of candidate summaries, filtered as `GET /candidates` filters them. */
  listCandidates(q: URLSearchParams): {
    content: Partial<SmartRecruitersCandidate>[];
    nextPageId?: string;
    totalFound: number;
  } {
    const text = q.get("q")?.toLowerCase();
    const after = q.has("updatedAfter") ? parseTime(q.get("updatedAfter")!) : null;
    const jobIds = q.getAll("jobId");
    const tags = q.getAll("tag");
    const statuses = q.getAll("status");
    const onboarding = q.get("onboardingStatus");
    return this.#page(
      this.candidates,
      q,
      (c) => {
        const applied = this.applications.get(c.id) ?? new Set<string>();
        const extra = c as { status?: string; onboardingStatus?: string };
        return (
          (!text || [c.firstName, c.lastName, c.email].some((v) => (v ?? "").toLowerCase().includes(text))) &&
          (after === null || Date.parse(c.updatedOn ?? "") > after) &&
          (jobIds.length === 0 || jobIds.some((j) => applied.has(j))) &&
          (tags.length === 0 || tags.some((t) => c.tags?.includes(t))) &&
          (statuses.length === 0 || statuses.includes(extra.status ?? "NEW")) &&
          (!onboarding || extra.onboardingStatus === onboarding)
        );
      },
      CANDIDATE_SUMMARY,
    );
  }

  /** Creates a candidate (in the talent pool, or applied to a job). */
  createCandidate(jobId: string | null, body: Record<string, unknown>): SmartRecruitersCandidate {
    if (jobId && !this.job(jobId)) throw new FakeHttpError(404, `Job ${jobId} not found`);
    for (const key of ["firstName", "lastName", "email"]) {
      if (typeof body[key] !== "string" || body[key] === "")
        throw new FakeHttpError(400, `${key} is required`);
    }
    const at = this.now();
    const id = smartRecruitersId("candidate", this.#nextCandidate++);
    const { id: _ignored, ...fields } = body;
    const candidate = { ...(fields as Partial<SmartRecruitersCandidate>), id, createdOn: at, updatedOn: at };
    this.candidates.push(candidate);
    if (jobId) this.applications.set(id, new Set([jobId]));
    this.created.push({ jobId, body, candidate });
    return candidate;
  }

  /** Sets the fields of a PATCH body on a candidate. */
  patchCandidate(id: string, body: Record<string, unknown>): SmartRecruitersCandidate {
    const { id: _ignored, ...fields } = body;
    const candidate = this.updateCandidate(id, fields as Partial<SmartRecruitersCandidate>);
    this.updates.push({ id, body });
    return candidate;
  }

  deleteCandidate(id: string): void {
    const i = this.candidates.findIndex((c) => c.id === id);
    if (i < 0) throw new FakeHttpError(404, `Candidate ${id} not found`);
    this.candidates.splice(i, 1);
    this.applications.delete(id);
    this.deleted.push(id);
  }

  /** A page of matching items after the page id's item (ids are in list order). */
  #page<T extends { id: string }>(
    items: readonly T[],
    q: URLSearchParams,
    keep: (item: T) => boolean,
    fields: readonly string[],
  ): { content: Partial<T>[]; nextPageId?: string; totalFound: number } {
    const size = pageSize(q);
    const from = q.has("pageId") ? decode(q.get("pageId")!) : null;
    const matching = items.filter(keep);
    const rest = from === null ? matching : matching.filter((i) => i.id > from);
    const page = rest.slice(0, size);
    const more = rest.length > size;
    return {
      content: page.map((i) => pick(i, fields)),
      totalFound: matching.length,
      ...(more ? { nextPageId: encode(page.at(-1)!.id) } : {}),
    };
  }
}
