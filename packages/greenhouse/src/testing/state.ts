import { FakeHttpError, IdIndex, Random } from "@hrflow-connectors/core/testing";
import type {
  GreenhouseApplication,
  GreenhouseAttachment,
  GreenhouseBoardJob,
  GreenhouseCandidateRecord,
  GreenhouseEducation,
  GreenhouseEmployment,
  GreenhouseJobRecord,
} from "../objects.js";
import { DEPARTMENTS, generateCandidate, generateJob, OFFICES } from "./data.js";

type Row = { id?: unknown; [k: string]: unknown };

/** The list filters each route accepts (anything else is a 400, as a cursor with company). */
export const FILTERS: Record<string, readonly string[]> = {
  "/jobs": [
    "ids",
    "created_at",
    "updated_at",
    "status",
    "requisition_id",
    "opening_id",
    "department_id",
    "external_department_id",
    "office_id",
    "external_office_id",
    "custom_field_option_id",
  ],
  "/departments": [],
  "/offices": [],
  "/candidates": ["ids", "created_at", "updated_at", "email"],
  "/candidate_educations": ["candidate_ids"],
  "/candidate_employments": ["candidate_ids"],
  "/attachments": ["candidate_ids"],
  "/applications": ["candidate_ids", "job_id", "status"],
};

const OPERATORS = {
  gte: (a: number, b: number) => a >= b,
  gt: (a: number, b: number) => a > b,
  lte: (a: number, b: number) => a <= b,
  lt: (a: number, b: number) => a < b,
};

/** An operator-prefixed time filter (`gte|2026-01-01T00:00:00Z`) as a predicate; 400 when malformed. */
function timeFilter(name: string, value: string): (row: Row) => boolean {
  const m = /^(gte|gt|lte|lt)\|(.+)$/.exec(value);
  const at = m ? Date.parse(m[2]!) : Number.NaN;
  if (!m || Number.isNaN(at)) {
    throw new FakeHttpError(400, `${name} must be an operator (gte, gt, lte, lt), '|' and an ISO 8601 time`);
  }
  const op = OPERATORS[m[1] as keyof typeof OPERATORS];
  return (row) => typeof row[name] === "string" && op(Date.parse(row[name] as string), at);
}

function idList(name: string, value: string): Set<string> {
  const ids = value.split(",").map((s) => s.trim());
  if (ids.length > 50 || ids.some((id) => !/^\d+$/.test(id))) {
    throw new FakeHttpError(400, `${name} takes at most 50 comma-separated numeric ids`);
  }
  return new Set(ids);
}

/** The in-memory records of the fake Harvest v3, and the filtering its list routes apply. */
export class FakeGreenhouseState {
  readonly jobs: GreenhouseJobRecord[] = [];
  readonly candidates: GreenhouseCandidateRecord[] = [];
  readonly #candidateIds = new IdIndex<GreenhouseCandidateRecord>((c) => c.id);
  readonly educations: GreenhouseEducation[] = [];
  readonly employments: GreenhouseEmployment[] = [];
  readonly attachments: GreenhouseAttachment[] = [];
  readonly applications: GreenhouseApplication[] = [];
  /** Every write received: route, acting user (the token's sub) and body. */
  readonly writes: { route: string; id?: string; actingUser: string; body: unknown }[] = [];
  readonly #rng: Random;
  #nextId = 50_000;

  constructor(
    seed: number,
    readonly origin: () => string,
  ) {
    this.#rng = new Random(seed);
  }

