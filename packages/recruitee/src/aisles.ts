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
import { existingIds } from "@hrflow-connectors/core/http";
import { type CandidatesQuery, RECRUITEE_PAGE_SIZE, RecruiteeClient } from "./client.js";
import { recruiteeDate } from "./dates.js";
import { alreadyRead, createdAfter, createdToken, parseToken } from "./incremental.js";
import {
  type RecruiteeCandidate,
  type RecruiteeCandidateItem,
  RecruiteeCandidateItemSchema,
  type RecruiteeListedOffer,
  type RecruiteeOffer,
  RecruiteeOfferSchema,
} from "./objects.js";
import { candidateCreateReconcile, repeatableReconcile } from "./reconcile.js";
import {
  type JobsArchiveParameters,
  type JobsReadParameters,
  jobsArchiveParametersSchema,
  jobsReadParametersSchema,
  type ProfilesArchiveParameters,
  type ProfilesCreateParameters,
  type ProfilesReadParameters,
  profilesArchiveParametersSchema,
  profilesCreateParametersSchema,
  profilesEmptyParametersSchema,
  profilesReadParametersSchema,
  type RecruiteeAuth,
  recruiteeAuthSchema,
} from "./schemas.js";

/**
 * Detail calls (offers, candidates, resume downloads) in flight at once. The limiter sets the pace
 * under a rate limit; without one, this is what a read reaches under latency (Little's law). 12,
 * measured at 10k and 20 ms: profiles 264/s at 152 MB peak (8: 181/s; 16: 340/s but 205 MB, V8's
 * young generation doubling once more from what survives each scavenge), jobs 508/s.
 */
export const DETAIL_CONCURRENCY = 12;

const DOCS = "https://docs.recruitee.com/reference";

/** A client for the run's Recruitee credentials. */
export function clientFor(ctx: ReadContext<RecruiteeAuth> | WriteContext<RecruiteeAuth>): RecruiteeClient {
  return new RecruiteeClient(ctx);
}

/**
 * Offers, then each offer in full. The archive flow asks for archived offers only, so no live job
 * is archived in HrFlow whatever the other parameters say; it needs only each offer's id and title,
 * which the list carries, so it reads no offer in full (one request for the whole archive).
 */
async function* readOffers(
  ctx: ReadContext<RecruiteeAuth, JobsReadParameters | JobsArchiveParameters>,
): AsyncGenerator<RecruiteeOffer | RecruiteeListedOffer> {
  const client = clientFor(ctx);
  const { kind, scope, view_mode } = ctx.parameters;
  const query = {
    ...(kind ? { kind } : {}),
    ...(ctx.mode === "archive" ? { scope: "archived" as const } : scope ? { scope } : {}),
    ...(view_mode ? { view_mode } : {}),
  };
  const listed = await client.listedOffers(query);
  if (ctx.mode === "archive") {
    yield* listed;
    return;
  }
  async function* each() {
    for (const offer of listed) yield offer.id;
  }
  const details = mapConcurrent(each(), DETAIL_CONCURRENCY, async (id) => {
    const offer = await client.getOffer(String(id));
    if (!offer) ctx.logger.warn(`Recruitee offer ${id} disappeared before its details were read`);
    return offer;
  });
  for await (const offer of details) if (offer) yield offer;
}

function candidatesQuery(p: ProfilesReadParameters): CandidatesQuery {
  const query: Record<string, string> = {};
  for (const key of ["ids", "offer_id", "query", "sort"] as const) if (p[key]) query[key] = p[key];
  for (const key of ["disqualified", "qualified", "with_messages", "with_my_messages"] as const) {
    const v = p[key];
    if (v !== null && v !== undefined) query[key] = v ? "true" : "false";
  }
  return query as CandidatesQuery;
}

/** Candidates page by page, each read in full with its resume; incremental on creation time. */
async function* readCandidates(
  ctx: ReadContext<RecruiteeAuth, ProfilesReadParameters | ProfilesArchiveParameters>,
): AsyncGenerator<RecruiteeCandidate> {
  const client = clientFor(ctx);
  if (ctx.mode === "archive") {
    yield* readDeleted(ctx as ReadContext<RecruiteeAuth, ProfilesArchiveParameters>, client);
    return;
  }
  const p = ctx.parameters;
  const query = candidatesQuery(p);
  // The later of the caller's own bound and the token's, both as Recruitee's UTC text.
  const iso = recruiteeDate(p.created_after);
  const own = iso ? new Date(iso).toISOString().slice(0, 19) : null;
  const token = ctx.incremental && ctx.incrementalToken ? parseToken(ctx.incrementalToken) : null;
  const since = token ? createdAfter(token) : null;
  const after = own && since ? (own > since ? own : since) : (own ?? since);
  if (after) query.created_after = after;
  async function* unread() {
    for await (const c of client.candidates(query, p.limit ?? null, p.offset ?? 0)) {
      if (token && alreadyRead(c, token)) continue;
      yield c;
    }
  }
  const details = mapConcurrent(unread(), DETAIL_CONCURRENCY, async (listed) => {
    const c = await client.getCandidate(String(listed.id));
    if (!c) {
      ctx.logger.warn(`Recruitee candidate ${listed.id} disappeared before its details were read`);
      return null;
    }
    if (!c.cv_original_url) return c;
    try {
      return { ...c, cv_file: await client.downloadResume(c.cv_original_url) };
    } catch (err) {
      ctx.logger.warn(`Recruitee candidate ${c.id}: resume not downloaded (${(err as Error).message})`);
      return c;
    }
  });
  for await (const c of details) if (c) yield c;
}

