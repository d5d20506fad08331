import { FakeHttpError, Random } from "@hrflow-connectors/core/testing";
import {
  JOB_DESCRIPTION_FIELDS,
  type WorkableCandidate,
  type WorkableJob,
  type WorkableListedCandidate,
} from "../objects.js";
import { generateCandidate, generateJob, workableId } from "./data.js";

/** A candidate created through the API, as Workable received it. */
export interface CreatedCandidate {
  via: "job" | "talent_pool";
  shortcode: string | null;
  stage: string | null;
  sourced: boolean;
  body: Record<string, unknown>;
  candidate: WorkableCandidate;
}

// The fields Workable's list carries (`CandidateSummary` in openapi.yaml); `satisfies` keeps them in it.
const LIST_CANDIDATE_FIELDS = [
  "id",
  "name",
  "firstname",
  "lastname",
  "headline",
  "account",
  "job",
  "stage",
  "disqualified",
  "disqualification_reason",
  "sourced",
  "profile_url",
  "email",
  "domain",
  "created_at",
  "updated_at",
  "hired_at",
  "address",
  "phone",
] as const satisfies readonly (keyof WorkableListedCandidate)[];

/** Parses a Workable time filter: ISO 8601, compact ISO (20150708T115616Z) or Unix seconds. */
export function parseTime(value: string): number {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const c = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const ms = c ? Date.UTC(+c[1]!, +c[2]! - 1, +c[3]!, +c[4]!, +c[5]!, +c[6]!) : Date.parse(value);
  if (Number.isNaN(ms)) throw new FakeHttpError(400, `invalid timestamp '${value}'`);
  return ms;
}

/**
 * The fake's data: jobs and candidates in insertion order, plus what the API changed. Both lists
 * are indexed (jobs by shortcode, candidates by id, each by its position), so a detail costs
 * O(1) and a page O(page size), however many items are stored: at 100k jobs the fake must not be
 * what a benchmark measures.
 */
export class FakeWorkableState {
  readonly jobs: WorkableJob[] = [];
  readonly candidates: WorkableCandidate[] = [];
  readonly #jobs = new Indexed(this.jobs, (j) => j.shortcode);
  readonly #candidates = new Indexed(this.candidates, (c) => c.id);
  readonly created: CreatedCandidate[] = [];
  readonly updates: { id: string; body: Record<string, unknown> }[] = [];
  #nextJob = 0;
  #nextCandidate = 0;
  #lastTime = 0;
  readonly #rnd: Random;

  constructor(
    seed: number,
    readonly origin: () => string,
  ) {
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

  addJob(fields: Partial<WorkableJob> = {}): WorkableJob {
    return this.#jobs.add({ ...generateJob(this.#rnd, this.#nextJob++, this.origin()), ...fields });
  }

  /** Changes a job as a recruiter would; `updated_at` moves to now. */
  updateJob(shortcode: string, fields: Partial<WorkableJob>): WorkableJob {
    return this.#change(this.job(shortcode), `job ${shortcode}`, fields);
  }

  addCandidate(fields: Partial<WorkableCandidate> = {}): WorkableCandidate {
    const generated = generateCandidate(this.#rnd, this.#nextCandidate++, this.jobs, this.origin());
    return this.#candidates.add({ ...generated, ...fields });
  }

  /** Changes a candidate as a recruiter would; `updated_at` moves to now. */
  updateCandidate(id: string, fields: Partial<WorkableCandidate>): WorkableCandidate {
    return this.#change(this.candidate(id), `candidate ${id}`, fields);
  }

  #change<T extends object>(item: T | undefined, what: string, fields: Partial<T>): T {
    if (!item) throw new Error(`fake Workable: no ${what}`);
    return Object.assign(item, fields, { updated_at: this.now() });
  }

  job(shortcode: string): WorkableJob | undefined {
    return this.#jobs.get(shortcode);
  }

  candidate(id: string): WorkableCandidate | undefined {
    return this.#candidates.get(id);
  }

  /** One page of `GET /jobs` with the filters applied strictly (greater/less than). */
  listJobs(q: URLSearchParams): { items: WorkableJob[]; more: boolean } {
    const state = q.get("state");
    if (state && !["draft", "published", "archived", "closed"].includes(state)) {
      throw new FakeHttpError(400, `invalid state '${state}'`);
    }
    // Like Workable, the list leaves the long texts out unless `include_fields` names them.
    const include = new Set((q.get("include_fields") ?? "").split(",").filter(Boolean));
    const { page, more } = this.#jobs.page(q, (j) => !state || j.state === state);
    const items = page.map((j) => {
      const copy: Record<string, unknown> = { ...j };
      for (const f of JOB_DESCRIPTION_FIELDS) if (!include.has(f)) delete copy[f];
      return copy as unknown as WorkableJob;
    });
    return { items, more };
  }

  /** One page of `GET /candidates` (list fields only). */
  listCandidates(q: URLSearchParams): { items: WorkableListedCandidate[]; more: boolean } {
    const email = q.get("email");
    const shortcode = q.get("shortcode");
    const stage = q.get("stage");
    const { page, more } = this.#candidates.page(
      q,
      (c) =>
        (!email || c.email?.toLowerCase() === email.toLowerCase()) &&
        (!shortcode || c.job?.shortcode === shortcode) &&
        (!stage || c.stage?.toLowerCase() === stage.toLowerCase()),
    );
    const items = page.map(
      (c) =>
        Object.fromEntries(LIST_CANDIDATE_FIELDS.map((f) => [f, c[f] ?? null])) as WorkableListedCandidate,
    );
    return { items, more };
  }

