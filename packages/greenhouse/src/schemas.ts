import { timestampParameter } from "@hrflow-connectors/core";
import { z } from "zod";

/**
 * A key the original took that Harvest v3 has no use for: absent passes, any value is refused with
 * `message` (hidden from the docs, which list the v3 keys).
 */
function retiredKey(message: string) {
  return z
    .unknown()
    .refine((v) => v === undefined, { message })
    .optional()
    .meta({ skipFromDocs: true });
}

const RETIRED_AUTH =
  "Harvest v1 API keys (the `auth` key) stop working when Greenhouse removes Harvest v1/v2 on 31 Aug 2026; " +
  "create Harvest v3 OAuth credentials (Dev Center > API Credentials) and set client_id, client_secret and user_id instead";

const NUMERIC_ID = /^\d+$/;

/** Harvest v3 credentials (client credentials grant, acting as one Greenhouse user). */
const authShape = {
  client_id: z
    .string()
    .min(1)
    .describe("Client ID of Harvest v3 OAuth credentials (Greenhouse Dev Center > API Credentials)"),
  client_secret: z.string().min(1).describe("Client secret of those credentials").meta({ secret: true }),
  user_id: z
    .string()
    .regex(NUMERIC_ID, "must be a numeric Greenhouse user id")
    .describe(
      "Numeric id of the Greenhouse user the calls act as (the token's `sub`; replaces v1's On-Behalf-Of header)",
    ),
  auth: retiredKey(RETIRED_AUTH),
};

/** Greenhouse credentials of the flow-style actions (`connector_auth`). */
export const greenhouseAuthSchema = z.object(authShape);
export type GreenhouseAuth = z.output<typeof greenhouseAuthSchema>;

const before = (what: string) =>
  timestampParameter(`Return only ${what} strictly before this timestamp (ISO-8601).`);
const after = (what: string) =>
  timestampParameter(`Return only ${what} at or after this timestamp (ISO-8601).`);
const str = (description: string) => z.string().nullish().describe(description);

const skipCount = z
  .boolean()
  .nullish()
  .describe(
    "Accepted for compatibility and ignored: Harvest v3 never counts (its cursor pages have no `last` link).",
  );

/** Pull parameters of the job flows (the same for create, update and archive). */
export const jobsReadParametersSchema = z.object({
  skip_count: skipCount,
  created_before: before("jobs created"),
  created_after: after("jobs created"),
  updated_before: before("jobs updated"),
  updated_after: after("jobs updated"),
  requisition_id: str("Return only jobs with this requisition id"),
  opening_id: str("Return only jobs having an opening with this id"),
  status: z
    .enum(["open", "closed", "draft"])
    .nullish()
    .describe(
      "Return only jobs with this status (open, closed or draft). The archive flow reads closed jobs when unset.",
    ),
  department_id: str("Return only jobs in this department"),
  external_department_id: str("Return only jobs in the department with this external id"),
  office_id: str("Return only jobs in this office"),
  external_office_id: str("Return only jobs in the office with this external id"),
  custom_field_option_id: str("Return only jobs whose custom field has this option selected"),
});
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;

/** Pull parameters of the candidate flows (the same for create, update and archive). */
export const profilesReadParametersSchema = z.object({
  skip_count: skipCount,
  created_before: before("candidates created"),
  created_after: after("candidates created"),
  updated_before: before("candidates updated"),
  updated_after: after("candidates updated"),
  job_id: str("Return only candidates who applied to this job (prospects excluded)"),
  email: str("Return only the candidate with this email address"),
  candidate_ids: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+){0,49}\s*$/, "must be at most 50 comma-separated numeric ids")
    .nullish()
    .describe("Return only these candidates (comma-separated ids, at most 50)"),
});
export type ProfilesReadParameters = z.output<typeof profilesReadParametersSchema>;

const RETIRED_ON_BEHALF_OF =
  "Harvest v3 has no On-Behalf-Of header: the acting user is connector_auth.user_id (the token's subject)";

/** Push parameters of the create and update profile flows. */
export const profilesWriteParametersSchema = z.object({
  on_behalf_of: z
    .string()
    .regex(NUMERIC_ID, "must be a numeric Greenhouse user id")
    .nullish()
    .describe(
      "Accepted for compatibility: when set it must equal connector_auth.user_id, the user Harvest v3 calls act as.",
    ),
});
export type ProfilesWriteParameters = z.output<typeof profilesWriteParametersSchema>;

/** Push parameters of `archive_profiles_in_greenhouse`. */
export const profilesArchiveParametersSchema = profilesWriteParametersSchema.extend({
  rejection_reason_id: z
    .number()
    .int()
    .nullish()
    .describe("Rejection reason given to the rejected applications (Greenhouse's default when unset)"),
  hard_delete: z
    .boolean()
    .default(false)
    .describe(
      "Delete the candidate for good (DELETE /candidates/{id}) instead of rejecting its active applications. Irreversible.",
    ),
});
export type ProfilesArchiveParameters = z.output<typeof profilesArchiveParametersSchema>;

/** Whether a write's `on_behalf_of` disagrees with the acting user; the reason, else null. */
export function onBehalfOfMismatch(onBehalfOf: string | null | undefined, userId: string): string | null {
  if (!onBehalfOf || onBehalfOf === userId) return null;
  return `${RETIRED_ON_BEHALF_OF}; on_behalf_of=${onBehalfOf} differs from user_id=${userId}`;
}

// ---- Older-style warehouses: auth and parameters in one object.

/** Origin parameters of `pull_job_list` (the public Job Board API: no credentials). */
export const legacyJobReadParametersSchema = z.object({
  board_token: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "must be a Greenhouse job board token (letters, digits, - and _)")
    .describe("Job board token (the name in boards.greenhouse.io/<board_token>)"),
});
export type LegacyJobReadParameters = z.output<typeof legacyJobReadParametersSchema>;

/** Origin parameters of `pull_profile_list`. */
export const legacyProfileReadParametersSchema = z.object({
  ...authShape,
  created_after: after("candidates created"),
  updated_after: after("candidates updated"),
  job_id: str("Return only candidates who applied to this job"),
  email: str("Return only the candidate with this email address"),
  candidate_ids: profilesReadParametersSchema.shape.candidate_ids,
});
export type LegacyProfileReadParameters = z.output<typeof legacyProfileReadParametersSchema>;

/** Target parameters of `push_profile`. */
export const legacyProfileWriteParametersSchema = z.object({
  ...authShape,
  on_behalf_of: profilesWriteParametersSchema.shape.on_behalf_of,
});
export type LegacyProfileWriteParameters = z.output<typeof legacyProfileWriteParametersSchema>;
