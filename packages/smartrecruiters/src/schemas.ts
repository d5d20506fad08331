import { timestampParameter } from "@hrflow-connectors/core";
import { z } from "zod";

const secret = (description: string, examples?: string[]) =>
  z
    .string()
    .min(1)
    .nullish()
    .describe(description)
    .meta(examples ? { secret: true, examples } : { secret: true });

/**
 * SmartRecruiters credentials (`connector_auth`): the original's `x_smart_token`, or an OAuth
 * client-credentials app (`client_id` + `client_secret`). Exactly one of the two is needed.
 */
export const smartRecruitersAuthSchema = z
  .object({
    // One of the two credential kinds is needed: the docs' examples show the token.
    x_smart_token: secret("X-Smart-Token used to access SmartRecruiters API", ["your_x_smart_token"]),
    client_id: z
      .string()
      .min(1)
      .nullish()
      .describe(
        "Client id of a SmartRecruiters OAuth client-credentials app (with client_secret, instead of x_smart_token); the credential needs a System role",
      ),
    client_secret: secret("Client secret of the OAuth client-credentials app (with client_id)"),
  })
  .superRefine((a, ctx) => {
    const oauth = Boolean(a.client_id) || Boolean(a.client_secret);
    if (a.x_smart_token && oauth) {
      ctx.addIssue({
        code: "custom",
        path: ["x_smart_token"],
        message: "set either x_smart_token or client_id + client_secret, not both",
      });
    } else if (!a.x_smart_token && !oauth) {
      ctx.addIssue({
        code: "custom",
        path: ["x_smart_token"],
        message: "set x_smart_token, or client_id + client_secret of an OAuth client-credentials app",
      });
    } else if (oauth && !(a.client_id && a.client_secret)) {
      ctx.addIssue({
        code: "custom",
        path: [a.client_id ? "client_secret" : "client_id"],
        message: "an OAuth client-credentials app needs both client_id and client_secret",
      });
    }
  });
export type SmartRecruitersAuth = z.output<typeof smartRecruitersAuthSchema>;

/** The largest page SmartRecruiters serves. */
export const SMARTRECRUITERS_PAGE_SIZE = 100;

// The original capped every run at 100 items by default; now the whole list is read unless the
// user asks for a cap.
const limit = (what: string) =>
  z.number().int().positive().nullish().describe(`Total number of ${what} to pull; all of them when not set`);

const updatedAfter = (what: string) =>
  timestampParameter(`ISO8601-formatted time boundaries for the ${what} update time`);

/** Pull parameters of the job flows (the same for create, update and archive). */
export const jobsReadParametersSchema = z.object({
  query: z
    .string()
    .nullish()
    .describe("Case insensitive full-text query against job title e.g. java developer"),
  updated_after: updatedAfter("job"),
  posting_status: z
    .enum(["PUBLIC", "INTERNAL", "NOT_PUBLISHED", "PRIVATE"])
    .nullish()
    .describe("Posting status of a job. One of ['PUBLIC', 'INTERNAL', 'NOT_PUBLISHED', 'PRIVATE']"),
  job_status: z
    .enum(["CREATED", "SOURCING", "FILLED", "INTERVIEW", "OFFER", "CANCELLED", "ON_HOLD"])
    .nullish()
    .describe(
      "Status of a job. One of ['CREATED', 'SOURCING', 'FILLED', 'INTERVIEW', 'OFFER', 'CANCELLED', 'ON_HOLD']",
    ),
  limit: limit("jobs"),
});
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;

/** Pull parameters of the candidate flows (the same for create, update and archive). */
export const profilesReadParametersSchema = z.object({
  query: z.string().nullish().describe("Case insensitive full-text query against candidates"),
  job_ids: z.array(z.string()).nullish().describe("List of job ids the candidates applied to"),
  tags: z.array(z.string()).nullish().describe("List of tags of the candidates"),
  onboarding_status: z
    .enum(["READY_TO_ONBOARD", "ONBOARDING_SUCCESSFUL", "ONBOARDING_FAILED"])
    .nullish()
    .describe("Onboarding status of a candidate"),
  status: z.array(z.string()).nullish().describe("Candidate status on a job, e.g. NEW, IN_REVIEW, HIRED"),
  limit: limit("candidates"),
  updated_after: updatedAfter("candidate"),
  candidate_id: z
    .string()
    .min(1)
    .nullish()
    .describe("Reads this one candidate only (what a webhook event sets); the other filters are ignored"),
});
export type ProfilesReadParameters = z.output<typeof profilesReadParametersSchema>;

/** Push parameters of the candidate updates and deletes: none, the candidate id comes from the item. */
export const profilesWriteParametersSchema = z.object({});

/** Push parameters of `create_profiles_in_smartrecruiters`: the talent pool, or a job to apply to. */
export const profilesCreateParametersSchema = z.object({
  job_id: z
    .string()
    .min(1)
    .nullish()
    .describe("Id of a job to apply the candidates to; the talent pool when not set (as the original did)"),
});
export type ProfilesCreateParameters = z.output<typeof profilesCreateParametersSchema>;

// ---- Older-style warehouses: auth and parameters in one object, as the original's v1 had them.

/** Origin parameters of `pull_job_list`. */
export const legacyJobReadParametersSchema = z.object({
  x_smart_token: z
    .string()
    .min(1)
    .describe("X-Smart-Token used to access SmartRecruiters API")
    .meta({ secret: true }),
  query: jobsReadParametersSchema.shape.query,
  updated_after: jobsReadParametersSchema.shape.updated_after,
  posting_status: jobsReadParametersSchema.shape.posting_status,
  job_status: jobsReadParametersSchema.shape.job_status,
  limit: z
    .number()
    .int()
    .min(1)
    .max(SMARTRECRUITERS_PAGE_SIZE)
    .default(SMARTRECRUITERS_PAGE_SIZE)
    .describe("Number of items to pull from SmartRecruiters at a time (page size); every page is read"),
});
export type LegacyJobReadParameters = z.output<typeof legacyJobReadParametersSchema>;

/** Target parameters of `push_profile`. */
export const legacyProfileWriteParametersSchema = z.object({
  x_smart_token: z
    .string()
    .min(1)
    .describe("X-Smart-Token used to access SmartRecruiters API")
    .meta({ secret: true }),
  job_id: z.string().min(1).describe("Id of a Job to which you want to assign a candidates"),
});
export type LegacyProfileWriteParameters = z.output<typeof legacyProfileWriteParametersSchema>;
