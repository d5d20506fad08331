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
import { existingIds } from "@hrflow-connectors/core/http";
import { type CandidatesQuery, type JobsQuery, TeamtailorClient } from "./client.js";
import { alreadyRead, datedIdTokens, parseToken } from "./incremental.js";
import {
  type TeamtailorCandidate,
  type TeamtailorCandidateItem,
  TeamtailorCandidateItemSchema,
  type TeamtailorJob,
  TeamtailorJobSchema,
} from "./objects.js";
import { listQuery } from "./query.js";
import { candidateCreateReconcile, candidateUpdateReconcile } from "./reconcile.js";
import {
  type JobsReadParameters,
  jobsArchiveParametersSchema,
  jobsReadParametersSchema,
  type ProfilesArchiveParameters,
  type ProfilesReadParameters,
  profilesArchiveParametersSchema,
  profilesReadParametersSchema,
  profilesWriteParametersSchema,
  type TeamtailorAuth,
  teamtailorAuthSchema,
} from "./schemas.js";

/**
 * Detail calls (resume downloads, locations a page did not include) in flight at once: the limiter
 * sets the pace, this bounds memory while keeping the window busy under latency. 12, measured at
 * 10k and 20 ms: profile updates 415/s at 147 MB peak (8: 302/s; 16: 524/s but 203 MB).
 */
export const DETAIL_CONCURRENCY = 12;

const DOCS = "https://docs.teamtailor.com";

/** A client for the run's Teamtailor credentials. */
export function clientFor(ctx: ReadContext<TeamtailorAuth> | WriteContext<TeamtailorAuth>): TeamtailorClient {
  return new TeamtailorClient(ctx);
}

/** Drops what the previous incremental run already read at its boundary instant. */
async function* unread<T extends { id: string; attributes?: Record<string, unknown> | null }>(
  ctx: ReadContext<TeamtailorAuth>,
  items: AsyncIterable<T>,
): AsyncGenerator<T> {
  const token = ctx.incremental && ctx.incrementalToken ? parseToken(ctx.incrementalToken) : null;
  for await (const item of items) {
    if (token && alreadyRead(item, ctx.mode, token)) continue;
    yield item;
  }
}

/**
 * Jobs page by page, each with its location from the same page (the original buffered every page
 * first, read each location apart and crashed on a job without coordinates). The archive flow asks
 * for archived jobs only: whatever else the filters say, a live job is never archived in HrFlow.
 */
async function* readJobs(
  ctx: ReadContext<TeamtailorAuth, JobsReadParameters>,
): AsyncGenerator<TeamtailorJob> {
  const client = clientFor(ctx);
  const query = listQuery(ctx.parameters, ctx);
  if (ctx.mode === "archive") {
    // An archive needs only each job's id: no location.
    yield* unread(ctx, client.jobs({ ...query, "filter[status]": "archived" } as JobsQuery));
    return;
  }
  // Locations come with each page; a job whose answer did not say is read apart (one call each).
  const listed = unread(ctx, client.jobsWithLocation(query as JobsQuery));
  yield* mapConcurrent(listed, DETAIL_CONCURRENCY, async (job) =>
    job.location !== undefined ? job : { ...job, location: await client.jobLocation(job.id) },
  );
}

/** Candidates page by page, each with its resume downloaded when it has one. */
async function* readCandidates(
  ctx: ReadContext<TeamtailorAuth, ProfilesReadParameters | ProfilesArchiveParameters>,
): AsyncGenerator<TeamtailorCandidate> {
  const client = clientFor(ctx);
  if (ctx.mode === "archive") {
    yield* readDeletedCandidates(ctx, client);
    return;
  }
  const listed = unread(ctx, client.candidates(listQuery(ctx.parameters, ctx) as CandidatesQuery));
  yield* mapConcurrent(listed, DETAIL_CONCURRENCY, async (candidate) => {
    const url = candidate.attributes?.resume;
    if (!url) return candidate;
    try {
      return { ...candidate, resume_file: await client.downloadResume(url) };
    } catch (err) {
      // One broken link no longer ends the read (it did in the original): the profile goes without it.
      ctx.logger.warn(
        `Teamtailor candidate ${candidate.id}: resume not downloaded (${(err as Error).message})`,
      );
      return candidate;
    }
  });
}

/**
 * The archive read: the named candidates that Teamtailor no longer has. Teamtailor cannot filter
 * candidates by id, so more ids than the account has pages of 30 are checked against the whole
 * list (one request per page), fewer with one `GET /candidates/{id}` (404) each. A candidate that
 * still exists is kept in HrFlow, whatever the other filters say.
 */
