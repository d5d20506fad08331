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

/** Origin parameters of `pull_job_list` (DigitalRecruiters Jobs). */
export const readJobsParametersSchema = z.object({
  token: pathToken(),
  environment_url: environmentUrl("Digital Recruiters API url environnement."),
});
export type ReadJobsParameters = z.output<typeof readJobsParametersSchema>;

/** Origin parameters of `pull_profile_list` (DigitalRecruiters Read Profils). */
export const readProfilesParametersSchema = z.object({
  api_key: z.string().min(1).describe("DigitalRecruiters API key").meta({ secret: true }),
  username: z.string().min(1).describe("Username for authentication"),
  password: z.string().min(1).describe("Password for authentication").meta({ secret: true }),
  environment_url: environmentUrl("URL environment for the API"),
  jobAd: z.number().int().nullish().describe("Optional: Id of a job advertisement"),
  sort: z
    .string()
    .min(1)
    .nullish()
    .describe("Optional: Field to sort by (id, firstName, lastName, createdAt, updatedAt)"),
  limit: z.number().int().min(1).default(50).describe("Optional: Limit the number of results returned"),
  page: z.number().int().min(1).default(1).describe("Optional: Page number of results returned"),
});
export type ReadProfilesParameters = z.output<typeof readProfilesParametersSchema>;

/** Target parameters of `push_profile` (DigitalRecruiters Write Profile), as seed 001 lists them. */
export const writeProfileParametersSchema = z.object({
  token: pathToken(),
  environment_url: environmentUrl("Digital Recruiters API url environnement."),
  job_reference: z.string().min(1).describe("reference of the job to which the candidate is applying."),
  message: z.string().default("message du candidat").describe("Application message."),
});
export type WriteProfileParameters = z.output<typeof writeProfileParametersSchema>;
