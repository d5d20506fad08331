import {
  defineAisle,
  defineWarehouse,
  type Endpoint,
  mapConcurrent,
  type ReadContext,
} from "@hrflow-connectors/core";
import { chunked, groupedBy, releasing } from "@hrflow-connectors/core/http";
import { type BullhornClient, CANDIDATES_PER_JOIN, clientFor, type SearchRow } from "./client.js";
import { bullhornTokens, type DateField, dateFieldOf, startPosition } from "./incremental.js";
import {
  type BullhornCandidate,
  BullhornCandidateSchema,
  BullhornCandidateWriteSchema,
  type BullhornJob,
  BullhornJobSchema,
} from "./objects.js";
import {
  applicationsWriteParametersSchema,
  type BullhornAuth,
  bullhornAuthSchema,
  jobsArchiveParametersSchema,
  jobsCreateParametersSchema,
  jobsUpdateParametersSchema,
  profilesArchiveParametersSchema,
  profilesCreateParametersSchema,
  profilesUpdateParametersSchema,
  profilesWriteParametersSchema,
  type ReadParameters,
} from "./schemas.js";
import { writeApplications, writeCandidates } from "./writes.js";

/** Candidate resume reads in flight at once; the rate limiter sets the pace. */
export const DETAIL_CONCURRENCY = 8;

const DOCS = "https://bullhorn.github.io/rest-api-docs/";
const EDUCATION_FIELDS = "id,city,school,degree,certification,comments,startDate,endDate";
const WORK_FIELDS = "id,companyName,title,comments,startDate,endDate";

/**
 * The fields asked for: the user's, plus what reading needs (id and both dates: the original
 * crashed getting the token when the date field was not asked for), less the to-many fields
 * read separately. Returns the search fields and which associations to read per row.
 */
function fieldsOf(fields: string): { search: string; educations: boolean; workHistories: boolean } {
  const names = new Set(
    fields
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  );
  const educations = names.delete("educations");
  const workHistories = names.delete("workHistories");
  for (const f of ["id", "dateAdded", "dateLastModified"]) names.add(f);
  return { search: [...names].join(","), educations, workHistories };
}

/** Whether a row was changed after it was created (compared to the second, as the original did). */
const changedSinceAdded = (row: SearchRow) =>
  typeof row.dateAdded === "number" &&
  typeof row.dateLastModified === "number" &&
  Math.floor(row.dateLastModified / 1000) !== Math.floor(row.dateAdded / 1000);

/** What a read of rows since a date asks for. */
export interface RowsRequest {
  query: string;
  fields: string;
  field: DateField;
  date: string | number | null | undefined;
  limit?: number | null | undefined;
  /** Rows per page (default: `limit`, else 200); at most 500. */
  pageSize?: number | undefined;
  /** Leave out rows never changed since their creation (the update flows: those are creates). */
  changedOnly: boolean;
  parseResume?: boolean | undefined;
}

/** Rows of `entity` since the request's date (or the checkpointed token, when later), oldest first. */
async function* readRows(
  ctx: ReadContext<BullhornAuth, unknown>,
  entity: "JobOrder" | "Candidate",
  r: RowsRequest,
  fields: string,
): AsyncGenerator<SearchRow & { id: number }> {
  const client = clientFor(ctx);
  const from = startPosition(r.date, ctx);
  const rows = client.searchSince(entity, {
    query: r.query,
    fields,
    field: r.field,
    from,
    limit: r.limit,
    pageSize: r.pageSize,
  });
  for await (const row of rows) {
    if (r.changedOnly && !changedSinceAdded(row)) continue;
    yield row;
  }
}

/** Job orders of a request. */
export async function* readJobRows(
  ctx: ReadContext<BullhornAuth, unknown>,
  r: RowsRequest,
): AsyncGenerator<BullhornJob> {
  yield* readRows(ctx, "JobOrder", r, fieldsOf(r.fields).search) as AsyncGenerator<BullhornJob>;
}

type Wanted = ReturnType<typeof fieldsOf>;

/** A slice of candidates with their education and work-history rows (as asked), two calls per slice and page. */
async function joined(
  client: BullhornClient,
  rows: (SearchRow & { id: number })[],
  want: Wanted,
): Promise<BullhornCandidate[]> {
  const ids = rows.map((r) => r.id);
  const read = (association: "educations" | "workHistories", fields: string, asked: boolean) =>
    asked ? groupedBy(client.candidatesRows(ids, association, fields), (r) => r.candidate.id) : null;
  const [educations, workHistories] = await Promise.all([
    read("educations", EDUCATION_FIELDS, want.educations),
    read("workHistories", WORK_FIELDS, want.workHistories),
  ]);
  // The search's rows are this read's own objects: completed in place rather than copied.
  return rows.map((row) => {
    const candidate = row as BullhornCandidate;
    if (educations) candidate.educations = educations.get(String(row.id)) ?? [];
    if (workHistories) candidate.workHistories = workHistories.get(String(row.id)) ?? [];
    return candidate;
  });
}

/** Candidates of a request, with their education and work-history rows and newest resume when asked for. */
export async function* readCandidateRows(
  ctx: ReadContext<BullhornAuth, unknown>,
  r: RowsRequest,
): AsyncGenerator<BullhornCandidate> {
  const client = clientFor(ctx);
  const want = fieldsOf(r.fields);
  const rows = readRows(ctx, "Candidate", r, want.search);
  const candidates: AsyncIterable<BullhornCandidate> =
    want.educations || want.workHistories ? withRows(client, rows, want) : rows;
  if (!r.parseResume) {
    yield* candidates;
    return;
  }
  // entityFiles and file are per candidate in Bullhorn's API: a resume stays one or two calls each.
  yield* mapConcurrent(candidates, DETAIL_CONCURRENCY, async (c) => ({
    ...c,
    resume: await client.candidateResume(c.id),
  }));
}

