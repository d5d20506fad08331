import {
  clampEpochMs,
  defineAisle,
  defineWarehouse,
  mapConcurrent,
  type ReadContext,
  reconcileDefaults,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import type { z } from "zod";
import { LeverClient } from "./client.js";
import {
  LeverOpportunityCreateSchema,
  type LeverOpportunityWithResumes,
  type LeverPosting,
  LeverPostingSchema,
} from "./objects.js";
import {
  type JobsReadParameters,
  jobsReadParametersSchema,
  type LeverCredentials,
  leverAuthSchema,
  type ProfilesCreateParameters,
  type ProfilesReadParameters,
  profilesCreateParametersSchema,
  profilesReadParametersSchema,
} from "./schemas.js";

/** What the profiles aisle writes: a create-opportunity body, validated by its schema. */
type OpportunityCreate = z.output<typeof LeverOpportunityCreateSchema>;

/**
 * Resume look-ups in flight while reading opportunities: Lever has no bulk or expand for resumes,
 * so one call per opportunity; the rate limiter sets the pace, this bounds memory.
 */
export const RESUME_CONCURRENCY = 16;
/** How far Lever's clock may run behind ours when a lost create is looked up. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Opportunities created per write call (one request each). */
export const WRITE_BATCH_SIZE = 10;

const BASE = "https://{client_domain}.lever.co/v1";

/** Every posting, every page (the read the original did, through the shared HTTP policy). */
async function* readJobs(
  ctx: ReadContext<LeverCredentials, JobsReadParameters>,
): AsyncGenerator<LeverPosting> {
  const client = new LeverClient(ctx, ctx.auth);
  yield* client.postings(ctx.parameters.limit);
}

/**
 * Every opportunity, every page, each with its resumes under `profile`. In incremental mode
 * only opportunities updated since the last run's newest `updatedAt` are read.
 */
async function* readProfiles(
  ctx: ReadContext<LeverCredentials, ProfilesReadParameters>,
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
  ctx: WriteContext<LeverCredentials, ProfilesCreateParameters>,
  items: OpportunityCreate[],
): Promise<WriteFailure<OpportunityCreate>[]> {
  const p = ctx.parameters;
  const client = new LeverClient(ctx, ctx.auth);
  const query = {
    perform_as: p.perform_as,
    parse: p.parse,
    perform_as_posting_owner: p.perform_as_posting_owner,
  };
  // A lost answer is settled by looking the contact's email up among opportunities changed since
  // the batch began (minus clock skew); an item without an email cannot be looked up, so it is
  // dead-lettered with outcome "unknown" rather than resent.
  const since = Date.now() - CLOCK_SKEW_MS;
  const emailOf = (item: OpportunityCreate) => item.emails?.find((e) => typeof e === "string" && e) ?? null;
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
    {
      logger: ctx.logger,
      label: "Creating a Lever opportunity",
      reconcile: {
        ...reconcileDefaults(ctx),
        describe: (item) => `Lever opportunity ${emailOf(item) ?? "(no email)"}`,
        lookup: async (item) => {
          const email = emailOf(item);
          return email ? client.hasOpportunity(email, item.name, since) : null;
        },
      },
    },
  );
}

/** Lever postings: readable (the original's only mode, create). */
export const LeverJobsAisle = defineAisle({
  entity: "job",
  auth: leverAuthSchema,
  schema: LeverPostingSchema,
  read: {
    parameters: { create: jobsReadParametersSchema },
    endpoints: {
      create: {
        name: "Get all jobs",
        description: "Endpoint to get the list of all jobs",
        url: `${BASE}/postings`,
      },
    },
    read: readJobs,
  },
});

/**
 * Lever opportunities: read with their resumes (incrementally too, by `updatedAt`), and created
 * from create-opportunity bodies (the items this aisle's schema validates).
 */
export const LeverProfilesAisle = defineAisle({
  entity: "profile",
  auth: leverAuthSchema,
  schema: LeverOpportunityCreateSchema,
  read: {
    parameters: { create: profilesReadParametersSchema },
    endpoints: {
      create: {
        name: "Get all profiles",
        description: "Endpoint to get the list of all profiles",
        url: `${BASE}/opportunities`,
      },
    },
    // Epoch milliseconds: a clock the engine can hold back at the run's start.
    incremental: { create: { token: (item) => String(item.updatedAt ?? ""), clamp: clampEpochMs } },
    read: readProfiles,
  },
  write: {
    parameters: { create: profilesCreateParametersSchema },
    endpoints: {
      create: {
        name: "Post Profile",
        description: "Endpoint to create a new profile",
        url: `${BASE}/opportunities`,
      },
    },
    batchSize: WRITE_BATCH_SIZE,
    write: writeProfiles,
  },
});

/**
 * The Lever warehouse of the flow style. The original has no flow-style Lever actions; the aisles
 * are the connector's one I/O contract, and the older-style warehouses are views of them.
 */
export const LeverWarehouse = defineWarehouse({
  name: "Lever",
  auth: leverAuthSchema,
  aisles: [LeverJobsAisle, LeverProfilesAisle],
});
