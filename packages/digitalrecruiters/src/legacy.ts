import {
  defineLegacyWarehouse,
  type LegacyReadContext,
  type LegacyWriteContext,
  mapConcurrent,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { DigitalRecruitersClient, downloadPublicFile } from "./client.js";
import {
  type DigitalRecruitersApplication,
  DigitalRecruitersApplicationSchema,
  DigitalRecruitersJobAdSchema,
  type DigitalRecruitersJobApplication,
  DigitalRecruitersJobApplicationSchema,
} from "./objects.js";
import { type ApplicationsQuery, DigitalRecruitersPublicApi } from "./public-api.js";
import {
  readJobsParametersSchema,
  readProfilesParametersSchema,
  writeProfileParametersSchema,
} from "./schemas.js";

/** CV downloads in flight at once while the listing streams on (order is kept); the rate limiter sets the pace, this bounds memory. */
export const CV_CONCURRENCY = 16;

/** Every job ad of the export, streamed to the board. */
async function* readJobs(ctx: LegacyReadContext<typeof readJobsParametersSchema>) {
  const client = new DigitalRecruitersClient(ctx, ctx.parameters);
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
async function* readProfiles(ctx: LegacyReadContext<typeof readProfilesParametersSchema>) {
  const p = ctx.parameters;
  const api = new DigitalRecruitersPublicApi(ctx, {
    environment_url: p.environment_url,
    api_key: p.api_key,
    email: p.username,
    password: p.password,
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

async function applyOne(
  ctx: LegacyWriteContext<typeof writeProfileParametersSchema>,
  client: DigitalRecruitersClient,
  item: DigitalRecruitersApplication,
): Promise<void> {
  const p = ctx.parameters;
  const { resume_url, resume_name, ...fields } = item;
  let file: { content: string; name: string } | undefined;
  if (resume_url) {
    // Downloaded before the apply call: a file that cannot be fetched fails the item before DR
    // sees it, so replaying the dead letter cannot create a second application.
    const resume = await downloadPublicFile(ctx, resume_url);
    file = {
      content: Buffer.from(resume.raw).toString("base64"),
      name: resume_name ?? resume.file_name ?? "resume.pdf",
    };
  }
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
  ctx: LegacyWriteContext<typeof writeProfileParametersSchema>,
  items: DigitalRecruitersApplication[],
): Promise<WriteFailure<DigitalRecruitersApplication>[]> {
  const client = new DigitalRecruitersClient(ctx, ctx.parameters);
  return writeEach(items, (item) => applyOne(ctx, client, item), {
    logger: ctx.logger,
    label: `Applying a profile to DigitalRecruiters job ${ctx.parameters.job_reference}`,
  });
}

/** Older-style DigitalRecruiters job-ad export (origin of `pull_job_list`). */
export const DigitalRecruitersJobWarehouse = defineLegacyWarehouse({
  name: "DigitalRecruiters Jobs",
  dataSchema: DigitalRecruitersJobAdSchema,
  read: {
    parameters: readJobsParametersSchema,
    endpoints: [
      {
        name: "Read Jobs",
        description: "Exports every published job ad of the account (GET /export/job-ads/{token})",
        url: "{url_environnement}/export/job-ads/{token}",
      },
    ],
    read: readJobs,
  },
});

/** Older-style DigitalRecruiters applications reader (origin of `pull_profile_list`). */
export const DigitalRecruitersReadProfilesWarehouse = defineLegacyWarehouse({
  name: "DigitalRecruiters Read Profils",
  dataSchema: DigitalRecruitersJobApplicationSchema,
  read: {
    parameters: readProfilesParametersSchema,
    endpoints: [
      {
        name: "Read Profiles",
        description:
          "Lists detailed job applications page by page, after logging in (GET /public/v1/job-applications/detailed)",
        url: "{url_environnement}/public/v1/job-applications/detailed",
      },
    ],
    read: readProfiles,
  },
});

/** Older-style DigitalRecruiters apply endpoint (target of `push_profile`). */
export const DigitalRecruitersWriteProfileWarehouse = defineLegacyWarehouse({
  name: "DigitalRecruiters Write Profile",
  dataSchema: DigitalRecruitersApplicationSchema,
  write: {
    parameters: writeProfileParametersSchema,
    endpoints: [
      {
        name: "Write Profile",
        description: "Write profile to Digital Recruiters",
        url: "{url_environnement}/api/candidate/apply/{token}",
      },
    ],
    batchSize: 10,
    write: writeProfiles,
  },
});
