import { timestampParameter } from "@hrflow-connectors/core";
import { z } from "zod";

// The subdomain becomes part of a host name, so anything but a DNS label is refused before a
// request could be sent somewhere unexpected.
const SUBDOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const subdomainMessage = "must be a Workable subdomain (letters, digits and hyphens), e.g. 'acme'";

/** Workable credentials of the flow-style actions (`connector_auth`). */
export const workableAuthSchema = z.object({
  api_access_token: z
    .string()
    .min(1)
    .describe(
      "The API access token for the Workable account, which can be generated from the Integrations section in the Workable backend settings.",
    )
    .meta({ secret: true }),
  subdomain: z
    .string()
    .regex(SUBDOMAIN, subdomainMessage)
    .describe(
      "The subdomain of the Workable account, can be retrieved with a GET request to the /account endpoint",
    ),
});
export type WorkableAuth = z.output<typeof workableAuthSchema>;

// Checked before any request: free text would reach Workable as a filter it cannot read.
const timestamp = (what: string) =>
  timestampParameter(`Returns ${what} after the specified timestamp/date time.`);

/** Pull parameters of the job flows (the same for create, update and archive). */
export const jobsReadParametersSchema = z.object({
  state: z
    .enum(["archived", "closed", "draft", "published"])
    .nullish()
    .describe("Returns jobs with the current state. Possible values (draft, published, archived & closed)."),
  since_id: z.string().nullish().describe("Returns jobs with ID greater than the specified value."),
  max_id: z.string().nullish().describe("Returns jobs with ID less than the specified value."),
  created_after: timestamp("jobs created"),
  updated_after: timestamp("jobs updated"),
});
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;

/** Pull parameters of the candidate flows (the same for create, update and archive). */
export const profilesReadParametersSchema = z.object({
  email: z.string().nullish().describe("The email of the candidate to filter by"),
  shortcode: z.string().nullish().describe("The job's system generated code"),
  stage: z.string().nullish().describe("The job's stage slug, can be retrieved from the /stages endpoint"),
  max_id: z.string().nullish().describe("Returns candidates with ID less than the specified value."),
  created_after: timestamp("candidates created"),
  updated_after: timestamp("candidates updated"),
});
export type ProfilesReadParameters = z.output<typeof profilesReadParametersSchema>;

/**
 * Push parameters of `create_profiles_in_workable`. The original crashed when neither a job nor
 * the talent pool was given, and let the talent pool silently win when both were: both are now
 * parameter errors, found before any request.
 */
export const profilesCreateParametersSchema = z
  .object({
    job_shortcode: z
      .string()
      .nullish()
      .describe("The job's shortcode to which the candidate is applying")
      // One of job_shortcode and add_to_talent_pool is needed: the docs' example shows this one.
      .meta({ examples: ["your_job_shortcode"] }),
    stage: z.string().nullish().describe("The job's stage slug, can be retrieved from the /stages endpoint"),
    add_to_talent_pool: z.boolean().nullish().describe("Whether to add the candidate to the talent pool"),
  })
  .superRefine((p, ctx) => {
    if (!p.job_shortcode && !p.add_to_talent_pool) {
      ctx.addIssue({
        code: "custom",
        path: ["job_shortcode"],
        message: "set job_shortcode (apply to a job) or add_to_talent_pool=true (add to the talent pool)",
      });
    } else if (p.job_shortcode && p.add_to_talent_pool) {
      ctx.addIssue({
        code: "custom",
        path: ["add_to_talent_pool"],
        message: "set either job_shortcode or add_to_talent_pool=true, not both",
      });
    }
  });
export type ProfilesCreateParameters = z.output<typeof profilesCreateParametersSchema>;

/** `update_profiles_in_workable` takes no Workable parameters: the candidate id comes from the item. */
export const profilesUpdateParametersSchema = z.object({});

// ---- Older-style warehouses (seed 000): auth and parameters in one object, as documented there.

/** Origin parameters of `pull_job_list` (`WorkableJobWarehouse`). */
export const legacyJobReadParametersSchema = z.object({
  auth: z.string().min(1).describe("API KEY").meta({ secret: true }),
  subdomain: z.string().regex(SUBDOMAIN, subdomainMessage).describe("Subdomain"),
});
export type LegacyJobReadParameters = z.output<typeof legacyJobReadParametersSchema>;

/** Target parameters of `push_profile` (`WorkableProfileWarehouse`). */
export const legacyProfileWriteParametersSchema = z.object({
  auth: z.string().min(1).describe("API KEY").meta({ secret: true }),
  subdomain: z.string().regex(SUBDOMAIN, subdomainMessage).describe("Subdomain"),
  shortcode: z.string().min(1).describe("Job shortcode"),
});
export type LegacyProfileWriteParameters = z.output<typeof legacyProfileWriteParametersSchema>;
