import {
  defineLegacyWarehouse,
  type LegacyReadContext,
  type LegacyWriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { createTalentSoftClient } from "./client.js";
import {
  type TalentSoftApplicantItem,
  TalentSoftApplicantItemSchema,
  type TalentSoftVacancy,
} from "./objects.js";
import {
  jobsReadParametersSchema,
  profilesReadParametersSchema,
  profilesWriteParametersSchema,
} from "./schemas.js";

const EXPORTS_DOCS =
  "https://developers.cegid.com/api-details#api=cegid-talentsoft-recruiting-matchingindexation";
const FRONT_OFFICE_DOCS =
  "https://developers.cegid.com/docreference/BusinessUnits/Recruiting-developer-portal/frontoffice/documentation.html";

/**
 * Vacancies, page by page, up to `max_read`. Incremental runs ask only for vacancies updated after
 * the newest `modificationDate` already read; the first one reads everything (the original started
 * from today's date and never pulled older changes).
 */
async function* readJobs(ctx: LegacyReadContext<typeof jobsReadParametersSchema>) {
  const p = ctx.parameters;
  if (ctx.incremental && p.filter) throw new Error("filter cannot be set when read_mode is incremental");
  const filter = ctx.incremental
    ? ctx.incrementalToken
      ? `updateDate:gt:${ctx.incrementalToken}`
      : null
    : p.filter;
  const client = createTalentSoftClient(ctx, p, "back");
  yield* client.vacancies({ filter, q: p.q }, p.max_read);
}

/** Candidates, page by page, with their attachments' bytes (streamed: one page in memory at a time). */
async function* readProfiles(ctx: LegacyReadContext<typeof profilesReadParametersSchema>) {
  const p = ctx.parameters;
  const client = createTalentSoftClient(ctx, p, "back");
  const query = p.only_resume
    ? { filter: p.filter, attachmenttype: "resume" as const }
    : { filter: p.filter };
  yield* client.candidates(query, p.fileId);
}

const MIME: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  rtf: "application/rtf",
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};

/** The content type of a file name's extension, if known. */
export function mimeTypeOf(fileName: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ? MIME[ext] : undefined;
}

/**
 * The application part: an offer application on `job_reference` when one is given or the format
 * set one; otherwise a spontaneous application rather than an offer application on "".
 */
export function applicationFor(
  application: TalentSoftApplicantItem["application"],
  jobReference: string | null,
): Record<string, unknown> {
  const offerReference = jobReference ?? application.offerReference ?? null;
  if (offerReference) return { ...application, type: application.type || "offer", offerReference };
  const { offerReference: _none, ...rest } = application;
  return { ...rest, type: "spontaneous" };
}

async function writeApplicants(
  ctx: LegacyWriteContext<typeof profilesWriteParametersSchema>,
  items: TalentSoftApplicantItem[],
): Promise<WriteFailure<TalentSoftApplicantItem>[]> {
  const p = ctx.parameters;
  const client = createTalentSoftClient(ctx, p, "front");
  return writeEach(
    items,
    async (item) => {
      const { attachment, ...body } = item;
      const file = await client.download(attachment.public_url);
      if (file.bytes.byteLength === 0) throw new Error(`the resume at ${attachment.public_url} is empty`);
      const name = attachment.original_file_name || attachment.file_name || "resume.pdf";
      const type = mimeTypeOf(name) ?? file.contentType ?? "application/octet-stream";
      const application = applicationFor(body.application, p.job_reference);
      await client.createApplication(
        { ...body, application },
        { name, type, bytes: file.bytes },
        p.job_reference,
      );
    },
    { logger: ctx.logger, label: "Creating a TalentSoft application" },
  );
}

/** Older-style TalentSoft Jobs warehouse (origin of `pull_job_list`): the vacancies export. */
export const TalentSoftJobWarehouse = defineLegacyWarehouse({
  name: "TalentSoft Jobs",
  read: {
    parameters: jobsReadParametersSchema,
    endpoints: [
      {
        name: "Export vacancies",
        description: "Vacancies as length-prefixed ZIP records, page by page (GET /api/exports/v1/vacancies)",
        url: `${EXPORTS_DOCS}&operation=api-exports-v1-vacancies-get`,
      },
    ],
    incremental: {
      token: (job: TalentSoftVacancy) => {
        if (!job.modificationDate) throw new Error(`vacancy ${job.reference} has no modificationDate`);
        return job.modificationDate;
      },
    },
    read: readJobs,
  },
});

/** Older-style TalentSoft Profiles warehouse: the candidates export (read), applications (write). */
export const TalentSoftProfileWarehouse = defineLegacyWarehouse({
  name: "TalentSoft Profiles",
  dataSchema: TalentSoftApplicantItemSchema,
  read: {
    parameters: profilesReadParametersSchema,
    endpoints: [
      {
        name: "Export candidates",
        description:
          "Candidates with their attachments as length-prefixed ZIP records, page by page (GET /api/exports/v1/candidates)",
        url: `${EXPORTS_DOCS}&operation=api-exports-v1-candidates-get`,
      },
    ],
    read: readProfiles,
  },
  write: {
    parameters: profilesWriteParametersSchema,
    endpoints: [
      {
        name: "Create application without account",
        description:
          "Creates the applicant and the application with the resume (POST /api/v2/applicants/applicationswithoutaccount)",
        url: FRONT_OFFICE_DOCS,
      },
    ],
    batchSize: 10,
    write: writeApplicants,
  },
});