/**
 * Search rows with their education and work-history rows, cut into slices as they stream. One
 * slice at a time: reading the next slice's rows ahead held 200 more candidates and measured no
 * faster (bench/README.md, "bhjoin").
 */
async function* withRows(
  client: BullhornClient,
  rows: AsyncIterable<SearchRow & { id: number }>,
  want: Wanted,
): AsyncGenerator<BullhornCandidate> {
  for await (const slice of chunked(rows, CANDIDATES_PER_JOIN)) {
    const candidates = await joined(client, slice, want);
    // Emptied, as the joined array is while it is yielded: chunked holds the slice until the next
    // one, and a candidate already written must not stay alive through the rest of its slice.
    slice.length = 0;
    yield* releasing(candidates);
  }
}

/** The request of a flow's read: its mode's date field and parameters. */
function flowRequest(ctx: ReadContext<BullhornAuth, ReadParameters>): RowsRequest {
  const p = ctx.parameters;
  return {
    query: p.query,
    fields: p.fields,
    field: dateFieldOf(ctx.mode),
    date: ctx.mode === "create" ? p.created_date : p.last_modified_date,
    limit: p.limit,
    changedOnly: ctx.mode === "update",
    parseResume: p.parse_resume,
  };
}

const readJobs = (ctx: ReadContext<BullhornAuth, ReadParameters>) => readJobRows(ctx, flowRequest(ctx));
const readCandidates = (ctx: ReadContext<BullhornAuth, ReadParameters>) =>
  readCandidateRows(ctx, flowRequest(ctx));

const searchEndpoint = (entity: string, extra = ""): Endpoint => ({
  name: `Search ${entity}`,
  description: `Searches ${entity} rows changed since the date, oldest first, page by page (GET search/${entity})${extra}`,
  url: `${DOCS}#search`,
});

/** Bullhorn job orders: readable in every mode, incrementally. */
export const BullhornJobsAisle = defineAisle({
  entity: "job",
  auth: bullhornAuthSchema,
  schema: BullhornJobSchema,
  read: {
    parameters: {
      create: jobsCreateParametersSchema,
      update: jobsUpdateParametersSchema,
      archive: jobsArchiveParametersSchema,
    },
    endpoints: {
      create: searchEndpoint("JobOrder"),
      update: searchEndpoint("JobOrder"),
      archive: searchEndpoint("JobOrder"),
    },
    incremental: bullhornTokens<BullhornJob>("job order"),
    read: readJobs,
  },
});

const candidateSearch = searchEndpoint(
  "Candidate",
  ", with the educations and work histories of 200 candidates a call (GET entity/Candidate/{id1,id2,...}/educations|workHistories) and each candidate's newest resume (GET entityFiles/Candidate/{id}, GET file/Candidate/{id}/{fileId})",
);

/** Bullhorn candidates: readable in every mode (incrementally), creatable and updatable (push_profile). */
export const BullhornProfilesAisle = defineAisle({
  entity: "profile",
  auth: bullhornAuthSchema,
  schema: BullhornCandidateSchema,
  read: {
    parameters: {
      create: profilesCreateParametersSchema,
      update: profilesUpdateParametersSchema,
      archive: profilesArchiveParametersSchema,
    },
    endpoints: { create: candidateSearch, update: candidateSearch, archive: searchEndpoint("Candidate") },
    incremental: bullhornTokens<BullhornCandidate>("candidate"),
    read: readCandidates,
  },
});

/** Bullhorn candidates as written by push_profile: create (PUT) or update (POST), rows and files. */
export const BullhornCandidateWritesAisle = defineAisle({
  entity: "profile",
  auth: bullhornAuthSchema,
  schema: BullhornCandidateWriteSchema,
  write: {
    parameters: { create: profilesWriteParametersSchema },
    endpoints: {
      create: {
        name: "Create or update candidate",
        description:
          "Creates (PUT entity/Candidate) or updates (POST entity/Candidate/{id}) the candidate, adds its education and work-history rows (PUT entity/CandidateEducation, entity/CandidateWorkHistory) and attaches its files (PUT file/Candidate/{id})",
        url: `${DOCS}#entity`,
      },
    },
    batchSize: 10,
    write: (ctx, items) => writeCandidates(ctx, items),
  },
});

/** Bullhorn applications (push_application): the candidate, then its job submission. */
export const BullhornApplicationsAisle = defineAisle({
  entity: "application",
  auth: bullhornAuthSchema,
  schema: BullhornCandidateWriteSchema,
  write: {
    parameters: { create: applicationsWriteParametersSchema },
    endpoints: {
      create: {
        name: "Create application",
        description:
          "Creates or updates the candidate, then submits it to the job order (PUT entity/JobSubmission creates, POST entity/JobSubmission/{id} updates)",
        url: `${DOCS}#entity`,
      },
    },
    batchSize: 10,
    write: (ctx, items) => writeApplications(ctx, items),
  },
});

/** The Bullhorn warehouse of the flow-style actions. */
export const BullhornWarehouse = defineWarehouse({
  name: "Bullhorn",
  auth: bullhornAuthSchema,
  aisles: [BullhornJobsAisle, BullhornProfilesAisle],
});
