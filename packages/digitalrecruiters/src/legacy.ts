import { defineLegacyWarehouse, legacyReadOf, legacyWriteOf } from "@hrflow-connectors/core/legacy";
import { DigitalRecruitersJobsAisle, DigitalRecruitersProfilesAisle } from "./aisles.js";
import {
  DigitalRecruitersApplicationSchema,
  DigitalRecruitersJobAdSchema,
  DigitalRecruitersJobApplicationSchema,
} from "./objects.js";
import {
  readJobsParametersSchema,
  readProfilesParametersSchema,
  writeProfileParametersSchema,
} from "./schemas.js";

// Each older-style parameter set holds the credentials its action uses and the aisle mode's
// parameters under the aisles' names, so no split is needed: these are views of `aisles.ts`.

/** Older-style DigitalRecruiters job-ad export (origin of `pull_job_list`). */
export const DigitalRecruitersJobWarehouse = defineLegacyWarehouse({
  name: "DigitalRecruiters Jobs",
  dataSchema: DigitalRecruitersJobAdSchema,
  // The export takes no parameters: the set is all credentials.
  read: legacyReadOf(DigitalRecruitersJobsAisle, {
    mode: "create",
    parameters: readJobsParametersSchema,
    split: (p) => ({ auth: p, parameters: {} }),
  }),
});

/** Older-style DigitalRecruiters applications reader (origin of `pull_profile_list`). */
export const DigitalRecruitersReadProfilesWarehouse = defineLegacyWarehouse({
  name: "DigitalRecruiters Read Profils",
  dataSchema: DigitalRecruitersJobApplicationSchema,
  read: legacyReadOf(DigitalRecruitersProfilesAisle, {
    mode: "create",
    parameters: readProfilesParametersSchema,
  }),
});

/** Older-style DigitalRecruiters apply endpoint (target of `push_profile`). */
export const DigitalRecruitersWriteProfileWarehouse = defineLegacyWarehouse({
  name: "DigitalRecruiters Write Profile",
  dataSchema: DigitalRecruitersApplicationSchema,
  write: legacyWriteOf(DigitalRecruitersProfilesAisle, {
    mode: "create",
    parameters: writeProfileParametersSchema,
  }),
});
