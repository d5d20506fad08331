import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { TeamtailorJobsAisle, TeamtailorProfilesAisle } from "./aisles.js";
import { TeamtailorCandidateItemSchema } from "./objects.js";
import { legacyJobReadParametersSchema, legacyProfileWriteParametersSchema } from "./schemas.js";

const DOCS = "https://docs.teamtailor.com";

// The original's key is the whole header value's token part; `Token token=` is added by the client.
const authOf = (p: { Authorization: string; X_Api_Version: string }) => ({
  api_key: p.Authorization.replace(/^Token token=/i, ""),
  X_Api_Version: p.X_Api_Version,
  region: "eu" as const,
});

/** Older-style Teamtailor jobs warehouse (origin of `pull_job_list`). */
export const TeamtailorJobWarehouse = defineLegacyWarehouse({
  name: "TeamtailorJobWarehouse",
  read: legacyReadOf(TeamtailorJobsAisle, {
    mode: "create",
    parameters: legacyJobReadParametersSchema,
    incremental: false,
    // The original sent its `filter_status` as filter[remote-status] and its feed in upper case
    // (PRIVATE for what the API calls internal); both are mapped to the API's values.
    split: (p) => ({
      auth: authOf(p),
      parameters: {
        filter_remote_status: p.filter_status ? (p.filter_status.toLowerCase() as "none") : null,
        filter_feed: p.filter_feed ? (p.filter_feed === "PRIVATE" ? "internal" : "public") : null,
      },
    }),
    endpoints: [
      {
        name: "Get jobs",
        description: "Lists jobs following links.next, with their locations (GET /jobs?include=location)",
        url: `${DOCS}/#jobs`,
      },
    ],
  }),
});

/** Older-style Teamtailor candidates warehouse (target of `push_profile`). */
export const TeamtailorProfileWarehouse = defineLegacyWarehouse({
  name: "TeamtailorProfileWarehouse",
  dataSchema: TeamtailorCandidateItemSchema,
  write: legacyWriteOf(TeamtailorProfilesAisle, {
    mode: "create",
    parameters: legacyProfileWriteParametersSchema,
    split: (p) => ({ auth: authOf(p), parameters: {} }),
    endpoints: [
      {
        name: "Create candidate",
        description: "Creates a candidate (POST /candidates)",
        url: `${DOCS}/#candidates`,
      },
    ],
  }),
});
