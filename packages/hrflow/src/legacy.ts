import {
  chooseLegacyWrite,
  defineLegacyWarehouse,
  legacyReadOf,
  legacyWriteOf,
} from "@hrflow-connectors/core/legacy";
import { boardJobAisle } from "./aisles/jobs.js";
import { profileParsingAisle } from "./aisles/parsing.js";
import { profileAisle } from "./aisles/profiles.js";
import {
  legacyReadProfileParameters,
  legacyWriteJobParameters,
  legacyWriteProfileParameters,
  legacyWriteProfileParsingParameters,
} from "./parameters.js";
import { HrFlowJobSchema, HrFlowProfileParsingSchema, HrFlowProfileSchema } from "./schemas.js";

// The older-style HrFlow warehouses, declared from the aisles: every set holds the credentials
// under the aisle auth's names next to the mode's parameters, so no view needs a split. The
// original documented no endpoints for them, hence `endpoints: []` (their docs stay as the seeds').

/** Older-style HrFlow.ai jobs warehouse (write only): the board push, `sync` included. */
export const HrFlowJobWarehouse = defineLegacyWarehouse({
  name: "HrFlow.ai Jobs",
  dataSchema: HrFlowJobSchema,
  write: legacyWriteOf(boardJobAisle, {
    mode: "create",
    parameters: legacyWriteJobParameters,
    endpoints: [],
  }),
});

/**
 * Older-style HrFlow.ai profiles warehouse (seeds 000 and 004): reads one profile by key; writes
 * with the profile aisle's create mode, or its update mode with `edit: true`.
 */
export const HrFlowProfileWarehouse = defineLegacyWarehouse({
  name: "HrFlow.ai Profiles",
  dataSchema: HrFlowProfileSchema,
  read: legacyReadOf(profileAisle, {
    mode: "create",
    parameters: legacyReadProfileParameters,
    endpoints: [],
  }),
  write: chooseLegacyWrite(
    {
      create: legacyWriteOf(profileAisle, {
        mode: "create",
        parameters: legacyWriteProfileParameters,
        endpoints: [],
      }),
      update: legacyWriteOf(profileAisle, {
        mode: "update",
        parameters: legacyWriteProfileParameters,
        endpoints: [],
      }),
    },
    (p) => (p.edit ? "update" : "create"),
  ),
});

/** Older-style HrFlow.ai profile parsing warehouse: resumes in, parsed profiles out. */
export const HrFlowProfileParsingWarehouse = defineLegacyWarehouse({
  name: "HrFlow.ai Profile Parsing",
  dataSchema: HrFlowProfileParsingSchema,
  write: legacyWriteOf(profileParsingAisle, {
    mode: "create",
    parameters: legacyWriteProfileParsingParameters,
    endpoints: [],
  }),
});