async function* readDeletedCandidates(
  ctx: ReadContext<TeamtailorAuth, ProfilesArchiveParameters>,
  client: TeamtailorClient,
): AsyncGenerator<TeamtailorCandidate> {
  const ids = ctx.parameters.candidate_ids ?? [];
  if (ids.length === 0) {
    ctx.logger.warn(
      "Teamtailor has no archived candidates to list: archive_profiles_in_hrflow archives the candidate_ids it is given (a candidate.destroy webhook fills them)",
    );
    return;
  }
  const presence = existingIds(ids, {
    lookup: async (id) => (await client.getCandidate(id)) !== null,
    pages: (page) => client.candidateIdPage(page),
    what: "Teamtailor candidates",
    logger: ctx.logger,
    signal: ctx.signal,
    concurrency: DETAIL_CONCURRENCY,
  });
  for await (const { id, exists } of presence) {
    if (exists) ctx.logger.warn(`Teamtailor candidate ${id} still exists: not archived`);
    else yield { id, type: "candidates", attributes: {} };
  }
}

async function writeCandidates(
  ctx: WriteContext<TeamtailorAuth>,
  items: TeamtailorCandidateItem[],
): Promise<WriteFailure<TeamtailorCandidateItem>[]> {
  const client = clientFor(ctx);
  if (ctx.mode === "update") {
    return writeEach(
      items,
      async (item) => {
        if (!item.id) return "the candidate has no id (the HrFlow profile reference is empty)";
        await client.updateCandidate(item.id, item.attributes);
      },
      {
        logger: ctx.logger,
        label: "Updating a Teamtailor candidate",
        reconcile: candidateUpdateReconcile(ctx),
      },
    );
  }
  return writeEach(
    items,
    async (item) => {
      await client.createCandidate(item.attributes);
    },
    {
      logger: ctx.logger,
      label: "Creating a Teamtailor candidate",
      reconcile: candidateCreateReconcile(
        ctx,
        client,
        (item: TeamtailorCandidateItem) => item.attributes.email,
      ),
    },
  );
}

const listJobs: Endpoint = {
  name: "List jobs",
  description:
    "Lists jobs page by page following links.next, each page with its jobs' locations (GET /jobs?include=location); a job whose answer lacks its location is completed by GET /jobs/{id}/location",
  url: `${DOCS}/#jobs`,
};
const listArchivedJobs: Endpoint = {
  name: "List archived jobs",
  description: "Lists archived jobs page by page following links.next (GET /jobs?filter[status]=archived)",
  url: `${DOCS}/#jobs`,
};
const listCandidates: Endpoint = {
  name: "List candidates",
  description:
    "Lists candidates page by page following links.next (GET /candidates) and downloads each resume",
  url: `${DOCS}/#candidates`,
};

/** Teamtailor jobs: readable in every mode (incrementally too); archive reads archived jobs only. */
export const TeamtailorJobsAisle = defineAisle({
  entity: "job",
  auth: teamtailorAuthSchema,
  schema: TeamtailorJobSchema,
  read: {
    parameters: {
      create: jobsReadParametersSchema,
      update: jobsReadParametersSchema,
      archive: jobsArchiveParametersSchema,
    },
    endpoints: { create: listJobs, update: listJobs, archive: listArchivedJobs },
    incremental: datedIdTokens<TeamtailorJob>("job"),
    read: readJobs,
  },
});

/** Teamtailor candidates: readable in every mode, creatable and updatable. */
export const TeamtailorProfilesAisle = defineAisle({
  entity: "profile",
  auth: teamtailorAuthSchema,
  schema: TeamtailorCandidateItemSchema,
  read: {
    parameters: {
      create: profilesReadParametersSchema,
      update: profilesReadParametersSchema,
      archive: profilesArchiveParametersSchema,
    },
    endpoints: {
      create: listCandidates,
      update: listCandidates,
      archive: {
        name: "Confirm deleted candidates",
        description:
          "Lists every candidate page by page (GET /candidates) when the account has fewer pages of 30 than there are ids, else reads each named one (GET /candidates/{id}); a candidate missing from the list, or a 404, confirms the deletion",
        url: `${DOCS}/#candidates`,
      },
    },
    incremental: {
      create: datedIdTokens<TeamtailorCandidate>("candidate").create!,
      update: datedIdTokens<TeamtailorCandidate>("candidate").update!,
    },
    read: readCandidates,
  },
  write: {
    parameters: { create: profilesWriteParametersSchema, update: profilesWriteParametersSchema },
    endpoints: {
      create: {
        name: "Create candidate",
        description: "Creates a candidate (POST /candidates, JSON:API body)",
        url: `${DOCS}/#candidates`,
      },
      update: {
        name: "Update candidate",
        description: "Updates a candidate's attributes (PATCH /candidates/{id})",
        url: `${DOCS}/#candidates`,
      },
    },
    batchSize: 10,
    // Two writes of one candidate never run at once: by id on update, by email on create.
    identity: (_ctx, item) => {
      if (item.id) return `teamtailor:candidate:${item.id}`;
      const email = item.attributes.email?.trim().toLowerCase();
      return email ? `teamtailor:candidate-email:${email}` : null;
    },
    write: writeCandidates,
  },
});

/** The Teamtailor warehouse of the flow-style actions. */
export const TeamtailorWarehouse = defineWarehouse({
  name: "Teamtailor",
  auth: teamtailorAuthSchema,
  aisles: [TeamtailorJobsAisle, TeamtailorProfilesAisle],
});
