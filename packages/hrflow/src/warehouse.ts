import { defineWarehouse } from "@hrflow-connectors/core";
import { jobAisle } from "./aisles/jobs.js";
import { profileAisle } from "./aisles/profiles.js";
import { hrflowAuthSchema } from "./schemas.js";

/** The HrFlow.ai side of every flow: jobs (write) and profiles (read and write). */
export const HrFlowWarehouse = defineWarehouse({
  name: "HrFlow",
  auth: hrflowAuthSchema,
  aisles: [jobAisle, profileAisle],
});
