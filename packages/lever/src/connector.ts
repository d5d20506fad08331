import { defineConnector, defineWarehouse } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import { formatJob, formatOpportunity, formatProfile } from "./format.js";
import { LeverJobWarehouse, LeverOpportunityTarget, LeverProfileWarehouse } from "./legacy.js";
import { leverAuthSchema } from "./schemas.js";

/**
 * The Lever warehouse of the flow style. The original has no flow-style Lever actions, so it has
 * no aisles yet; it carries the credentials schema for tools that list connectors.
 */
export const LeverWarehouse = defineWarehouse({ name: "Lever", auth: leverAuthSchema, aisles: [] });

/** The Lever connector: the original's three actions, under their names and parameters. */
export const Lever = defineConnector({
  name: "Lever",
  subtype: "lever",
  type: "ATS",
  url: "https://www.lever.co/",
  description: "Lever is a modern recruitment platform that helps companies streamline their hiring process.",
  warehouse: LeverWarehouse,
  hrflow: HrFlowWarehouse,
  legacyActions: [
    {
      name: "pull_job_list",
      trigger: "pull",
      description: "Retrieves all jobs via the Lever API and sends them to the Hrflow.ai Board.",
      origin: LeverJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatJob,
    },
    {
      name: "push_profile",
      trigger: "catch",
      description: "Writes a profile from the Hrflow.ai Source to Lever via the API.",
      origin: HrFlowProfileWarehouse,
      target: LeverOpportunityTarget,
      format: formatOpportunity,
    },
    {
      name: "pull_profile_list",
      trigger: "pull",
      description: "Read a profile from Lever Source to Hrflow.ai via the API.",
      origin: LeverProfileWarehouse,
      target: HrFlowProfileWarehouse,
      format: formatProfile,
    },
  ],
});
