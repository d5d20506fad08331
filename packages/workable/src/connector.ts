import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import type { WorkableActions } from "./actions.generated.js";
import { WorkableWarehouse } from "./aisles.js";
import {
  formatCandidate,
  formatCandidateArchive,
  formatJob,
  formatJobArchive,
  formatLegacyJob,
  formatLegacyProfile,
  formatProfile,
  formatProfileUpdate,
} from "./format.js";
import { WorkableJobWarehouse, WorkableProfileWarehouse } from "./legacy.js";
import { parseWorkableCandidateEvent } from "./webhook.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "Workable",
  subtype: "workable",
  type: "HCM",
  url: "https://www.workable.com/",
  description:
    "More than an applicant tracking system, Workable's talent acquisition software helps teams find candidates, evaluate applicants and make the right hire, faster.",
  warehouse: WorkableWarehouse,
  hrflow: HrFlowWarehouse,
  flows: [
    { mode: "create", entity: "job", direction: "inbound", format: formatJob },
    { mode: "update", entity: "job", direction: "inbound", format: formatJob },
    { mode: "archive", entity: "job", direction: "inbound", format: formatJobArchive },
    {
      mode: "create",
      entity: "profile",
      direction: "inbound",
      format: formatCandidate,
      eventParser: parseWorkableCandidateEvent,
    },
    {
      mode: "update",
      entity: "profile",
      direction: "inbound",
      format: formatCandidate,
      eventParser: parseWorkableCandidateEvent,
    },
    { mode: "archive", entity: "profile", direction: "inbound", format: formatCandidateArchive },
    { mode: "create", entity: "profile", direction: "outbound", format: formatProfile },
    { mode: "update", entity: "profile", direction: "outbound", format: formatProfileUpdate },
  ],
  legacyActions: [
    {
      name: "pull_job_list",
      trigger: "pull",
      description: "Retrieves all jobs via the ***Workable*** API and send them to a ***Hrflow.ai Board***.",
      origin: WorkableJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatLegacyJob,
    },
    {
      name: "push_profile",
      trigger: "catch",
      description:
        "Writes a profile from ***Hrflow.ai Source*** to ***Workable*** via the API for the given `shortcode`.",
      origin: HrFlowProfileWarehouse,
      target: WorkableProfileWarehouse,
      format: formatLegacyProfile,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type WorkableDefinition = typeof definition;

/** The Workable connector: every action typed from its schemas, its options documented for editors. */
export const Workable: Omit<WorkableDefinition, keyof WorkableActions> & WorkableActions = definition;