  /** `POST /jobs/{shortcode}/candidates` or `POST /talent_pool/candidates`. */
  createCandidate(
    shortcode: string | null,
    stage: string | null,
    body: Record<string, unknown>,
  ): WorkableCandidate {
    const job = shortcode ? this.job(shortcode) : null;
    if (shortcode && !job) throw new FakeHttpError(404, `Job ${shortcode} not found`);
    const input = requireCandidate(body);
    if (typeof input.email !== "string" || !input.email)
      throw new FakeHttpError(422, "candidate.email is required");
    checkEntries(input);
    const sourced = body.sourced !== false;
    const now = this.now();
    const id = workableId(0x800000 + this.#nextCandidate++);
    const candidate: WorkableCandidate = {
      ...(input as Partial<WorkableCandidate>),
      id,
      name: (input.name as string) ?? [input.firstname, input.lastname].filter(Boolean).join(" "),
      job: job ? { shortcode: job.shortcode, title: job.title } : undefined,
      stage: stage ?? (sourced ? "Sourced" : "Applied"),
      sourced,
      skills: toSkills(input.skills),
      created_at: now,
      updated_at: now,
    };
    this.#candidates.add(candidate);
    this.created.push({ via: job ? "job" : "talent_pool", shortcode, stage, sourced, body, candidate });
    return candidate;
  }

  /** `PATCH /candidates/{id}`: listed keys replace, absent keys stay. */
  patchCandidate(id: string, body: Record<string, unknown>): WorkableCandidate {
    const c = this.candidate(id);
    if (!c) throw new FakeHttpError(404, `Candidate ${id} not found`);
    const input = requireCandidate(body);
    checkEntries(input);
    const changes: Record<string, unknown> = { ...input };
    if ("skills" in input) changes.skills = toSkills(input.skills);
    Object.assign(c, changes, { updated_at: this.now() });
    this.updates.push({ id, body });
    return c;
  }
}

/** Epoch ms of a Workable time; a missing or unreadable one is never "after" anything. */
const timeOf = (v: string | null | undefined) => Date.parse(v ?? "");

/**
 * A list in insertion order with an index by key and by position. Ids grow with insertion (fixed
 * width, so text order is insertion order), which lets `since_id` start a page by binary search
 * instead of a scan; an id added out of order turns that off and the page falls back to a scan.
 */
class Indexed<T extends { id: string; created_at?: string | null; updated_at?: string | null }> {
  readonly #byKey = new Map<string, T>();
  #ordered = true;

  constructor(
    readonly items: T[],
    readonly keyOf: (item: T) => string,
  ) {}

  add(item: T): T {
    const last = this.items.at(-1);
    if (last && !(item.id > last.id)) this.#ordered = false;
    this.items.push(item);
    if (!this.#byKey.has(this.keyOf(item))) this.#byKey.set(this.keyOf(item), item);
    return item;
  }

  get(key: string): T | undefined {
    return this.#byKey.get(key);
  }

  /**
   * One page of items after `since_id` and before `max_id` (strictly), created and updated after
   * the given times, matching `keep`: it walks only from the first candidate to the page's end.
   */
  page(q: URLSearchParams, keep: (item: T) => boolean): { page: T[]; more: boolean } {
    const limit = q.has("limit") ? Number(q.get("limit")) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new FakeHttpError(400, "limit must be an integer between 1 and 100");
    }
    const since = q.get("since_id");
    const max = q.get("max_id");
    const createdAfter = q.has("created_after") ? parseTime(q.get("created_after")!) : null;
    const updatedAfter = q.has("updated_after") ? parseTime(q.get("updated_after")!) : null;
    const page: T[] = [];
    for (let i = since && this.#ordered ? this.#after(since) : 0; i < this.items.length; i++) {
      const item = this.items[i]!;
      if (max && !(item.id < max)) {
        if (this.#ordered) break;
        continue;
      }
      if (since && !(item.id > since)) continue;
      if (createdAfter !== null && !(timeOf(item.created_at) > createdAfter)) continue;
      if (updatedAfter !== null && !(timeOf(item.updated_at ?? item.created_at) > updatedAfter)) continue;
      if (!keep(item)) continue;
      // One match beyond the page is enough to know there is a next one.
      if (page.length === limit) return { page, more: true };
      page.push(item);
    }
    return { page, more: false };
  }

  /** The position of the first item whose id is greater than `id`. */
  #after(id: string): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.id > id) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function requireCandidate(body: Record<string, unknown>): Record<string, unknown> {
  const c = body.candidate;
  if (!c || typeof c !== "object" || Array.isArray(c)) {
    throw new FakeHttpError(422, "the body must hold a candidate object: {candidate: {...}}");
  }
  return c as Record<string, unknown>;
}

function checkEntries(c: Record<string, unknown>): void {
  const each = (key: string, required: string[]) => {
    const list = c[key];
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new FakeHttpError(422, `candidate.${key} must be a list`);
    list.forEach((e, i) => {
      for (const r of required) {
        if (!e || typeof e[r] !== "string" || !e[r])
          throw new FakeHttpError(422, `candidate.${key}[${i}].${r} is required`);
      }
    });
  };
  each("education_entries", ["school"]);
  each("experience_entries", ["title"]);
  each("social_profiles", ["type", "url"]);
  if (c.skills !== undefined && (!Array.isArray(c.skills) || c.skills.some((s) => typeof s !== "string"))) {
    throw new FakeHttpError(422, "candidate.skills must be a list of strings");
  }
}

function toSkills(skills: unknown): { name: string }[] {
  return Array.isArray(skills) ? skills.map((name) => ({ name: String(name) })) : [];
}
