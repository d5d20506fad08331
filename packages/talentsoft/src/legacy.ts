import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { TalentSoftJobsAisle, TalentSoftProfilesAisle } from "./aisles.js";
import { TalentSoftApplicantItemSchema } from "./objects.js";
import {
  jobsReadParametersSchema,
  profilesReadParametersSchema,
  profilesWriteParametersSchema,
  type TalentSoftAuth,
} from "./schemas.js";

/**
 * The older-style TalentSoft warehouses, declared from the aisles (`aisles.ts` holds every read and
 * write): each names its parameter set, as the original documents it, and how that one set splits
 * into the aisle's credentials and the operation's parameters.
 */

/** The older style's one parameter set: the credentials apart, the rest as the operation's parameters. */
function credentialsApart<P extends TalentSoftAuth>(p: P) {
  const { client_id, client_secret, client_url, ...parameters } = p;
  return { auth: { client_id, client_secret, client_url }, parameters };
}

/** The candidates' resumes only: `only_resume` is pinned, so it is not a parameter of the action. */
const resumeReadParametersSchema = profilesReadParametersSchema.omit({ only_resume: true });

/** Older-style TalentSoft Jobs warehouse (origin of `pull_job_list`): the vacancies export. */
export const TalentSoftJobWarehouse = defineLegacyWarehouse({
  name: "TalentSoft Jobs",
  read: legacyReadOf(TalentSoftJobsAisle, {
    mode: "create",
    parameters: jobsReadParametersSchema,
    split: credentialsApart,
  }),
});

const applications = legacyWriteOf(TalentSoftProfilesAisle, {
  mode: "create",
  parameters: profilesWriteParametersSchema,
  split: credentialsApart,
});

/** Older-style TalentSoft Profiles warehouse: the candidates export (read), applications (write). */
export const TalentSoftProfileWarehouse = defineLegacyWarehouse({
  name: "TalentSoft Profiles",
  dataSchema: TalentSoftApplicantItemSchema,
  read: legacyReadOf(TalentSoftProfilesAisle, {
    mode: "create",
    parameters: profilesReadParametersSchema,
    split: credentialsApart,
  }),
  write: applications,
});

/**
 * The same warehouse reading candidates with their resume attachments only (origin of the three
 * actions that parse resumes): `only_resume: true` is fixed by the split.
 */
export const TalentSoftResumeWarehouse = defineLegacyWarehouse({
  name: "TalentSoft Profiles",
  dataSchema: TalentSoftApplicantItemSchema,
  read: legacyReadOf(TalentSoftProfilesAisle, {
    mode: "create",
    parameters: resumeReadParametersSchema,
    split: (p) => {
      const { auth, parameters } = credentialsApart(p);
      return { auth, parameters: { ...parameters, only_resume: true } };
    },
  }),
  write: applications,
});
