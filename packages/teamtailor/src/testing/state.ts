import { FakeHttpError, Random } from "@hrflow-connectors/core/testing";
import type { TeamtailorCandidate, TeamtailorJob, TeamtailorLocation } from "../objects.js";
import { generateCandidate, generateJob, generateLocation, teamtailorTime } from "./data.js";

/** A candidate created through the API, with the body received. */
export interface CreatedCandidate {
  body: Record<string, unknown>;
  candidate: TeamtailorCandidate;
}

type Resource = { id: string; attributes: Record<string, unknown> };

/** The `filter[...]` keys the fake understands per resource (others are refused, as a typo would be). */
const JOB_FILTERS = ["status", "feed", "department", "role", "locations", "regions", "tags", "remote-status"];
const CANDIDATE_FILTERS = ["email", "department", "role", "locations", "regions", "connected"];
const DATE_FILTER = /^filter\[(created-at|updated-at)\]\[(from|to)\]$/;

/** The fake's data: jobs (with locations) and candidates in id order, plus what the API changed. */
export class FakeTeamtailorState {
  readonly jobs: TeamtailorJob[] = [];
  readonly locations = new Map<string, TeamtailorLocation | null>();
  readonly candidates: TeamtailorCandidate[] = [];
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

  /** A strictly increasing "now" in Teamtailor's format. */
  now(): string {
    this.#lastTime = Math.max(Date.now(), this.#lastTime + 1);
    return teamtailorTime(this.#lastTime);
  }

  seed(jobs: number, candidates: number): void {
    for (let i = 0; i < jobs; i++) this.addJob();
    for (let i = 0; i < candidates; i++) this.addCandidate();
  }

  addJob(fields: Partial<TeamtailorJob["attributes"]> = {}): TeamtailorJob {
    const n = this.#nextJob++;
    const job = generateJob(this.#rnd, n, this.origin());
    Object.assign(job.attributes, fields);
    this.jobs.push(job);
    this.locations.set(job.id, generateLocation(this.#rnd));
    return job;
  }

  updateJob(id: string, fields: Partial<TeamtailorJob["attributes"]>): TeamtailorJob {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) throw new Error(`fake Teamtailor: no job ${id}`);
    Object.assign(job.attributes, fields, { "updated-at": this.now() });
    return job;
  }

  addCandidate(fields: Partial<TeamtailorCandidate["attributes"]> = {}): TeamtailorCandidate {
    const c = generateCandidate(this.#rnd, this.#nextCandidate++, this.origin());
    Object.assign(c.attributes, fields);
    this.candidates.push(c);
    return c;
  }

  updateCandidate(id: string, fields: Partial<TeamtailorCandidate["attributes"]>): TeamtailorCandidate {
    const c = this.candidate(id);
    if (!c) throw new Error(`fake Teamtailor: no candidate ${id}`);
    Object.assign(c.attributes, fields, { "updated-at": this.now() });
    return c;
  }

  deleteCandidate(id: string): boolean {
    const i = this.candidates.findIndex((c) => c.id === id);
    if (i >= 0) this.candidates.splice(i, 1);
    return i >= 0;
  }

  candidate(id: string): TeamtailorCandidate | undefined {
    return this.candidates.find((c) => c.id === id);
  }

  job(id: string): TeamtailorJob | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  /** One page of `GET /jobs`: published jobs unless `filter[status]` says otherwise. */
  listJobs(q: URLSearchParams): { items: TeamtailorJob[]; pages: number } {
    const status = q.get("filter[status]") ?? "published";
    const feed = q.get("filter[feed]");
    const remote = q.get("filter[remote-status]");
    const tags = q.get("filter[tags]");
    const keep = (j: TeamtailorJob) =>
      (status === "all" || j.attributes.status === status) &&
      (!feed || (feed === "internal") === Boolean(j.attributes.internal)) &&
      (!remote || j.attributes["remote-status"] === remote) &&
      (!tags || (j.attributes.tags ?? []).includes(tags));
    return page(this.jobs as unknown as Resource[], q, JOB_FILTERS, keep as never) as never;
  }

  /** One page of `GET /candidates`. */
  listCandidates(q: URLSearchParams): { items: TeamtailorCandidate[]; pages: number } {
    const email = q.get("filter[email]")?.toLowerCase();
    const connected = q.get("filter[connected]");
    if (connected !== null && connected !== "true" && connected !== "false") {
      throw new FakeHttpError(400, `filter[connected] must be true or false, not '${connected}'`);
    }
    const keep = (c: TeamtailorCandidate) =>
      (!email || c.attributes.email?.toLowerCase() === email) &&
      (connected === null || String(Boolean(c.attributes.connected)) === connected);
    return page(this.candidates as unknown as Resource[], q, CANDIDATE_FILTERS, keep as never) as never;
  }
}

function time(value: string, key: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new FakeHttpError(400, `${key}: '${value}' is not a date`);
  return ms;
}

/** Filters, sorts (`sort=a,-b`, default id order) and cuts one page (`page[size]` ≤ 30, default 10). */
function page(
  all: Resource[],
  q: URLSearchParams,
  filters: string[],
  keep: (r: Resource) => boolean,
): { items: Resource[]; pages: number; total: number } {
  const dates: [string, "from" | "to", number][] = [];
  for (const key of new Set(q.keys())) {
    if (!key.startsWith("filter[")) continue;
    const d = DATE_FILTER.exec(key);
    if (d) dates.push([d[1]!, d[2] as "from" | "to", time(q.get(key)!, key)]);
    else if (!filters.includes(key.slice(7, -1))) throw new FakeHttpError(400, `unknown filter ${key}`);
  }
  const size = Number(q.get("page[size]") ?? "10");
  const number = Number(q.get("page[number]") ?? "1");
  if (!Number.isInteger(size) || size < 1 || size > 30)
    throw new FakeHttpError(400, "page[size] must be 1..30");
  if (!Number.isInteger(number) || number < 1) throw new FakeHttpError(400, "page[number] must be 1 or more");
  const matching = all.filter((r) => {
    for (const [attr, side, ms] of dates) {
      const at = Date.parse(String(r.attributes[attr] ?? ""));
      // Teamtailor's from/to bounds are inclusive.
      if (side === "from" ? !(at >= ms) : !(at <= ms)) return false;
    }
    return keep(r);
  });
  const sort = (q.get("sort") ?? "id").split(",").filter(Boolean);
  const value = (r: Resource, f: string): number | string =>
    f === "id"
      ? Number(r.id)
      : /-at$/.test(f)
        ? Date.parse(String(r.attributes[f]))
        : String(r.attributes[f] ?? "");
  matching.sort((a, b) => {
    for (const s of sort) {
      const f = s.replace(/^-/, "");
      const x = value(a, f);
      const y = value(b, f);
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c) return s.startsWith("-") ? -c : c;
    }
    return 0;
  });
  return {
    items: matching.slice((number - 1) * size, number * size),
    pages: Math.max(1, Math.ceil(matching.length / size)),
    total: matching.length,
  };
}
