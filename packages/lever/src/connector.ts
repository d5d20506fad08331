import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import type { LeverActions } from "./actions.generated.js";
import { LeverWarehouse } from "./aisles.js";
import { formatJob, formatOpportunity, formatProfile } from "./format.js";
import { LeverJobWarehouse, LeverOpportunityTarget, LeverProfileWarehouse } from "./legacy.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
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

/** The connector as defined, with the option types inferred from its schemas. */
export type LeverDefinition = typeof definition;

/** The Lever connector: every action typed from its schemas, its options documented for editors. */
export const Lever: Omit<LeverDefinition, keyof LeverActions> & LeverActions = definition;
