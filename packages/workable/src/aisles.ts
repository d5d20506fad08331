import {
  defineAisle,
  defineWarehouse,
  type Endpoint,
  mapConcurrent,
  type ReadContext,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { everyMode, listedForArchive } from "@hrflow-connectors/core/contracts";
import { type CandidatesQuery, type JobsQuery, WorkableClient } from "./client.js";
import { datedTokens, listQuery } from "./incremental.js";
import {
  withoutNullLists as lists,
  skillNames,
  type WorkableCandidate,
  type WorkableCandidateRecord,
  WorkableCandidateSchema,
  type WorkableCandidateUpdate,
  type WorkableJob,
  WorkableJobSchema,
  type WorkableListedCandidate,
} from "./objects.js";
import { candidateCreateReconcile, candidateUpdateReconcile } from "./reconcile.js";
import {
  type JobsReadParameters,
  jobsReadParametersSchema,
  type ProfilesCreateParameters,
  type ProfilesReadParameters,
  profilesCreateParametersSchema,
  profilesReadParametersSchema,
  profilesUpdateParametersSchema,
  type WorkableAuth,
  workableAuthSchema,
} from "./schemas.js";

/**
 * Candidate detail calls in flight at once. The rate limiter decides the pace; this bounds memory
 * (each answer is one candidate, resume included) while keeping the window busy under latency.
 */
export const DETAIL_CONCURRENCY = 16;

/**
 * The long texts the job format needs. Workable's list leaves them out unless `include_fields` names
 * them; with them every listed job carries all the format reads, so no job needs a detail call.
 */
export const JOB_LIST_FIELDS = "description,full_description,requirements,benefits";

const DOCS = "https://workable.readme.io/reference";

function clientFor(ctx: ReadContext<WorkableAuth> | WriteContext<WorkableAuth>): WorkableClient {
  return new WorkableClient(ctx);
}

/**
 * Lists jobs 100 per page with their descriptions (`include_fields`): one request per 100 jobs,
 * where reading each job's details cost one per job (the window of 10 per 10 s made that 1 job/s).
 */
async function* readJobs(ctx: ReadContext<WorkableAuth, JobsReadParameters>): AsyncGenerator<WorkableJob> {
  const client = clientFor(ctx);
  const query = { ...listQuery(ctx.parameters, ctx), include_fields: JOB_LIST_FIELDS } as JobsQuery;
  yield* client.jobs(query);
}

/**
 * Lists candidates page by page and yields each candidate's details, with its resume when it has one.
 * The detail call stays for create and update: the list carries no education, experience, skills,
 * summary or resume link (Workable has no include_fields for candidates), and the format needs them.
 * An archive needs only each candidate's id, so it yields the listed candidates as they are: one
 * request per 100 candidates where details cost one per candidate (10,000 s for 10,000 candidates
 * under Workable's 10 requests per 10 s).
 */
async function* readCandidates(
  ctx: ReadContext<WorkableAuth, ProfilesReadParameters>,
): AsyncGenerator<WorkableCandidate | WorkableListedCandidate> {
  const client = clientFor(ctx);
  const query = listQuery(ctx.parameters, ctx) as CandidatesQuery;
  if (ctx.mode === "archive") {
    yield* client.candidates(query);
    return;
  }
  const details = mapConcurrent(client.candidates(query), DETAIL_CONCURRENCY, async (listed) => {
    const candidate = await client.getCandidate(listed.id);
    if (!candidate) {
      ctx.logger.warn(`Workable candidate ${listed.id} disappeared before its details were read`);
      return null;
    }
    if (!candidate.resume_url) return candidate;
    try {
      return { ...candidate, resume: await client.downloadResume(candidate.resume_url) };
    } catch (err) {
      ctx.logger.warn(
        `Workable candidate ${candidate.id}: resume not downloaded (${(err as Error).message})`,
      );
      return candidate;
    }
  });
  for await (const candidate of details) if (candidate) yield candidate;
}

const UPDATABLE = [
  "firstname",
  "lastname",
  "email",
  "headline",
  "summary",
  "address",
  "phone",
  "cover_letter",
  "education_entries",
  "experience_entries",
  "skills",
  "tags",
  "social_profiles",
  "resume_url",
  "image_url",
] as const;

async function writeCandidates(
  ctx: WriteContext<WorkableAuth, ProfilesCreateParameters>,
  items: WorkableCandidateRecord[],
): Promise<WriteFailure<WorkableCandidateRecord>[]> {
  const client = clientFor(ctx);
  const { job_shortcode, stage, add_to_talent_pool } = ctx.parameters;
  const target = { shortcode: add_to_talent_pool ? null : job_shortcode, stage };
  const reconcile = candidateCreateReconcile<WorkableCandidateRecord>(
    ctx,
    client,
    target.shortcode ?? null,
    (item) => item.email,
  );
  const where = target.shortcode ? `Workable job ${target.shortcode}` : "the Workable talent pool";
  return writeEach(
    items,
    async (item) => {
      if (!item.email) return "the candidate has no email, which Workable requires";
      const { id: _id, sourced, ...fields } = item;
      const candidate = { ...fields, ...lists(fields), email: item.email, skills: skillNames(fields.skills) };
      await client.createCandidate(target, { candidate, sourced: sourced ?? true });
    },
    { logger: ctx.logger, label: `Adding a candidate to ${where}`, reconcile },
  );
}

async function updateCandidates(
  ctx: WriteContext<WorkableAuth>,
  items: WorkableCandidateRecord[],
): Promise<WriteFailure<WorkableCandidateRecord>[]> {
  const client = clientFor(ctx);
  // The item is never mutated, so a failed one reaches the dead letter with its id.
  return writeEach(
    items,
    async (item) => {
      if (!item.id) return "the candidate has no id (the HrFlow profile reference is empty)";
      const candidate: WorkableCandidateUpdate = {};
      for (const key of UPDATABLE) {
        if (item[key] !== undefined) Object.assign(candidate, { [key]: item[key] });
      }
      if (candidate.skills) candidate.skills = skillNames(candidate.skills);
      await client.updateCandidate(item.id, candidate);
    },
    { reconcile: candidateUpdateReconcile(ctx) },
  );
}

/** Workable jobs: readable in every mode (incrementally too). */
export const WorkableJobsAisle = defineAisle({
  entity: "job",
  auth: workableAuthSchema,
  schema: WorkableJobSchema,
  read: {
    parameters: {
      create: jobsReadParametersSchema,
      update: jobsReadParametersSchema,
      archive: jobsReadParametersSchema,
    },
    endpoints: everyMode({
      name: "Get jobs",
      description:
        "Lists jobs page by page with their descriptions (GET /jobs?include_fields=description,full_description,requirements,benefits&limit=100)",
      url: `${DOCS}/jobs`,
    }),
    incremental: datedTokens("job"),
    read: readJobs,
  },
});

const candidatesWithDetails: Endpoint = {
  name: "Get candidates",
  description:
    "Lists candidates page by page (GET /candidates), then reads each one (GET /candidates/{id}) and downloads its resume",
  url: `${DOCS}/job-candidates-index`,
};

/** Workable candidates: readable in every mode (incrementally too), creatable and updatable. */
export const WorkableProfilesAisle = defineAisle({
  entity: "profile",
  auth: workableAuthSchema,
  schema: WorkableCandidateSchema,
  read: {
    parameters: {
      create: profilesReadParametersSchema,
      update: profilesReadParametersSchema,
      archive: profilesReadParametersSchema,
    },
    endpoints: listedForArchive(
      candidatesWithDetails,
      "Lists candidates page by page (GET /candidates) and archives each listed one by its id: no detail call, no resume download",
    ),
    incremental: datedTokens("candidate"),
    read: readCandidates,
  },
  write: {
    parameters: { create: profilesCreateParametersSchema, update: profilesUpdateParametersSchema },
    endpoints: {
      create: {
        name: "Create candidate",
        description:
          "Adds a candidate to a job (POST /jobs/{shortcode}/candidates) or to the talent pool (POST /talent_pool/candidates)",
        url: `${DOCS}/job-candidates-create`,
      },
      update: {
        name: "Update candidate",
        description: "Updates a candidate (PATCH /candidates/{id})",
        url: `${DOCS}/update-candidate`,
      },
    },
    batchSize: 10,
    write: (ctx, items) =>
      ctx.mode === "update" ? updateCandidates(ctx, items) : writeCandidates(ctx, items),
  },
});

/** The Workable warehouse of the flow-style actions. */
export const WorkableWarehouse = defineWarehouse({
  name: "Workable",
  auth: workableAuthSchema,
  aisles: [WorkableJobsAisle, WorkableProfilesAisle],
});