  seed(jobs: number, candidates: number): void {
    for (let n = 0; n < jobs; n++) this.jobs.push(generateJob(this.#rng, n));
    const open = this.jobs.map((j) => Number(j.id));
    for (let n = 0; n < candidates; n++) {
      const g = generateCandidate(this.#rng, n, open);
      this.candidates.push(g.candidate);
      this.educations.push(...g.educations);
      this.employments.push(...g.employments);
      for (const a of g.attachments)
        this.attachments.push({ ...a, url: `${this.origin()}/files/${a.filename}` });
      this.applications.push(...g.applications);
    }
  }

  /** The rows of a list route matching `query` (validated), in id order. */
  list(route: string, query: URLSearchParams): Row[] {
    const allowed = FILTERS[route];
    if (!allowed) throw new FakeHttpError(404, `no route GET ${route}`);
    for (const key of query.keys()) {
      if (key !== "per_page" && !allowed.includes(key)) {
        throw new FakeHttpError(400, `unknown filter '${key}' for ${route}`);
      }
    }
    if (query.has("created_at") && query.has("updated_at")) {
      throw new FakeHttpError(422, "created_at and updated_at cannot be combined");
    }
    const tests: ((row: Row) => boolean)[] = [];
    for (const [key, value] of query) {
      if (key === "per_page") continue;
      if (key === "created_at" || key === "updated_at") tests.push(timeFilter(key, value));
      else if (key === "ids") {
        const ids = idList(key, value);
        tests.push((r) => ids.has(String(r.id)));
      } else if (key === "candidate_ids") {
        const ids = idList(key, value);
        tests.push((r) => ids.has(String(r.candidate_id)));
      } else if (key === "email") {
        const email = value.toLowerCase();
        tests.push((r) =>
          ((r.email_addresses as { value?: string }[] | null) ?? []).some(
            (e) => e.value?.toLowerCase() === email,
          ),
        );
      } else tests.push((r) => String(r[key]) === value);
    }
    return this.#rows(route).filter((r) => tests.every((t) => t(r)));
  }

  #rows(route: string): Row[] {
    const rows: Record<string, Row[]> = {
      "/jobs": this.jobs,
      "/departments": DEPARTMENTS,
      "/offices": OFFICES,
      "/candidates": this.candidates,
      "/candidate_educations": this.educations,
      "/candidate_employments": this.employments,
      "/attachments": this.attachments,
      "/applications": this.applications,
    };
    return rows[route] ?? [];
  }

  candidate(id: string): GreenhouseCandidateRecord | undefined {
    return this.#candidateIds.find(this.candidates, id);
  }

  addCandidate(fields: Partial<GreenhouseCandidateRecord> = {}): GreenhouseCandidateRecord {
    const now = new Date().toISOString();
    const candidate = {
      id: this.#nextId++,
      created_at: now,
      updated_at: now,
      ...fields,
    } as GreenhouseCandidateRecord;
    this.candidates.push(candidate);
    return candidate;
  }

  /** Changes a candidate; its `updated_at` becomes now. */
  updateCandidate(id: string, fields: Partial<GreenhouseCandidateRecord>): GreenhouseCandidateRecord {
    const c = this.candidate(id);
    if (!c) throw new FakeHttpError(404, `Candidate ${id} not found`);
    Object.assign(c, fields, { updated_at: new Date().toISOString() });
    return c;
  }

  addApplication(candidateId: number, jobId: number): GreenhouseApplication {
    if (!this.jobs.some((j) => Number(j.id) === jobId))
      throw new FakeHttpError(422, `Job ${jobId} not found`);
    const application: GreenhouseApplication = {
      id: this.#nextId++,
      candidate_id: candidateId,
      job_id: jobId,
      status: "active",
      prospect: false,
      applied_at: new Date().toISOString(),
    };
    this.applications.push(application);
    return application;
  }

  deleteCandidate(id: string): void {
    const i = this.#candidateIds.indexOf(this.candidates, id);
    if (i < 0) throw new FakeHttpError(404, `Candidate ${id} not found`);
    this.candidates.splice(i, 1);
  }

  /** The published posts of the public job board (open jobs), content entity-escaped as Greenhouse sends it. */
  boardJobs(): GreenhouseBoardJob[] {
    return this.jobs
      .filter((j) => j.status === "open")
      .map((j) => ({
        id: j.id,
        internal_job_id: Number(j.id),
        title: j.name ?? null,
        absolute_url: `${this.origin()}/jobs/${j.id}`,
        updated_at: j.updated_at ?? null,
        requisition_id: j.requisition_id ?? null,
        content: j.notes ? j.notes.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : null,
        location: { name: OFFICES.find((o) => o.id === j.office_ids?.[0])?.location?.name ?? null },
        departments: DEPARTMENTS.filter((d) => d.id === j.department_id),
        offices: OFFICES.filter((o) => j.office_ids?.includes(o.id)).map((o) => ({
          id: o.id,
          name: o.name ?? null,
          location: o.location?.name ?? null,
        })),
      }));
  }
}
