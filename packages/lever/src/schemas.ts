import { z } from "zod";

// Both domains become part of a host name, so anything but dot-separated DNS labels is refused
// before a request (or a secret) could be sent somewhere unexpected.
const HOST =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const hostMessage = "must be a host name part (letters, digits, hyphens and dots)";

/**
 * The Lever auth block every Lever warehouse starts with, worded and ordered as the original's
 * docs (seed 004) list it. A fresh object each time, so each parameter set owns its fields.
 */
const leverAuth = () => ({
  auth_domain: z
    .string()
    .regex(HOST, hostMessage)
    .describe("Auth domain for authenticating with Lever API, exemple: sandbox-lever"),
  client_domain: z
    .string()
    .regex(HOST, hostMessage)
    .describe("Client domain for authenticating with Lever API, exemple: api.sandbox"),
  client_id: z.string().min(1).describe("Client ID for authenticating with Lever API"),
  client_secret: z
    .string()
    .min(1)
    .describe("Client secret for authenticating with Lever API")
    .meta({ secret: true }),
  authorization_code: z
    .string()
    .min(1)
    .describe("Authorization code for obtaining access token")
    .meta({ secret: true }),
});

// The original words the profile read's page size as "jobs" too; the docs keep that wording.
const limit = () =>
  z.number().int().min(1).max(100).default(100).describe("Number of jobs to fetch per request (max: 100)");

/** The Lever credentials shared by every operation. */
export const leverAuthSchema = z.object(leverAuth());
export type LeverCredentials = z.output<typeof leverAuthSchema>;

// The create-opportunity query parameters, a fresh set each time (see `leverAuth`).
const createQuery = () => ({
  perform_as: z.string().min(1).describe("User ID on behalf of whom the create action should be performed"),
  parse: z.boolean().default(false).describe("If true, parse resume for autofilling"),
  perform_as_posting_owner: z
    .boolean()
    .default(false)
    .describe("If true, set Opportunity owner to posting owner"),
});

/** Read parameters of the jobs aisle (mode create): the page size. */
export const jobsReadParametersSchema = z.object({ limit: limit() });
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;

/** Read parameters of the profiles aisle (mode create): the page size. */
export const profilesReadParametersSchema = z.object({ limit: limit() });
export type ProfilesReadParameters = z.output<typeof profilesReadParametersSchema>;

/** Write parameters of the profiles aisle (mode create): the create-opportunity query parameters. */
export const profilesCreateParametersSchema = z.object(createQuery());
export type ProfilesCreateParameters = z.output<typeof profilesCreateParametersSchema>;

// ---- Older-style parameter sets: the auth block followed by the aisle mode's own parameters,
// under the same names, so the older actions need no split.

/** Origin parameters of `pull_job_list` (`LeverJobWarehouse`). */
export const readJobsParametersSchema = z.object({ ...leverAuth(), limit: limit() });
export type ReadJobsParameters = z.output<typeof readJobsParametersSchema>;

/** Origin parameters of `pull_profile_list` (`LeverProfileWarehouse`, seed 004). */
export const readProfilesParametersSchema = z.object({ ...leverAuth(), limit: limit() });
export type ReadProfilesParameters = z.output<typeof readProfilesParametersSchema>;

/** Target parameters of `push_profile` (`LeverOpportunityTarget`); the last three are query parameters. */
export const writeProfileParametersSchema = z.object({
  ...leverAuth(),
  ...createQuery(),
});
export type WriteProfileParameters = z.output<typeof writeProfileParametersSchema>;
