import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { RecruiteeJobsAisle, RecruiteeProfilesAisle } from "./aisles.js";
import { RecruiteeCandidateItemSchema } from "./objects.js";
import {
  legacyEndpoint,
  legacyJobReadParametersSchema,
  legacyProfileReadParametersSchema,
  legacyProfileWriteParametersSchema,
} from "./schemas.js";

const DOCS = "https://docs.recruitee.com/reference";

const authOf = (p: {
  company_id: string;
  api_token: string;
  recruitee_endpoint: "STAGING ENDPOINT" | "PRODUCTION ENDPOINT";
}) => ({
  company_id: p.company_id,
  api_token: p.api_token,
  recruitee_endpoint: legacyEndpoint(p.recruitee_endpoint),
});

/** Older-style Recruitee jobs warehouse (origin of `pull_job_list`). */
export const RecruiteeJobWarehouse = defineLegacyWarehouse({
  name: "RecruiteeJobWarehouse",
  read: legacyReadOf(RecruiteeJobsAisle, {
    mode: "create",
    parameters: legacyJobReadParametersSchema,
    incremental: false,
    split: (p) => ({
      auth: authOf(p),
      parameters: { kind: p.kind ?? null, scope: p.scope ?? null, view_mode: p.view_mode ?? null },
    }),
    endpoints: [
      {
        name: "Get offers",
        description: "Lists offers (GET /offers), then each one",
        url: `${DOCS}/offers-get`,
      },
    ],
  }),
});

/** Older-style Recruitee candidates warehouse (origin of `pull_profile_list`, target of `push_profile`). */
export const RecruiteeProfileWarehouse = defineLegacyWarehouse({
  name: "RecruiteeProfileWarehouse",
  dataSchema: RecruiteeCandidateItemSchema,
  read: legacyReadOf(RecruiteeProfilesAisle, {
    mode: "create",
    parameters: legacyProfileReadParametersSchema,
    incremental: false,
    split: (p) => {
      const { company_id: _c, api_token: _t, recruitee_endpoint: _e, ...parameters } = p;
      return { auth: authOf(p), parameters };
    },
    endpoints: [
      {
        name: "Get candidates",
        description: "Lists candidates page by page (GET /candidates), then each one with its resume",
        url: `${DOCS}/candidates-get`,
      },
    ],
  }),
  write: legacyWriteOf(RecruiteeProfilesAisle, {
    mode: "create",
    parameters: legacyProfileWriteParametersSchema,
    split: (p) => ({ auth: authOf(p), parameters: { offers: p.offer_ids ?? null } }),
    endpoints: [
      {
        name: "Create candidate",
        description: "Creates a candidate (POST /candidates)",
        url: `${DOCS}/candidates-post`,
      },
    ],
  }),
});
