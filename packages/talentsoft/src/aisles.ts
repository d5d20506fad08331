import {
  defineAisle,
  defineWarehouse,
  type Endpoint,
  type IncrementalToken,
  type ReadContext,
  reconcileDefaults,
  sendTracker,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { everyMode } from "@hrflow-connectors/core/contracts";
import { applicationFor, mimeTypeOf } from "./application.js";
import { createTalentSoftClient } from "./client.js";
import {
  type TalentSoftApplicantItem,
  TalentSoftApplicantItemSchema,
  type TalentSoftCandidate,
  type TalentSoftVacancy,
  TalentSoftVacancySchema,
} from "./objects.js";
import {
  type ApplicationParameters,
  applicationParametersSchema,
  type JobsExportParameters,
  jobsExportParametersSchema,
  type ProfilesExportParameters,
  profilesExportParametersSchema,
  type TalentSoftAuth,
  talentSoftAuthSchema,
} from "./schemas.js";

/**
 * Every read and write TalentSoft does, once: the flow-style warehouse lists these aisles, and the
 * older-style warehouses of `legacy.ts` are views of them.
 */

const EXPORTS_DOCS =
  "https://developers.cegid.com/api-details#api=cegid-talentsoft-recruiting-matchingindexation";
const FRONT_OFFICE_DOCS =
  "https://developers.cegid.com/docreference/BusinessUnits/Recruiting-developer-portal/frontoffice/documentation.html";

// A read does the same whatever the mode: it is offered in every mode.

/**
 * Vacancies, page by page, up to `max_read`. Incremental runs ask only for vacancies updated after
 * the newest `modificationDate` already read; the first one reads everything (the original started
 * from today's date and never pulled older changes).
 */
async function* readJobs(
  ctx: ReadContext<TalentSoftAuth, JobsExportParameters>,
): AsyncGenerator<TalentSoftVacancy> {
  const p = ctx.parameters;
  if (ctx.incremental && p.filter) throw new Error("filter cannot be set when read_mode is incremental");
  const filter = ctx.incremental
    ? ctx.incrementalToken
      ? `updateDate:gt:${ctx.incrementalToken}`
      : null
    : p.filter;
  const client = createTalentSoftClient(ctx, ctx.auth, "back");
  yield* client.vacancies({ filter, q: p.q }, p.max_read);
}

/** The newest `modificationDate` read is the next run's starting point. */
const byModificationDate: IncrementalToken<TalentSoftVacancy> = {
  token: (job) => {
    if (!job.modificationDate) throw new Error(`vacancy ${job.reference} has no modificationDate`);
    return job.modificationDate;
  },
};

/** Candidates, page by page, with their attachments' bytes (streamed: one page in memory at a time). */
async function* readProfiles(
  ctx: ReadContext<TalentSoftAuth, ProfilesExportParameters>,
): AsyncGenerator<TalentSoftCandidate> {
  const p = ctx.parameters;
  const client = createTalentSoftClient(ctx, ctx.auth, "back");
  const query = p.only_resume
    ? { filter: p.filter, attachmenttype: "resume" as const }
    : { filter: p.filter };
  yield* client.candidates(query, p.fileId);
}

/** Creates one application per item, with its resume downloaded from HrFlow (front office). */
async function writeApplications(
  ctx: WriteContext<TalentSoftAuth, ApplicationParameters>,
  items: TalentSoftApplicantItem[],
): Promise<WriteFailure<TalentSoftApplicantItem>[]> {
  const jobReference = ctx.parameters.job_reference;
  const client = createTalentSoftClient(ctx, ctx.auth, "front");
  // The front-office API offers no way to find an application: one whose answer was lost is
  // dead-lettered with outcome "unknown", never resent; a failure before the POST is retried.
  const tracker = sendTracker<TalentSoftApplicantItem>();
  return writeEach(
    items,
    async (item) => {
      const { attachment, ...body } = item;
      const file = await client.download(attachment.public_url);
      if (file.raw.byteLength === 0) throw new Error(`the resume at ${attachment.public_url} is empty`);
      const name = attachment.original_file_name || attachment.file_name || "resume.pdf";
      const type = mimeTypeOf(name) ?? file.content_type;
      const application = applicationFor(body.application, jobReference);
      tracker.sending(item);
      await client.createApplication({ ...body, application }, { name, type, bytes: file.raw }, jobReference);
    },
    {
      logger: ctx.logger,
      label: "Creating a TalentSoft application",
      reconcile: {
        ...reconcileDefaults(ctx),
        notSent: tracker.notSent,
        describe: (item) =>
          `TalentSoft application of ${item.applicant?.personalInformation?.email ?? "(no email)"}`,
      },
    },
  );
}

const exportVacancies: Endpoint = {
  name: "Export vacancies",
  description: "Vacancies as length-prefixed ZIP records, page by page (GET /api/exports/v1/vacancies)",
  url: `${EXPORTS_DOCS}&operation=api-exports-v1-vacancies-get`,
};

const exportCandidates: Endpoint = {
  name: "Export candidates",
  description:
    "Candidates with their attachments as length-prefixed ZIP records, page by page (GET /api/exports/v1/candidates)",
  url: `${EXPORTS_DOCS}&operation=api-exports-v1-candidates-get`,
};

const createApplication: Endpoint = {
  name: "Create application without account",
  description:
    "Creates the applicant and the application with the resume (POST /api/v2/applicants/applicationswithoutaccount)",
  url: FRONT_OFFICE_DOCS,
};

/** TalentSoft vacancies: the back-office export, readable in every mode (incrementally too). */
export const TalentSoftJobsAisle = defineAisle({
  entity: "job",
  auth: talentSoftAuthSchema,
  schema: TalentSoftVacancySchema,
  read: {
    parameters: everyMode(jobsExportParametersSchema),
    endpoints: everyMode(exportVacancies),
    incremental: everyMode(byModificationDate),
    read: readJobs,
  },
});

/**
 * TalentSoft candidates: the back-office export (read, every mode) and the front-office
 * application without account (write, create). Written items are applicants with the HrFlow
 * attachment to upload; read items are exported candidates.
 */
export const TalentSoftProfilesAisle = defineAisle({
  entity: "profile",
  auth: talentSoftAuthSchema,
  schema: TalentSoftApplicantItemSchema,
  read: {
    parameters: everyMode(profilesExportParametersSchema),
    endpoints: everyMode(exportCandidates),
    read: readProfiles,
  },
  write: {
    parameters: { create: applicationParametersSchema },
    endpoints: { create: createApplication },
    batchSize: 10,
    write: writeApplications,
    // The front office may not read the exports: its own token request is the honest check.
    check: async (ctx) => {
      await createTalentSoftClient(ctx, ctx.auth, "front").signIn();
      return "got a front-office token with these credentials";
    },
  },
});

/** The TalentSoft warehouse: the tenant's credentials and its jobs and profiles aisles. */
export const TalentSoftWarehouse = defineWarehouse({
  name: "TalentSoft",
  auth: talentSoftAuthSchema,
  aisles: [TalentSoftJobsAisle, TalentSoftProfilesAisle],
});
