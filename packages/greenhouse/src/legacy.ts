import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { GreenhouseProfilesAisle } from "./aisles.js";
import { boardJobs } from "./board.js";
import { GreenhouseCandidateSchema } from "./objects.js";
import {
  legacyJobReadParametersSchema,
  legacyProfileReadParametersSchema,
  legacyProfileWriteParametersSchema,
} from "./schemas.js";

const HARVEST = "https://harvestdocs.greenhouse.io/reference";

/** Older-style Greenhouse job board warehouse (origin of `pull_job_list`): the public Job Board API. */
export const GreenhouseJobWarehouse = defineLegacyWarehouse({
  name: "GreenhouseJobWarehouse",
  read: {
    parameters: legacyJobReadParametersSchema,
    endpoints: [
      {
        name: "Get jobs",
        description:
          "Lists a job board's published posts with their content (GET /v1/boards/{board_token}/jobs?content=true)",
        url: "https://developers.greenhouse.io/job-board.html#list-jobs",
      },
    ],
    read: (ctx) => boardJobs(ctx, ctx.parameters.board_token),
  },
});

const authOf = (p: { client_id: string; client_secret: string; user_id: string }) => ({
  client_id: p.client_id,
  client_secret: p.client_secret,
  user_id: p.user_id,
});

/** Older-style Greenhouse candidates warehouse (origin of `pull_profile_list`, target of `push_profile`). */
export const GreenhouseProfileWarehouse = defineLegacyWarehouse({
  name: "GreenhouseProfileWarehouse",
  dataSchema: GreenhouseCandidateSchema,
  // Every matching candidate to the last page (the original read the first 100 only).
  read: legacyReadOf(GreenhouseProfilesAisle, {
    mode: "create",
    parameters: legacyProfileReadParametersSchema,
    incremental: false,
    split: (p) => ({
      auth: authOf(p),
      parameters: {
        created_after: p.created_after,
        updated_after: p.updated_after,
        job_id: p.job_id,
        email: p.email,
        candidate_ids: p.candidate_ids,
      },
    }),
    endpoints: [
      {
        name: "List candidates",
        description:
          "Lists candidates to the last page (GET /v3/candidates) with educations, employments and attachments joined 50 candidates per call",
        url: `${HARVEST}/get_v3-candidates`,
      },
    ],
  }),
  write: legacyWriteOf(GreenhouseProfilesAisle, {
    mode: "create",
    parameters: legacyProfileWriteParametersSchema,
    split: (p) => ({ auth: authOf(p), parameters: { on_behalf_of: p.on_behalf_of } }),
    endpoints: [
      {
        name: "Create candidate",
        description: "Creates a candidate with its applications (POST /v3/candidates, POST /v3/applications)",
        url: `${HARVEST}/post_v3-candidates`,
      },
    ],
  }),
});
