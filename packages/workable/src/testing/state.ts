import { FakeHttpError, Random } from "@hrflow-connectors/core/testing";
import { JOB_DESCRIPTION_FIELDS, type WorkableCandidate, type WorkableJob } from "../objects.js";
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
] as const;

/** Parses a Workable time filter: ISO 8601, compact ISO (20150708T115616Z) or Unix seconds. */
export function parseTime(value: string): number {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const c = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const ms = c ? Date.UTC(+c[1]!, +c[2]! - 1, +c[3]!, +c[4]!, +c[5]!, +c[6]!) : Date.parse(value);
  if (Number.isNaN(ms)) throw new FakeHttpError(400, `invalid timestamp '${value}'`);
  return ms;
}

/** The fake's data: jobs and candidates in insertion order, plus what the API changed. */
export class FakeWorkableState {
  readonly jobs: WorkableJob[] = [];
  readonly candidates: WorkableCandidate[] = [];
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
    return added(this.jobs, { ...generateJob(this.#rnd, this.#nextJob++, this.origin()), ...fields });
  }

  /** Changes a job as a recruiter would; `updated_at` moves to now. */
  updateJob(shortcode: string, fields: Partial<WorkableJob>): WorkableJob {
    return this.#change(this.job(shortcode), `job ${shortcode}`, fields);
  }

  addCandidate(fields: Partial<WorkableCandidate> = {}): WorkableCandidate {
    const generated = generateCandidate(this.#rnd, this.#nextCandidate++, this.jobs, this.origin());
    return added(this.candidates, { ...generated, ...fields });
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
    return this.jobs.find((j) => j.shortcode === shortcode);
  }

  candidate(id: string): WorkableCandidate | undefined {
    return this.candidates.find((c) => c.id === id);
  }

  /** One page of `GET /jobs` with the filters applied strictly (greater/less than). */
  listJobs(q: URLSearchParams): { items: WorkableJob[]; more: boolean } {
    const state = q.get("state");
    if (state && !["draft", "published", "archived", "closed"].includes(state)) {
      throw new FakeHttpError(400, `invalid state '${state}'`);
    }
    const include = new Set((q.get("include_fields") ?? "").split(",").filter(Boolean));
    const matches = filterCommon(this.jobs, q).filter((j) => !state || j.state === state);
    const { page, more } = paginate(matches, q);
    const items = page.map((j) => {
      const copy: Record<string, unknown> = { ...j };
      for (const f of JOB_DESCRIPTION_FIELDS) if (!include.has(f)) delete copy[f];
      return copy as unknown as WorkableJob;
    });
    return { items, more };
  }

  /** One page of `GET /candidates` (list fields only). */
  listCandidates(q: URLSearchParams): { items: WorkableCandidate[]; more: boolean } {
    const email = q.get("email");
    const shortcode = q.get("shortcode");
    const stage = q.get("stage");
    const matches = filterCommon(this.candidates, q).filter(
      (c) =>
        (!email || c.email?.toLowerCase() === email.toLowerCase()) &&
        (!shortcode || c.job?.shortcode === shortcode) &&
        (!stage || c.stage?.toLowerCase() === stage.toLowerCase()),
    );
    const { page, more } = paginate(matches, q);
    const items = page.map(
      (c) => Object.fromEntries(LIST_CANDIDATE_FIELDS.map((f) => [f, c[f] ?? null])) as WorkableCandidate,
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
    this.candidates.push(candidate);
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

function added<T>(list: T[], item: T): T {
  list.push(item);
  return item;
}

function filterCommon<T extends { id: string; created_at?: string; updated_at?: string }>(
  items: T[],
  q: URLSearchParams,
): T[] {
  const since = q.get("since_id");
  const max = q.get("max_id");
  const createdAfter = q.has("created_after") ? parseTime(q.get("created_after")!) : null;
  const updatedAfter = q.has("updated_after") ? parseTime(q.get("updated_after")!) : null;
  return items.filter(
    (i) =>
      (!since || i.id > since) &&
      (!max || i.id < max) &&
      (createdAfter === null || Date.parse(i.created_at ?? "") > createdAfter) &&
      (updatedAfter === null || Date.parse(i.updated_at ?? i.created_at ?? "") > updatedAfter),
  );
}

function paginate<T>(items: T[], q: URLSearchParams): { page: T[]; more: boolean } {
  const limit = q.has("limit") ? Number(q.get("limit")) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new FakeHttpError(400, "limit must be an integer between 1 and 100");
  }
  return { page: items.slice(0, limit), more: items.length > limit };
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
