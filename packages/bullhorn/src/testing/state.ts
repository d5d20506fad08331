import { FakeHttpError, IdIndex, Random } from "@hrflow-connectors/core/testing";
import { generateCandidate, generateJob } from "./data.js";
import { compileLucene, type Row } from "./lucene.js";

type Stored = Row & { id: number };
/** A stored candidate: its fields, education/work rows and files. */
export type StoredCandidate = Stored & { rows: Row[]; files: Row[] };

/** What the fake received through the API (writes), for assertions. */
export interface FakeWrite {
  method: string;
  entity: string;
  id: number;
  body: Record<string, unknown>;
}

/** The in-memory Bullhorn data of a fake: job orders, candidates and submissions. */
export class FakeBullhornState {
  readonly jobs: Stored[] = [];
  readonly candidates: StoredCandidate[] = [];
  readonly #candidateIds = new IdIndex<StoredCandidate>((c) => c.id);
  readonly submissions: Stored[] = [];
  readonly writes: FakeWrite[] = [];
  readonly #rnd: Random;
  #nextId = 900_000;
  // Changes get a date after every date seen, so they always move a row forward.
  #clock = 0;

  constructor(seed: number) {
    this.#rnd = new Random(seed);
  }

  /** Generates `jobs` job orders and `candidates` candidates. */
  seed(jobs: number, candidates: number): void {
    for (let n = 0; n < jobs; n++) this.jobs.push(generateJob(this.#rnd, n) as Stored);
    for (let n = 0; n < candidates; n++)
      this.candidates.push(generateCandidate(this.#rnd, n) as StoredCandidate);
  }

  /** A change time: now, and never before or at a date the fake already handed out. */
  now(): number {
    this.#clock = Math.max(Date.now(), this.#clock + 1);
    return this.#clock;
  }

  /** Changes a stored row; its `dateLastModified` becomes now. */
  change<T extends Stored>(row: T, fields: Row): T {
    Object.assign(row, fields, { dateLastModified: this.now() });
    return row;
  }

  table(entity: string): Stored[] {
    if (entity === "JobOrder") return this.jobs;
    if (entity === "Candidate") return this.candidates;
    throw new FakeHttpError(400, `Entity ${entity} is not searchable here`);
  }

  candidate(id: number): StoredCandidate {
    const c = this.#candidateIds.find(this.candidates, id);
    if (!c) throw new FakeHttpError(404, `Candidate ${id} not found`);
    return c;
  }

  /**
   * A page of the education or work-history rows of several candidates, as Bullhorn's to-many GET
   * answers: rows of every named candidate in row-id order, `start`/`count` (at most 500) applied,
   * `total`, each row with `candidate: {id}` when `fields` names it; 404 only when no id exists.
   */
  toMany(ids: number[], kind: string, q: URLSearchParams): Row {
    const count = Number(q.get("count") ?? 20);
    const start = Number(q.get("start") ?? 0);
    if (!Number.isInteger(count) || count < 1 || count > 500)
      throw new FakeHttpError(400, "count must be 1..500");
    if (!Number.isInteger(start) || start < 0) throw new FakeHttpError(400, "start must be 0 or more");
    const orderBy = q.get("orderBy");
    if (orderBy !== null && orderBy !== "id")
      throw new FakeHttpError(400, `orderBy ${orderBy} is not supported here`);
    const fields = q.get("fields");
    if (!fields) throw new FakeHttpError(400, "fields is required");
    const wanted = new Set(ids);
    const owners = this.candidates.filter((c) => wanted.has(c.id));
    if (owners.length === 0) throw new FakeHttpError(404, `None of Candidate ${ids.join(",")} found`);
    const withOwner = fields.split(",").some((f) => f.trim() === "candidate");
    const rows = owners
      .flatMap((c) =>
        c.rows.filter((r) => r.kind === kind && r.isDeleted !== true).map((r) => ({ r, owner: c.id })),
      )
      .sort((a, b) => Number(a.r.id) - Number(b.r.id));
    const page = rows.slice(start, start + count).map(({ r, owner }) => {
      const row = project(r, fields);
      return withOwner ? { ...row, candidate: { id: owner } } : row;
    });
    return { total: rows.length, start, count: page.length, data: page };
  }

  /** A search page: matching rows sorted, projected on `fields`, each led by `_score`. */
  search(entity: string, q: URLSearchParams): Row {
    const query = q.get("query");
    if (!query) throw new FakeHttpError(400, "query is required");
    const count = Number(q.get("count") ?? 20);
    const start = Number(q.get("start") ?? 0);
    if (!Number.isInteger(count) || count < 1 || count > 500)
      throw new FakeHttpError(400, "count must be 1..500");
    const match = compileLucene(query);
    const sort = (q.get("sort") ?? "id").split(",").filter(Boolean);
    const rows = this.table(entity)
      .filter(match)
      .sort((a, b) => {
        for (const key of sort) {
          const desc = key.startsWith("-");
          const f = desc ? key.slice(1) : key;
          const d = Number(a[f] ?? 0) - Number(b[f] ?? 0);
          if (d !== 0) return desc ? -d : d;
        }
        return 0;
      });
    const page = rows.slice(start, start + count);
    const fields = q.get("fields");
    return {
      total: rows.length,
      start,
      count: page.length,
      data: page.map((r) => (fields ? { _score: 1.0, ...project(r, fields) } : r.id)),
    };
  }

  /** Creates a row (PUT). */
  create(entity: string, body: Record<string, unknown>): number {
    const id = this.#nextId++;
    const at = this.now();
    this.writes.push({ method: "PUT", entity, id, body });
    if (entity === "Candidate") {
      this.candidates.push({
        ...body,
        id,
        dateAdded: at,
        dateLastModified: at,
        isDeleted: false,
        rows: [],
        files: [],
      });
    } else if (entity === "CandidateEducation" || entity === "CandidateWorkHistory") {
      const owner = (body.candidate as { id?: unknown } | undefined)?.id;
      if (typeof owner !== "number") throw new FakeHttpError(400, "candidate.id is required");
      const kind = entity === "CandidateEducation" ? "educations" : "workHistories";
      this.candidate(owner).rows.push({ ...body, kind, id });
    } else if (entity === "JobSubmission") {
      const c = (body.candidate as { id?: number } | undefined)?.id;
      const j = (body.jobOrder as { id?: number } | undefined)?.id;
      if (typeof c !== "number" || !this.jobs.some((x) => x.id === j)) {
        throw new FakeHttpError(400, "candidate.id and an existing jobOrder.id are required");
      }
      this.candidate(c);
      this.submissions.push({ ...body, id, dateAdded: at });
    } else {
      throw new FakeHttpError(400, `Cannot create ${entity}`);
    }
    return id;
  }

  /** Updates a row (POST). */
  update(entity: string, id: number, body: Record<string, unknown>): void {
    this.writes.push({ method: "POST", entity, id, body });
    const table =
      entity === "Candidate" ? this.candidates : entity === "JobSubmission" ? this.submissions : null;
    const row = table?.find((r) => r.id === id);
    if (!row) throw new FakeHttpError(404, `${entity} ${id} not found`);
    this.change(row, body);
  }

  /** Attaches a base64 file to a candidate. */
  attach(id: number, body: Record<string, unknown>): number {
    const c = this.candidate(id);
    if (typeof body.fileContent !== "string" || typeof body.name !== "string" || body.fileType !== "SAMPLE") {
      throw new FakeHttpError(400, "fileContent, name and fileType=SAMPLE are required");
    }
    const fileId = this.#nextId++;
    const bytes = Buffer.from(body.fileContent, "base64").toString("latin1");
    c.files.push({
      id: fileId,
      type: body.type ?? null,
      name: body.name,
      contentType: body.contentType ?? null,
      dateAdded: this.now(),
      bytes,
    });
    this.writes.push({ method: "PUT", entity: "File", id: fileId, body: { ...body, candidate: id } });
    return fileId;
  }

  /** Job submissions matching `candidate.id=X AND jobOrder.id=Y`. */
  querySubmissions(where: string): Row[] {
    const m = /^candidate\.id=(\d+) AND jobOrder\.id=(\d+)$/.exec(where);
    if (!m) throw new FakeHttpError(400, `Unsupported where clause '${where}'`);
    return this.submissions.filter(
      (s) =>
        (s.candidate as { id: number }).id === Number(m[1]) &&
        (s.jobOrder as { id: number }).id === Number(m[2]),
    );
  }
}

/** A row cut to the named fields (to-many fields as Bullhorn lists them: a total and ids). */
export function project(row: Row, fields: string): Row {
  const out: Row = {};
  for (const f of fields.split(",").map((x) => x.trim())) {
    if (f === "*") return { ...row };
    if (f === "educations" || f === "workHistories") {
      const rows = ((row.rows as Row[] | undefined) ?? []).filter((r) => r.kind === f);
      out[f] = { total: rows.length, data: rows.slice(0, 5).map((r) => ({ id: r.id })) };
    } else if (f in row) {
      out[f] = row[f];
    }
  }
  return out;
}