/**
 * The archive read: the named candidates Recruitee no longer has, learned 100 ids per request from
 * the list filtered by id (`GET /candidates?ids=`), or one `GET /candidates/{id}` (404) each when
 * that list fails. A candidate that still exists is kept in HrFlow, with a warning.
 */
async function* readDeleted(
  ctx: ReadContext<RecruiteeAuth, ProfilesArchiveParameters>,
  client: RecruiteeClient,
): AsyncGenerator<RecruiteeCandidate> {
  const ids = ctx.parameters.candidate_ids ?? [];
  if (ids.length === 0) {
    ctx.logger.warn(
      "Recruitee lists no deleted candidates: archive_profiles_in_hrflow archives the candidate_ids it is given (a candidate_deleted webhook fills them)",
    );
    return;
  }
  const presence = existingIds(ids, {
    lookup: async (id) => (await client.getCandidate(id)) !== null,
    byIds: { size: RECRUITEE_PAGE_SIZE, list: (chunk) => client.existingIds(chunk) },
    what: "Recruitee candidates by id",
    logger: ctx.logger,
    signal: ctx.signal,
    concurrency: DETAIL_CONCURRENCY,
  });
  for await (const { id, exists } of presence) {
    if (exists) ctx.logger.warn(`Recruitee candidate ${id} still exists: not archived`);
    else yield { id: Number(id) };
  }
}

const emailOf = (item: RecruiteeCandidateItem) => item.candidate.emails?.[0];

async function writeCandidates(
  ctx: WriteContext<RecruiteeAuth, ProfilesCreateParameters>,
  items: RecruiteeCandidateItem[],
): Promise<WriteFailure<RecruiteeCandidateItem>[]> {
  const client = clientFor(ctx);
  const noId = "the candidate has no id (the HrFlow profile reference is empty)";
  if (ctx.mode === "update") {
    return writeEach(
      items,
      async (item) => {
        if (!item.id) return noId;
        await client.updateCandidate(item.id, item.candidate);
      },
      { logger: ctx.logger, label: "Updating a Recruitee candidate", reconcile: repeatableReconcile(ctx) },
    );
  }
  if (ctx.mode === "archive") {
    return writeEach(
      items,
      async (item) => {
        if (!item.id) return noId;
        if (!(await client.deleteCandidate(item.id)))
          ctx.logger.info(`Recruitee candidate ${item.id} was already deleted`);
      },
      { logger: ctx.logger, label: "Deleting a Recruitee candidate", reconcile: repeatableReconcile(ctx) },
    );
  }
  const offers = ctx.parameters.offers;
  return writeEach(
    items,
    async (item) => {
      await client.createCandidate(item.candidate, item.offers ?? offers);
    },
    {
      logger: ctx.logger,
      label: "Creating a Recruitee candidate",
      reconcile: candidateCreateReconcile(ctx, client, emailOf),
    },
  );
}

const listOffers: Endpoint = {
  name: "Get offers",
  description: "Lists offers (GET /offers), then reads each one (GET /offers/{id})",
  url: `${DOCS}/offers-get`,
};
const listCandidates: Endpoint = {
  name: "Get candidates",
  description:
    "Lists candidates page by page (GET /candidates?limit&offset), reads each one (GET /candidates/{id}) and downloads its resume",
  url: `${DOCS}/candidates-get`,
};

/** Recruitee offers: readable in every mode; archive reads archived offers only. */
export const RecruiteeJobsAisle = defineAisle({
  entity: "job",
  auth: recruiteeAuthSchema,
  schema: RecruiteeOfferSchema,
  read: {
    parameters: {
      create: jobsReadParametersSchema,
      update: jobsReadParametersSchema,
      archive: jobsArchiveParametersSchema,
    },
    endpoints: listedForArchive(
      listOffers,
      "Lists archived offers (GET /offers?scope=archived) and archives each listed one by its id: no detail call",
    ),
    read: readOffers,
  },
});

/** Recruitee candidates: readable in every mode (create incrementally), creatable, updatable, deletable. */
export const RecruiteeProfilesAisle = defineAisle({
  entity: "profile",
  auth: recruiteeAuthSchema,
  schema: RecruiteeCandidateItemSchema,
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
          "Lists the named candidates 100 ids per request (GET /candidates?ids=); one missing from the answer is deleted. If that list fails, reads each one (GET /candidates/{id}), a 404 confirming the deletion",
        url: `${DOCS}/candidates-get`,
      },
    },
    incremental: { create: createdToken },
    read: readCandidates,
  },
  write: {
    parameters: {
      create: profilesCreateParametersSchema,
      update: profilesEmptyParametersSchema,
      archive: profilesEmptyParametersSchema,
    },
    endpoints: {
      create: {
        name: "Create candidate",
        description: "Creates a candidate (POST /candidates)",
        url: `${DOCS}/candidates-post`,
      },
      update: {
        name: "Update candidate",
        description: "Updates a candidate (PATCH /candidates/{id})",
        url: `${DOCS}/candidates-id-patch`,
      },
      archive: {
        name: "Delete candidate",
        description: "Deletes the candidate (DELETE /candidates/{id}); Recruitee has no archived candidates",
        url: `${DOCS}/candidates-id-delete`,
      },
    },
    batchSize: 10,
    // Two writes of one candidate never run at once: by id, else by email.
    identity: (_ctx, item) => {
      if (item.id) return `recruitee:candidate:${item.id}`;
      const email = item.candidate.emails?.[0]?.trim().toLowerCase();
      return email ? `recruitee:candidate-email:${email}` : null;
    },
    write: writeCandidates,
  },
});

/** The Recruitee warehouse of the flow-style actions. */
export const RecruiteeWarehouse = defineWarehouse({
  name: "Recruitee",
  auth: recruiteeAuthSchema,
  aisles: [RecruiteeJobsAisle, RecruiteeProfilesAisle],
});
