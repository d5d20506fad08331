import { timestampParameter } from "@hrflow-connectors/core";
import { z } from "zod";

/** The API version the original sent by default (Teamtailor echoes it in every answer). */
export const DEFAULT_API_VERSION = "20240404";

const apiVersion = (description: string) =>
  z
    .string()
    .regex(/^\d{8}$/, "must be a dated Teamtailor API version such as 20240404")
    .describe(description);

/** Teamtailor credentials of the flow-style actions (`connector_auth`). */
export const teamtailorAuthSchema = z.object({
  api_key: z
    .string()
    .min(1)
    .describe(
      "API key used to authenticate on the Teamtailor API (Settings > Integrations > API keys; candidates need an Admin key)",
    )
    .meta({ secret: true }),
  X_Api_Version: apiVersion("Dated version of the Teamtailor API, sent as the X-Api-Version header").default(
    DEFAULT_API_VERSION,
  ),
  region: z
    .enum(["eu", "na"])
    .default("eu")
    .describe(
      "The Teamtailor stack the account lives on: eu (api.teamtailor.com) or na (api.na.teamtailor.com)",
    ),
});
export type TeamtailorAuth = z.output<typeof teamtailorAuthSchema>;

const id = (what: string) => z.string().nullish().describe(`Filter by ${what} id`);
const dates = (what: string) => ({
  filter_created_at_from: timestampParameter(`Only ${what} created at or after this date`),
  filter_created_at_to: timestampParameter(`Only ${what} created at or before this date`),
  filter_updated_at_from: timestampParameter(`Only ${what} updated at or after this date`),
  filter_updated_at_to: timestampParameter(`Only ${what} updated at or before this date`),
});

const jobsShape = {
  filter_status: z
    .enum(["published", "unlisted", "archived", "draft", "scheduled", "all"])
    .nullish()
    .describe("Filter by job status (published, unlisted, archived, draft, scheduled or all)"),
  filter_feed: z.enum(["public", "internal"]).nullish().describe("Filter by job feed: public or internal"),
  filter_department: id("department"),
  filter_role: id("role"),
  filter_locations: id("location"),
  filter_regions: id("region"),
  filter_tags: z.string().nullish().describe("Filter by tag"),
  filter_remote_status: z
    .enum(["none", "hybrid", "temporary", "fully"])
    .nullish()
    .describe("Filter by remote status: none, hybrid, temporary or fully"),
  ...dates("jobs"),
  sort: z
    .string()
    .nullish()
    .describe("Sort by an attribute, `-` first for descending (default: pinned first, then by publish date)"),
};

/** Pull parameters of the create and update job flows. */
export const jobsReadParametersSchema = z.object(jobsShape);
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;

/**
 * Pull parameters of `archive_jobs_in_hrflow`: the same filters, but the read only ever returns
 * archived jobs, so any other status is refused instead of archiving live jobs in HrFlow.
 */
export const jobsArchiveParametersSchema = z.object({
  ...jobsShape,
  filter_status: z
    .literal("archived")
    .nullish()
    .describe("Archived jobs only: the read always asks for filter[status]=archived"),
});

const profilesShape = {
  filter_email: z.string().nullish().describe("Filter candidates by email"),
  filter_department: id("department"),
  filter_role: id("role"),
  filter_locations: id("location"),
  filter_regions: id("region"),
  ...dates("candidates"),
  filter_connected: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
    .nullish()
    .describe("Only candidates who are (true) or are not (false) connected to the company"),
  sort: z.string().nullish().describe("Sort by any candidate attribute, `-` first for descending"),
};

/** Pull parameters of the create and update profile flows. */
export const profilesReadParametersSchema = z.object(profilesShape);
export type ProfilesReadParameters = z.output<typeof profilesReadParametersSchema>;

/**
 * Pull parameters of `archive_profiles_in_hrflow`. Teamtailor candidates have no archived state:
 * they are deleted, and a deletion is only visible in a `candidate.destroy` webhook. The read
 * archives the candidates named here (or by the webhook) once Teamtailor confirms they are gone.
 */
export const profilesArchiveParametersSchema = z.object({
  ...profilesShape,
  candidate_ids: z
    .array(z.string().min(1))
    .nullish()
    .describe(
      "Ids of deleted Teamtailor candidates to archive in HrFlow (filled from a candidate.destroy webhook); each is archived only once Teamtailor no longer holds it (absent from its candidate list, or a 404)",
    ),
});
export type ProfilesArchiveParameters = z.output<typeof profilesArchiveParametersSchema>;

/** The profile writes take no Teamtailor parameters (the original's were empty too). */
export const profilesWriteParametersSchema = z.object({});

// ---- Older-style warehouses: auth and parameters in one object, as the original documented them.

const legacyAuth = {
  Authorization: z
    .string()
    .min(1)
    .describe("Authorization used to access Teamtailor API")
    .meta({ secret: true }),
  X_Api_Version: apiVersion("Dedicated header to specify the API version"),
};

/** Origin parameters of `pull_job_list`; the original's upper-case values are kept and mapped. */
export const legacyJobReadParametersSchema = z.object({
  ...legacyAuth,
  filter_status: z
    .enum(["NONE", "HYBRID", "TEMPORARY", "FULLY"])
    .nullish()
    .describe("Filter by remote status (sent as filter[remote-status]; the original's name is kept)"),
  filter_feed: z
    .enum(["PUBLIC", "PRIVATE"])
    .nullish()
    .describe("Filter by feed: PUBLIC (public jobs) or PRIVATE (internal jobs)"),
});
export type LegacyJobReadParameters = z.output<typeof legacyJobReadParametersSchema>;

/** Target parameters of `push_profile`. */
export const legacyProfileWriteParametersSchema = z.object(legacyAuth);
export type LegacyProfileWriteParameters = z.output<typeof legacyProfileWriteParametersSchema>;
