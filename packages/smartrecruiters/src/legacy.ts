import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { SmartRecruitersJobsAisle, SmartRecruitersProfilesAisle } from "./aisles.js";
import { SmartRecruitersCandidateSchema } from "./objects.js";
import { legacyJobReadParametersSchema, legacyProfileWriteParametersSchema } from "./schemas.js";

const DOCS = "https://developers.smartrecruiters.com/reference";

/** Older-style SmartRecruiters jobs warehouse (origin of `pull_job_list`). */
export const SmartRecruitersJobWarehouse = defineLegacyWarehouse({
  name: "SmartRecruitersJobWarehouse",
  // Every page is read, 100 jobs per request whatever `limit` says (it was the page size and
  // the original read every page too); each job's details come with it.
  read: legacyReadOf(SmartRecruitersJobsAisle, {
    mode: "create",
    parameters: legacyJobReadParametersSchema,
    incremental: false,
    split: (p) => ({
      auth: { x_smart_token: p.x_smart_token },
      parameters: {
        query: p.query,
        updated_after: p.updated_after,
        posting_status: p.posting_status,
        job_status: p.job_status,
      },
    }),
    endpoints: [
      {
        name: "Get all jobs",
        description:
          "Lists jobs page by page by nextPageId (GET /jobs), then reads each one (GET /jobs/{id})",
        url: `${DOCS}/jobsall`,
      },
    ],
  }),
});

/** Older-style SmartRecruiters candidates warehouse (target of `push_profile`): applies candidates to a job. */
export const SmartRecruitersProfileWarehouse = defineLegacyWarehouse({
  name: "SmartRecruitersProfileWarehouse",
  dataSchema: SmartRecruitersCandidateSchema,
  write: legacyWriteOf(SmartRecruitersProfilesAisle, {
    mode: "create",
    parameters: legacyProfileWriteParametersSchema,
    split: (p) => ({ auth: { x_smart_token: p.x_smart_token }, parameters: { job_id: p.job_id } }),
    endpoints: [
      {
        name: "Create candidate and assign to a job",
        description: "Adds a candidate and applies them to the job (POST /jobs/{job_id}/candidates)",
        url: `${DOCS}/jobscandidatesadd`,
      },
    ],
  }),
});
