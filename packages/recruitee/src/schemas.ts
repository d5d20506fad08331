import { timestampParameter } from "@hrflow-connectors/core";
import { z } from "zod";

/** The ATS API hosts the original offered: production (default), staging, development. */
export const RECRUITEE_ENDPOINTS = [
  "https://api.recruitee.com/c",
  "https://api.s.recruitee.com/c",
  "https://api.rc.recruitee.dev/c",
] as const;

// The company id becomes part of the URL path: anything but an id or a subdomain is refused.
const companyId = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})$/, "must be the numeric company id or the company subdomain")
  .describe("Company ID. A company subdomain can also be used.");
const apiToken = z
  .string()
  .min(1)
  .describe("Personal API Token allowing access to the Recruitee API from external services.")
  .meta({ secret: true });

/** Recruitee credentials of the flow-style actions (`connector_auth`). */
export const recruiteeAuthSchema = z.object({
  company_id: companyId,
  api_token: apiToken,
  recruitee_endpoint: z
    .enum(RECRUITEE_ENDPOINTS)
    .default(RECRUITEE_ENDPOINTS[0])
    .describe("Recruitee ATS API endpoint: production (api.recruitee.com), staging or development"),
});
export type RecruiteeAuth = z.output<typeof recruiteeAuthSchema>;

/** A boolean filter: a real boolean (or its text), sent as `true`/`false`, never Python's `True`. */
const flag = (description: string) =>
  z
    .union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")])
    .nullish()
    .describe(description);

const profilesShape = {
  limit: z
    .number()
    .int()
    .positive()
    .nullish()
    .describe("The most candidates to return (every candidate, page by page, when unset)"),
  offset: z.number().int().min(0).nullish().describe("Candidates skipped from the beginning"),
  created_after: timestampParameter(
    "Show only candidates created after given date (yyyy-mm-ddThh:mm:ss, also without seconds)",
  ),
  disqualified: flag("Show only candidates who are disqualified in at least one job"),
  qualified: flag("Show only candidates who are qualified in at least one job"),
  ids: z.string().nullish().describe("List of IDs separated by comma, example: 234221,4211412,535432"),
  offer_id: z.string().nullish().describe("Filter by offer"),
  query: z.string().nullish().describe("Search query for candidate's name or offer"),
  sort: z
    .enum(["by_date", "by_last_message"])
    .nullish()
    .describe("Sorting options: by_date, by_last_message"),
  with_messages: flag("Show only candidates with messages"),
  with_my_messages: flag("Show only candidates with messages that current admin sent"),
};

/** Pull parameters of the create and update profile flows. */
export const profilesReadParametersSchema = z.object(profilesShape);
export type ProfilesReadParameters = z.output<typeof profilesReadParametersSchema>;

/**
 * Pull parameters of `archive_profiles_in_hrflow`: Recruitee deletes candidates (no archived
 * state) and shows a deletion only in a `candidate_deleted` webhook; the read archives the named
 * candidates once Recruitee answers 404 for them.
 */
export const profilesArchiveParametersSchema = z.object({
  ...profilesShape,
  candidate_ids: z
    .array(z.union([z.string().min(1), z.number().int()]).transform(String))
    .nullish()
    .describe(
      "Ids of deleted Recruitee candidates to archive in HrFlow (filled from a candidate_deleted webhook); each is archived only once Recruitee no longer holds it (absent from the list filtered by id, or a 404)",
    ),
});
export type ProfilesArchiveParameters = z.output<typeof profilesArchiveParametersSchema>;

const jobsShape = {
  kind: z
    .enum(["job", "talent_pool"])
    .nullish()
    .default("job")
    .describe(
      "If no kind is given, returns all job offers, if kind is job then lists only jobs, if scope is talent_pool, lists only talent pools",
    ),
  scope: z
    .enum(["active", "archived", "not_archived"])
    .nullish()
    .default("active")
    .describe(
      "If no scope is given list all job offers. archived returns only archived job offers, active returns published, internal and closed job offers, not_archived returns all but archived",
    ),
  view_mode: z
    .enum(["default", "brief"])
    .nullish()
    .default("default")
    .describe(
      "default (default mode, includes most of offer details); brief (only offer's id, title, status and kind)",
    ),
};

/** Pull parameters of the create and update job flows. */
export const jobsReadParametersSchema = z.object(jobsShape);
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;

/** Pull parameters of `archive_jobs_in_hrflow`: archived offers only (another scope is refused). */
export const jobsArchiveParametersSchema = z.object({
  ...jobsShape,
  scope: z
    .literal("archived")
    .nullish()
    .describe("Archived job offers only: the read always asks for scope=archived"),
});
export type JobsArchiveParameters = z.output<typeof jobsArchiveParametersSchema>;

/** Push parameters of `create_profiles_in_recruitee`. */
export const profilesCreateParametersSchema = z.object({
  offers: z
    .array(z.number().int())
    .nullish()
    .describe(
      "Offers to which the candidate will be assigned with default stage. You can also pass one ID as offer_id",
    ),
});
export type ProfilesCreateParameters = z.output<typeof profilesCreateParametersSchema>;

/** The update and archive writes take no Recruitee parameters (the candidate id is the reference). */
export const profilesEmptyParametersSchema = z.object({});

// ---- Older-style warehouses: auth and parameters in one object, as the original documented them.

const legacyAuth = {
  company_id: companyId,
  api_token: apiToken,
  recruitee_endpoint: z
    .enum(["STAGING ENDPOINT", "PRODUCTION ENDPOINT"])
    .describe("Specifies which endpoint to be used, satging or production."),
};

/** The host of an older-style endpoint name. */
export const legacyEndpoint = (name: "STAGING ENDPOINT" | "PRODUCTION ENDPOINT") =>
  name === "STAGING ENDPOINT" ? RECRUITEE_ENDPOINTS[1] : RECRUITEE_ENDPOINTS[0];

/** Origin parameters of `pull_job_list`. */
export const legacyJobReadParametersSchema = z.object({
  ...legacyAuth,
  kind: jobsShape.kind,
  scope: z
    .enum(["active", "archived", "not_archived"])
    .nullish()
    .describe(
      "If no scope is given list all job offers. archived returns only archived job offers, active returns published, internal and closed job offers, not_archived returns all but archived",
    ),
  view_mode: z
    .enum(["default", "brief"])
    .nullish()
    .default("brief")
    .describe(
      "default (default mode, includes most of offer details); brief (only offer's id, title, status and kind)",
    ),
});
export type LegacyJobReadParameters = z.output<typeof legacyJobReadParametersSchema>;

/** Origin parameters of `pull_profile_list`. */
export const legacyProfileReadParametersSchema = z.object({ ...legacyAuth, ...profilesShape });
export type LegacyProfileReadParameters = z.output<typeof legacyProfileReadParametersSchema>;

/** Target parameters of `push_profile`. */
export const legacyProfileWriteParametersSchema = z.object({
  ...legacyAuth,
  offer_ids: z
    .array(z.number().int())
    .nullish()
    .describe(
      "Offers to which the candidate will be assigned with default stage. You can also pass one ID as offer_id",
    ),
});
export type LegacyProfileWriteParameters = z.output<typeof legacyProfileWriteParametersSchema>;
