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
import { listedForArchive } from "@hrflow-connectors/core/contracts";
import { SmartRecruitersClient } from "./client.js";
import { updatedAfter, updatedTokens } from "./incremental.js";
import {
  candidateBody,
  type SmartRecruitersCandidate,
  type SmartRecruitersCandidateRecord,
  SmartRecruitersCandidateSchema,
  type SmartRecruitersJob,
  SmartRecruitersJobSchema,
  type SmartRecruitersListedCandidate,
  type SmartRecruitersListedJob,
} from "./objects.js";
import { candidateCreateReconcile, candidateRepeatableReconcile } from "./reconcile.js";
import {
  type JobsReadParameters,
  jobsReadParametersSchema,
  type ProfilesCreateParameters,
  type ProfilesReadParameters,
  profilesCreateParametersSchema,
  profilesReadParametersSchema,
  profilesWriteParametersSchema,
  type SmartRecruitersAuth,
  smartRecruitersAuthSchema,
} from "./schemas.js";

/**
 * Detail calls in flight at once: all 8 calls SmartRecruiters allows in flight per credential (the
 * policy enforces the cap, so a list call waits its turn). 4 left half of them unused, which at
 * 20 ms per answer capped a read at 200 items per second.
 */
export const DETAIL_CONCURRENCY = 8;

const DOCS = "https://developers.smartrecruiters.com/reference";

function clientFor(ctx: ReadContext<SmartRecruitersAuth> | WriteContext<SmartRecruitersAuth>) {
  return new SmartRecruitersClient(ctx);
}

/**
 * Lists jobs by `nextPageId` (all of them unless `limit` is set) and yields each one's details:
 * the list carries no ad, location or labels, which the format needs. An archive needs only each
 * job's id and title, which the list carries, so it yields the listed jobs: one request per 100.
 */
async function* readJobs(
  ctx: ReadContext<SmartRecruitersAuth, JobsReadParameters>,
): AsyncGenerator<SmartRecruitersJob | SmartRecruitersListedJob> {
  const client = clientFor(ctx);
  const p = ctx.parameters;
  const since = updatedAfter(p.updated_after, ctx);
  const query = {
    ...(p.query ? { q: p.query } : {}),
    ...(since ? { updatedAfter: since } : {}),
    ...(p.posting_status ? { postingStatus: p.posting_status } : {}),
    ...(p.job_status ? { status: p.job_status } : {}),
  };
  if (ctx.mode === "archive") {
    yield* client.jobs(query, p.limit ?? null);
    return;
  }
  const details = mapConcurrent(client.jobs(query, p.limit ?? null), DETAIL_CONCURRENCY, async (listed) => {
    const job = await client.getJob(listed.id);
    if (!job) ctx.logger.warn(`SmartRecruiters job ${listed.id} disappeared before its details were read`);
    return job;
  });
  for await (const job of details) if (job) yield job;
}

/**
 * Lists candidates by `nextPageId` (one list call in flight, as SmartRecruiters requires) and
 * yields each one's details (education and experience are not in the list); an archive needs only
 * the ids, so it yields the listed candidates (one request per 100). With `candidate_id` (a webhook
 * event) only that candidate is read; in an archive run a candidate already deleted is yielded by
 * id, so the HrFlow profile is archived too.
 */
async function* readCandidates(
  ctx: ReadContext<SmartRecruitersAuth, ProfilesReadParameters>,
): AsyncGenerator<SmartRecruitersCandidate | SmartRecruitersListedCandidate> {
  const client = clientFor(ctx);
  const p = ctx.parameters;
  if (p.candidate_id) {
    const one = await client.getCandidate(p.candidate_id);
    if (one) yield one;
    else if (ctx.mode === "archive") yield { id: p.candidate_id };
    else ctx.logger.warn(`SmartRecruiters candidate ${p.candidate_id} does not exist`);
    return;
  }
  const since = updatedAfter(p.updated_after, ctx);
  const query = {
    ...(p.query ? { q: p.query } : {}),
    ...(since ? { updatedAfter: since } : {}),
    ...(p.job_ids?.length ? { jobId: p.job_ids } : {}),
    ...(p.tags?.length ? { tag: p.tags } : {}),
    ...(p.onboarding_status ? { onboardingStatus: p.onboarding_status } : {}),
    ...(p.status?.length ? { status: p.status } : {}),
  };
  if (ctx.mode === "archive") {
    yield* client.candidates(query, p.limit ?? null);
    return;
  }
  const details = mapConcurrent(
    client.candidates(query, p.limit ?? null),
    DETAIL_CONCURRENCY,
    async (listed) => {
      const candidate = await client.getCandidate(listed.id);
      if (!candidate)
        ctx.logger.warn(`SmartRecruiters candidate ${listed.id} disappeared before its details were read`);
      return candidate;
    },
  );
  for await (const candidate of details) if (candidate) yield candidate;
}

/**
 * Creates candidates in the talent pool, or applies them to `job_id` (the older `push_profile`).
 * A create whose answer is lost is looked up by email before it is sent again.
 */
