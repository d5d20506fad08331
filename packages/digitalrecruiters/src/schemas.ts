import { z } from "zod";

/**
 * Parameter sets of the older-style actions: auth and parameters in one object, with the names,
 * order, required flags, defaults and descriptions the original documents.
 */

// The original typed this field HttpUrl in one warehouse and str in the others; every action now
// refuses anything but an http(s) URL before a request is built from it.
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;
const urlMessage = "must be an http(s) URL, e.g. https://api.digitalrecruiters.com";
const environmentUrl = (description: string) => z.string().regex(HTTP_URL, urlMessage).describe(description);

const pathToken = () => z.string().min(1).describe("Digital Recruiters API token.").meta({ secret: true });

const apiKey = () => z.string().min(1).describe("DigitalRecruiters API key").meta({ secret: true });
const username = () => z.string().min(1).describe("Username for authentication");
const password = () => z.string().min(1).describe("Password for authentication").meta({ secret: true });

// The aisles' mode parameters, a fresh set of fields each time so each schema owns its own.
const applicationsQuery = () => ({
  jobAd: z.number().int().nullish().describe("Optional: Id of a job advertisement"),
  sort: z
    .string()
    .min(1)
    .nullish()
    .describe("Optional: Field to sort by (id, firstName, lastName, createdAt, updatedAt)"),
  limit: z.number().int().min(1).default(50).describe("Optional: Limit the number of results returned"),
  page: z.number().int().min(1).default(1).describe("Optional: Page number of results returned"),
});
const applyFields = () => ({
  job_reference: z.string().min(1).describe("reference of the job to which the candidate is applying."),
  message: z.string().default("message du candidat").describe("Application message."),
});

// An optional field keeps its description and secret flag on the wrapper, where docs and masking look.
const optional = <T extends z.ZodType>(field: T) => field.nullish().meta({ ...z.globalRegistry.get(field) });

/**
 * The credentials of the aisles. DigitalRecruiters has two: the account's `token` (job-ad export
 * and apply endpoints) and a public-API login (`api_key`, `username`, `password`); every operation
 * uses one of them, so only `environment_url` is required here and each operation checks its own
 * (see `aisles.ts`). The older-style parameter sets require exactly the ones their action uses.
 */
export const digitalRecruitersAuthSchema = z.object({
  token: optional(pathToken()),
  api_key: optional(apiKey()),
  username: optional(username()),
  password: optional(password()),
  environment_url: environmentUrl("Digital Recruiters API url environnement."),
});
export type DigitalRecruitersAuth = z.output<typeof digitalRecruitersAuthSchema>;

/** Read parameters of the jobs aisle (mode create): the export takes none. */
export const jobAdsReadParametersSchema = z.object({});

/** Read parameters of the profiles aisle (mode create): the job-applications query. */
export const applicationsReadParametersSchema = z.object(applicationsQuery());
export type ApplicationsReadParameters = z.output<typeof applicationsReadParametersSchema>;

/** Write parameters of the profiles aisle (mode create): the job applied to and the message. */
export const applyParametersSchema = z.object(applyFields());
export type ApplyParameters = z.output<typeof applyParametersSchema>;

// ---- Older-style parameter sets: the credentials each action uses followed by the aisle mode's
// parameters, under the aisles' names, so the older actions need no split.

/** Origin parameters of `pull_job_list` (DigitalRecruiters Jobs). */
export const readJobsParametersSchema = z.object({
  token: pathToken(),
  environment_url: environmentUrl("Digital Recruiters API url environnement."),
});
export type ReadJobsParameters = z.output<typeof readJobsParametersSchema>;

/** Origin parameters of `pull_profile_list` (DigitalRecruiters Read Profils). */
export const readProfilesParametersSchema = z.object({
  api_key: apiKey(),
  username: username(),
  password: password(),
  environment_url: environmentUrl("URL environment for the API"),
  ...applicationsQuery(),
});
export type ReadProfilesParameters = z.output<typeof readProfilesParametersSchema>;

/** Target parameters of `push_profile` (DigitalRecruiters Write Profile), as seed 001 lists them. */
export const writeProfileParametersSchema = z.object({
  token: pathToken(),
  environment_url: environmentUrl("Digital Recruiters API url environnement."),
  ...applyFields(),
});
export type WriteProfileParameters = z.output<typeof writeProfileParametersSchema>;
