import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import { LeverWarehouse } from "./aisles.js";
import { formatJob, formatOpportunity, formatProfile } from "./format.js";
import { LeverJobWarehouse, LeverOpportunityTarget, LeverProfileWarehouse } from "./legacy.js";

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