function createCandidates(
  ctx: WriteContext<SmartRecruitersAuth>,
  items: SmartRecruitersCandidateRecord[],
  jobId: string | null,
): Promise<WriteFailure<SmartRecruitersCandidateRecord>[]> {
  const client = clientFor(ctx);
  const reconcile = candidateCreateReconcile<SmartRecruitersCandidateRecord>(
    ctx,
    client,
    jobId,
    (i) => i.email,
  );
  const where = jobId ? `SmartRecruiters job ${jobId}` : "the SmartRecruiters talent pool";
  return writeEach(items, async (item) => void (await client.createCandidate(jobId, candidateBody(item))), {
    logger: ctx.logger,
    label: `Adding a candidate to ${where}`,
    reconcile,
  });
}

async function updateOrDelete(
  ctx: WriteContext<SmartRecruitersAuth>,
  items: SmartRecruitersCandidateRecord[],
): Promise<WriteFailure<SmartRecruitersCandidateRecord>[]> {
  const client = clientFor(ctx);
  return writeEach(
    items,
    async (item) => {
      if (!item.id) return "the candidate has no id (the HrFlow profile reference is empty)";
      if (ctx.mode === "archive") {
        // Already gone counts as done: a retried delete must not fail the item.
        if (!(await client.deleteCandidate(item.id)))
          ctx.logger.info(`SmartRecruiters candidate ${item.id} was already deleted`);
        return undefined;
      }
      await client.updateCandidate(item.id, candidateBody(item));
      return undefined;
    },
    { reconcile: candidateRepeatableReconcile(ctx) },
  );
}

const identity = (_ctx: unknown, item: SmartRecruitersCandidateRecord) =>
  item.id
    ? `smartrecruiters:candidate:${item.id}`
    : item.email
      ? `smartrecruiters:email:${item.email.toLowerCase()}`
      : null;

const jobsWithDetails: Endpoint = {
  name: "Get all jobs",
  description: "Lists jobs page by page by nextPageId (GET /jobs), then reads each one (GET /jobs/{id})",
  url: `${DOCS}/jobsall`,
};

const candidatesWithDetails: Endpoint = {
  name: "Get all candidates",
  description:
    "Lists candidates page by page by nextPageId (GET /candidates, one call in flight), then reads each one (GET /candidates/{id})",
  url: `${DOCS}/candidatesall`,
};

/** SmartRecruiters jobs: readable in every mode (incrementally too). */
export const SmartRecruitersJobsAisle = defineAisle({
  entity: "job",
  auth: smartRecruitersAuthSchema,
  schema: SmartRecruitersJobSchema,
  read: {
    parameters: {
      create: jobsReadParametersSchema,
      update: jobsReadParametersSchema,
      archive: jobsReadParametersSchema,
    },
    endpoints: listedForArchive(
      jobsWithDetails,
      "Lists jobs page by page by nextPageId (GET /jobs) and archives each listed one by its id: no detail call",
    ),
    incremental: updatedTokens("job"),
    read: readJobs,
  },
});

/** SmartRecruiters candidates: readable in every mode (incrementally too), creatable, updatable, deletable. */
export const SmartRecruitersProfilesAisle = defineAisle({
  entity: "profile",
  auth: smartRecruitersAuthSchema,
  schema: SmartRecruitersCandidateSchema,
  read: {
    parameters: {
      create: profilesReadParametersSchema,
      update: profilesReadParametersSchema,
      archive: profilesReadParametersSchema,
    },
    endpoints: listedForArchive(
      candidatesWithDetails,
      "Lists candidates page by page by nextPageId (GET /candidates, one call in flight) and archives each listed one by its id: no detail call (with candidate_id, reads that one candidate: GET /candidates/{id})",
    ),
    incremental: updatedTokens("candidate"),
    read: readCandidates,
  },
  write: {
    parameters: {
      create: profilesCreateParametersSchema,
      update: profilesWriteParametersSchema,
      archive: profilesWriteParametersSchema,
    },
    endpoints: {
      create: {
        name: "Create candidate",
        description:
          "Adds a candidate to the talent pool (POST /candidates), or applies them to a job (POST /jobs/{id}/candidates)",
        url: `${DOCS}/candidatesadd`,
      },
      update: {
        name: "Update candidate",
        description: "Sets a candidate's fields (PATCH /candidates/{id})",
        url: `${DOCS}/candidatesupdate`,
      },
      archive: {
        name: "Delete candidate",
        description: "Deletes the candidate (DELETE /candidates/{id}), as the original did",
        url: `${DOCS}/candidatesdelete`,
      },
    },
    batchSize: 10,
    identity,
    write: (ctx, items) =>
      ctx.mode === "create"
        ? createCandidates(ctx, items, (ctx.parameters as ProfilesCreateParameters).job_id ?? null)
        : updateOrDelete(ctx, items),
  },
});

/** The SmartRecruiters warehouse of the flow-style actions. */
export const SmartRecruitersWarehouse = defineWarehouse({
  name: "SmartRecruiters",
  auth: smartRecruitersAuthSchema,
  aisles: [SmartRecruitersJobsAisle, SmartRecruitersProfilesAisle],
});
