import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { WorkableJobsAisle, WorkableProfilesAisle } from "./aisles.js";
import { candidateOfCreateBody, WorkableCandidateCreateBodySchema } from "./objects.js";
import { legacyJobReadParametersSchema, legacyProfileWriteParametersSchema } from "./schemas.js";

const DOCS = "https://workable.readme.io/reference";

/** Older-style Workable jobs warehouse (origin of `pull_job_list`). */
export const WorkableJobWarehouse = defineLegacyWarehouse({
  name: "WorkableJobWarehouse",
  // Every published job with its descriptions. The original read one page (50 jobs) without the
  // descriptions, and the HrFlow board's `sync` then archived every job past that page.
  read: legacyReadOf(WorkableJobsAisle, {
    mode: "create",
    parameters: legacyJobReadParametersSchema,
    incremental: false,
    split: (p) => ({
      auth: { api_access_token: p.auth, subdomain: p.subdomain },
      parameters: { state: "published" },
    }),
    endpoints: [
      {
        name: "Get published jobs",
        description: "Lists published jobs with their descriptions, page by page (GET /jobs)",
        url: `${DOCS}/jobs`,
      },
    ],
  }),
});

/** Older-style Workable candidates warehouse (target of `push_profile`): adds candidates to a job. */
export const WorkableProfileWarehouse = defineLegacyWarehouse({
  name: "WorkableProfileWarehouse",
  dataSchema: WorkableCandidateCreateBodySchema,
  // The action's format produces create bodies; the profiles aisle writes candidates, so each body
  // is mapped onto one (a failed item is dead-lettered as the body the format produced).
  write: legacyWriteOf(WorkableProfilesAisle, {
    mode: "create",
    parameters: legacyProfileWriteParametersSchema,
    split: (p) => ({
      auth: { api_access_token: p.auth, subdomain: p.subdomain },
      parameters: { job_shortcode: p.shortcode },
    }),
    toAisleItem: candidateOfCreateBody,
    endpoints: [
      {
        name: "Create candidate",
        description: "Adds a candidate to the job (POST /jobs/{shortcode}/candidates)",
        url: `${DOCS}/job-candidates-create`,
      },
    ],
  }),
});
