import {
  defineLegacyWarehouse,
  type LegacyReadContext,
  type LegacyWriteContext,
  mapConcurrent,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import type { z } from "zod";
import { LeverClient } from "./client.js";
import {
  LeverOpportunityCreateSchema,
  LeverOpportunitySchema,
  type LeverOpportunityWithResumes,
  LeverPostingSchema,
} from "./objects.js";
import {
  readJobsParametersSchema,
  readProfilesParametersSchema,
  writeProfileParametersSchema,
} from "./schemas.js";

/** What `push_profile` writes: a create-opportunity body, validated by its schema. */
type OpportunityCreate = z.output<typeof LeverOpportunityCreateSchema>;

/**
 * Resume look-ups in flight while reading opportunities: Lever has no bulk or expand for resumes,
 * so one call per opportunity; the rate limiter sets the pace, this bounds memory.
 */
export const RESUME_CONCURRENCY = 16;
/** Opportunities created per write call (one request each). */
export const WRITE_BATCH_SIZE = 10;

const BASE = "https://{client_domain}.lever.co/v1";

/** Every posting, every page (the read the original did, through the shared HTTP policy). */
async function* readJobs(ctx: LegacyReadContext<typeof readJobsParametersSchema>) {
  const client = new LeverClient(ctx, ctx.auth);
  yield* client.postings(ctx.parameters.limit);
}

/**
 * Every opportunity, every page, each with its resumes under `profile`. In incremental mode
 * only opportunities updated since the last run's newest `updatedAt` are read.
 */
async function* readProfiles(
  ctx: LegacyReadContext<typeof readProfilesParametersSchema>,
): AsyncGenerator<LeverOpportunityWithResumes> {
  const client = new LeverClient(ctx, ctx.auth);
  const since = ctx.incremental && ctx.incrementalToken ? Number(ctx.incrementalToken) : null;
  const opportunities = client.opportunities(ctx.parameters.limit, Number.isFinite(since) ? since : null);
  yield* mapConcurrent(opportunities, RESUME_CONCURRENCY, async (opportunity) => {
    const resumes = await client.resumes(opportunity.id);
    if (resumes === null)
      ctx.logger.warn(`Lever opportunity ${opportunity.id} has no resumes any more (HTTP 404)`);
    return { ...opportunity, profile: resumes ?? [] };
  });
}

/** Creates one opportunity per item; a failed item is reported and the next one goes on. */
async function writeProfiles(
  ctx: LegacyWriteContext<typeof writeProfileParametersSchema>,
  items: OpportunityCreate[],
): Promise<WriteFailure<OpportunityCreate>[]> {
  const p = ctx.parameters;
  const client = new LeverClient(ctx, p);
  const query = {
    perform_as: p.perform_as,
    parse: p.parse,
    perform_as_posting_owner: p.perform_as_posting_owner,
  };
  return writeEach(
    items,
    async (item) => {
      // The schema lets createdAt be null; Lever wants it absent instead.
      const created = await client.createOpportunity(query, {
        ...item,
        createdAt: item.createdAt ?? undefined,
      });
      ctx.logger.info(`Created Lever opportunity ${created.id}`);
    },
    { logger: ctx.logger, label: "Creating a Lever opportunity" },
  );
}

/** Lever postings (origin of `pull_job_list`). */
export const LeverJobWarehouse = defineLegacyWarehouse({
  name: "Lever Jobs",
  dataSchema: LeverPostingSchema,
  read: {
    parameters: readJobsParametersSchema,
    endpoints: [
      { name: "Get all jobs", description: "Endpoint to get the list of all jobs", url: `${BASE}/postings` },
    ],
    read: readJobs,
  },
});

const profilesRead = {
  parameters: readProfilesParametersSchema,
  endpoints: [
    {
      name: "Get all profiles",
      description: "Endpoint to get the list of all profiles",
      url: `${BASE}/opportunities`,
    },
  ],
  incremental: { token: (item: LeverOpportunityWithResumes) => String(item.updatedAt ?? "") },
  read: readProfiles,
};

const profilesWrite = {
  parameters: writeProfileParametersSchema,
  endpoints: [
    { name: "Post Profile", description: "Endpoint to create a new profile", url: `${BASE}/opportunities` },
  ],
  batchSize: WRITE_BATCH_SIZE,
  write: writeProfiles,
};

/** Lever opportunities: origin of `pull_profile_list` (items as Lever returns them). */
export const LeverProfileWarehouse = defineLegacyWarehouse({
  name: "Lever Profiles",
  dataSchema: LeverOpportunitySchema,
  read: profilesRead,
});

/** The same Lever opportunities as `push_profile`'s target: formatted items are create-opportunity bodies. */
export const LeverOpportunityTarget = defineLegacyWarehouse({
  name: "Lever Profiles",
  dataSchema: LeverOpportunityCreateSchema,
  read: profilesRead,
  write: profilesWrite,
});
