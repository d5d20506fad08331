import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { LeverJobsAisle, LeverProfilesAisle } from "./aisles.js";
import { LeverOpportunityCreateSchema, LeverOpportunitySchema, LeverPostingSchema } from "./objects.js";
import {
  readJobsParametersSchema,
  readProfilesParametersSchema,
  writeProfileParametersSchema,
} from "./schemas.js";

// The older-style parameter sets hold the aisles' auth and parameters under the same names, so no
// split is needed: each warehouse below is a view of an aisle in `aisles.ts`.

/** Lever postings (origin of `pull_job_list`). */
export const LeverJobWarehouse = defineLegacyWarehouse({
  name: "Lever Jobs",
  dataSchema: LeverPostingSchema,
  read: legacyReadOf(LeverJobsAisle, { mode: "create", parameters: readJobsParametersSchema }),
});

const profilesRead = legacyReadOf(LeverProfilesAisle, {
  mode: "create",
  parameters: readProfilesParametersSchema,
});

/** Lever opportunities: origin of `pull_profile_list` (items as Lever returns them). */
export const LeverProfileWarehouse = defineLegacyWarehouse({
  name: "Lever Profiles",
  dataSchema: LeverOpportunitySchema,
  read: profilesRead,
});

/** The same Lever opportunities as `push_profile`'s target: formatted items are create-opportunity bodies. */
export const LeverOpportunityTarget = defineLegacyWarehouse({
  name: "Lever Profiles",
  dataSchema: LeverOpportunityCreateSchema,
  read: profilesRead,
  write: legacyWriteOf(LeverProfilesAisle, { mode: "create", parameters: writeProfileParametersSchema }),
});
