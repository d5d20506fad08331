import {
  defineAisle,
  defineWarehouse,
  mapConcurrent,
  type ReadContext,
  reconcileDefaults,
  sendTracker,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { DigitalRecruitersClient } from "./client.js";
import { credentialsFor, publicApiCredentialsSchema, tokenCredentialsSchema } from "./credentials.js";
import {
  type DigitalRecruitersApplication,
  DigitalRecruitersApplicationSchema,
  type DigitalRecruitersJobAd,
  DigitalRecruitersJobAdSchema,
  type DigitalRecruitersJobApplication,
} from "./objects.js";
import { type ApplicationsQuery, DigitalRecruitersPublicApi } from "./public-api.js";
import {
  type ApplicationsReadParameters,
  type ApplyParameters,
  applicationsReadParametersSchema,
  applyParametersSchema,
  type DigitalRecruitersAuth,
  digitalRecruitersAuthSchema,
  jobAdsReadParametersSchema,
} from "./schemas.js";

/** CV downloads in flight at once while the listing streams on (order is kept); the rate limiter sets the pace, this bounds memory. */
export const CV_CONCURRENCY = 16;

/** Every job ad of the export, streamed to the board. */
async function* readJobs(ctx: ReadContext<DigitalRecruitersAuth>): AsyncGenerator<DigitalRecruitersJobAd> {
  const client = new DigitalRecruitersClient(
    ctx,
    credentialsFor(tokenCredentialsSchema, ctx.auth, "job-ad export"),
  );
  let count = 0;
  for await (const ad of client.jobAds()) {
    count++;
    yield ad;
  }
  if (count === 0) ctx.logger.warn("The DigitalRecruiters job-ad export is empty");
  else ctx.logger.info(`Read ${count} job ad(s) from DigitalRecruiters`);
}

// The documented key is `cv`; the original looked only for `CV`, so it never fetched a resume.
function cvUrl(application: Record<string, unknown>): string | null {
  for (const key of ["cv", "CV"]) {
    const cv = application[key];
    const url = cv && typeof cv === "object" ? (cv as { url?: unknown }).url : null;
    if (typeof url === "string" && url.trim()) return url.replace(/\\/g, "").trim();
  }
  return null;
}

/**
 * Every detailed job application, page after page, each with its CV attached as `resume`.
 * Applications stream through: a few CV downloads run ahead, nothing else is held.
 */
async function* readProfiles(
  ctx: ReadContext<DigitalRecruitersAuth, ApplicationsReadParameters>,
): AsyncGenerator<DigitalRecruitersJobApplication> {
  const login = credentialsFor(publicApiCredentialsSchema, ctx.auth, "job-applications read");
  const p = ctx.parameters;
  const api = new DigitalRecruitersPublicApi(ctx, {
    environment_url: login.environment_url,
    api_key: login.api_key,
    email: login.username,
    password: login.password,
  });
  const query: ApplicationsQuery = { limit: p.limit, page: p.page };
  if (p.jobAd !== null && p.jobAd !== undefined) query.jobAd = p.jobAd;
  if (p.sort) query.sort = p.sort;
  yield* mapConcurrent(api.applications(query), CV_CONCURRENCY, async (application) => {
    const url = cvUrl(application as Record<string, unknown>);
    const resume = url ? await api.downloadCv(url) : null;
    return (resume ? { ...application, resume } : application) as DigitalRecruitersJobApplication;
  });
}

type ApplyContext = WriteContext<DigitalRecruitersAuth, ApplyParameters>;

async function applyOne(
  ctx: ApplyContext,
  client: DigitalRecruitersClient,
  item: DigitalRecruitersApplication,
  sending: (item: DigitalRecruitersApplication) => void,
): Promise<void> {
  const p = ctx.parameters;
  const { resume_url, resume_name, ...fields } = item;
  let file: { content: string; name: string } | undefined;
  if (resume_url) {
    // Downloaded before the apply call: a file that cannot be fetched fails the item before DR
    // sees it, so replaying the dead letter cannot create a second application.
    const resume = await client.downloadPublicFile(resume_url);
    file = {
      content: Buffer.from(resume.raw).toString("base64"),
      name: resume_name ?? resume.file_name ?? "resume.pdf",
    };
  }
  sending(item);
  const status = await client.apply({
    reference: p.job_reference,
    ApplicationMessage: { message: p.message },
    ...fields,
    ...(file ? { file } : {}),
  });
  if (status === 202) {
    ctx.logger.warn(
      `Application to ${p.job_reference} created, but DigitalRecruiters reports missing information`,
    );
  }
}

/** Applies each profile to the job; returns the ones DR refused or that could not be sent. */
async function writeProfiles(
  ctx: ApplyContext,
  items: DigitalRecruitersApplication[],
): Promise<WriteFailure<DigitalRecruitersApplication>[]> {
  const client = new DigitalRecruitersClient(ctx, credentialsFor(tokenCredentialsSchema, ctx.auth, "apply"));
  // DR offers no way to find an application with the apply token: an apply whose answer was lost
  // is dead-lettered with outcome "unknown", never resent; a failure before the apply is retried.
  const tracker = sendTracker<DigitalRecruitersApplication>();
  return writeEach(items, (item) => applyOne(ctx, client, item, tracker.sending), {
    logger: ctx.logger,
    label: `Applying a profile to DigitalRecruiters job ${ctx.parameters.job_reference}`,
    reconcile: {
      ...reconcileDefaults(ctx),
      notSent: tracker.notSent,
      describe: (item) =>
        `DigitalRecruiters application of ${item.ApplicationProfile?.email ?? "(no email)"}`,
    },
  });
}

/** DigitalRecruiters job ads: the account's export, read in full (the original's only mode, create). */
export const DigitalRecruitersJobsAisle = defineAisle({
  entity: "job",
  auth: digitalRecruitersAuthSchema,
  schema: DigitalRecruitersJobAdSchema,
  read: {
    parameters: { create: jobAdsReadParametersSchema },
    endpoints: {
      create: {
        name: "Read Jobs",
        description: "Exports every published job ad of the account (GET /export/job-ads/{token})",
        url: "{url_environnement}/export/job-ads/{token}",
      },
    },
    read: readJobs,
  },
});

/**
 * DigitalRecruiters candidates: detailed job applications read through the public API, and
 * applications to a job written through the apply endpoint (the items this aisle's schema validates).
 */
export const DigitalRecruitersProfilesAisle = defineAisle({
  entity: "profile",
  auth: digitalRecruitersAuthSchema,
  schema: DigitalRecruitersApplicationSchema,
  read: {
    parameters: { create: applicationsReadParametersSchema },
    endpoints: {
      create: {
        name: "Read Profiles",
        description:
          "Lists detailed job applications page by page, after logging in (GET /public/v1/job-applications/detailed)",
        url: "{url_environnement}/public/v1/job-applications/detailed",
      },
    },
    read: readProfiles,
  },
  write: {
    parameters: { create: applyParametersSchema },
    endpoints: {
      create: {
        name: "Write Profile",
        description: "Write profile to Digital Recruiters",
        url: "{url_environnement}/api/candidate/apply/{token}",
      },
    },
    batchSize: 10,
    write: writeProfiles,
  },
});

/**
 * The connector's flow-style warehouse. DigitalRecruiters has only older-style actions; the aisles
 * are its one I/O contract, and the older-style warehouses are views of them.
 */
export const DigitalRecruitersWarehouse = defineWarehouse({
  name: "DigitalRecruiters",
  auth: digitalRecruitersAuthSchema,
  aisles: [DigitalRecruitersJobsAisle, DigitalRecruitersProfilesAisle],
});
