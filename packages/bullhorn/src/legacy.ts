import { defineLegacyWarehouse, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { z } from "zod";
import {
  BullhornApplicationsAisle,
  BullhornCandidateWritesAisle,
  readCandidateRows,
  readJobRows,
} from "./aisles.js";
import { bullhornTokens } from "./incremental.js";
import {
  type BullhornCandidate,
  BullhornCandidateSchema,
  BullhornCandidateWriteSchema,
  type BullhornJob,
  BullhornJobSchema,
} from "./objects.js";
import {
  applicationsWriteParametersSchema,
  bullhornAuthSchema,
  DEFAULT_PROFILE_FIELDS,
  dateParameter,
} from "./schemas.js";

const DOCS = "https://bullhorn.github.io/rest-api-docs/";

// The older actions carry the credentials among their parameters, under the same names.
const auth = bullhornAuthSchema.shape;
const authOf = (p: z.output<typeof bullhornAuthSchema>) => ({
  client_id: p.client_id,
  client_secret: p.client_secret,
  password: p.password,
  username: p.username,
});

/** Origin parameters of `pull_job_list` and `pull_resume_attachment_list` (all required, as in the original). */
export const legacyReadParametersSchema = z.object({
  ...auth,
  last_modified_date: dateParameter(
    "The modification date from which you want to pull (epoch milliseconds or ISO 8601, UTC unless it names a zone)",
  ),
  fields: z.string().min(1).describe("List of fields to be retrieved from Bullhorn"),
  query: z
    .string()
    .min(1)
    .describe(
      "This query will restrict the results retrieved from Bullhorn based on the specified conditions",
    ),
  count: z
    .number()
    .int()
    .positive()
    .describe("Number of items to pull from Bullhorn per page (at most 500); every page is read"),
});
type LegacyRead = z.output<typeof legacyReadParametersSchema>;

const request = (p: LegacyRead, parseResume: boolean) => ({
  query: p.query,
  fields: p.fields,
  field: "dateLastModified" as const,
  date: p.last_modified_date,
  limit: null,
  pageSize: p.count,
  changedOnly: false,
  parseResume,
});
const searchEndpoint = (entity: string) => ({
  name: `Search ${entity}`,
  description: `Searches ${entity} rows changed since last_modified_date, oldest first, to the last page (GET search/${entity})`,
  url: `${DOCS}#search`,
});

/** Older-style jobs warehouse (origin of `pull_job_list`): job orders changed since a date. */
export const BullhornJobWarehouse = defineLegacyWarehouse({
  name: "BullhornJobWarehouse",
  dataSchema: BullhornJobSchema,
  read: {
    parameters: legacyReadParametersSchema,
    endpoints: [searchEndpoint("JobOrder")],
    incremental: bullhornTokens<BullhornJob>("job order").update,
    read: (ctx) => readJobRows({ ...ctx, auth: authOf(ctx.parameters) }, request(ctx.parameters, false)),
  },
});

/** Older-style resumes warehouse (origin of `pull_resume_attachment_list`): candidates with their newest resume. */
export const BullhornResumeWarehouse = defineLegacyWarehouse({
  name: "BullhornResumeWarehouse",
  dataSchema: BullhornCandidateSchema,
  read: {
    parameters: legacyReadParametersSchema,
    endpoints: [
      searchEndpoint("Candidate"),
      {
        name: "Get resume",
        description:
          "Newest Resume file with its name (GET entityFiles/Candidate/{id}, GET file/Candidate/{id}/{fileId})",
        url: `${DOCS}#file`,
      },
    ],
    incremental: bullhornTokens<BullhornCandidate>("candidate").update,
    read: async function* (ctx) {
      // A candidate without a resume has nothing to parse: it is not read rather than failed.
      for await (const c of readCandidateRows(
        { ...ctx, auth: authOf(ctx.parameters) },
        request(ctx.parameters, true),
      )) {
        if (c.resume) yield c;
        else ctx.logger.info(`Bullhorn candidate ${c.id} has no resume file; skipped`);
      }
    },
  },
});

/** Origin parameters of `pull_profile_list`: the credentials only. */
export const legacyProfileReadParametersSchema = z.object({ ...auth });

/**
 * Older-style candidates warehouse (origin of `pull_profile_list`): every candidate not deleted,
 * with educations and work histories. The original read `myCandidates`, only the API user's own.
 */
export const BullhornProfileWarehouse = defineLegacyWarehouse({
  name: "BullhornProfileWarehouse",
  dataSchema: BullhornCandidateSchema,
  read: {
    parameters: legacyProfileReadParametersSchema,
    endpoints: [
      searchEndpoint("Candidate"),
      {
        name: "Get educations and work histories",
        description:
          "The rows of 200 candidates a call, 500 rows a page (GET entity/Candidate/{id1,id2,...}/educations|workHistories)",
        url: `${DOCS}#to-many-associations`,
      },
    ],
    read: (ctx) =>
      readCandidateRows(
        { ...ctx, auth: authOf(ctx.parameters) },
        {
          query: "isDeleted:0",
          fields: DEFAULT_PROFILE_FIELDS,
          field: "dateAdded",
          date: null,
          changedOnly: false,
        },
      ),
  },
});

/** Target parameters of `push_profile`: the credentials only. */
export const legacyProfileWriteParametersSchema = z.object({ ...auth });

/** Older-style candidates target of `push_profile`. */
export const BullhornProfileTarget = defineLegacyWarehouse({
  name: "BullhornProfileWarehouse",
  dataSchema: BullhornCandidateWriteSchema,
  write: legacyWriteOf(BullhornCandidateWritesAisle, {
    mode: "create",
    parameters: legacyProfileWriteParametersSchema,
    split: (p) => ({ auth: authOf(p), parameters: {} }),
  }),
});

/** Target parameters of `push_application`. */
export const legacyApplicationParametersSchema = z.object({
  ...auth,
  ...applicationsWriteParametersSchema.shape,
});

/** Older-style applications target of `push_application`. */
export const BullhornApplicationTarget = defineLegacyWarehouse({
  name: "BullhornApplicationWarehouse",
  dataSchema: BullhornCandidateWriteSchema,
  write: legacyWriteOf(BullhornApplicationsAisle, {
    mode: "create",
    parameters: legacyApplicationParametersSchema,
    split: (p) => ({
      auth: authOf(p),
      parameters: {
        job_id: p.job_id,
        candidate_id: p.candidate_id,
        status_when_created: p.status_when_created,
        source: p.source,
      },
    }),
  }),
});
