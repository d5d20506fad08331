import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import type { GreenhouseActions } from "./actions.generated.js";
import { GreenhouseWarehouse } from "./aisles.js";
import {
  formatCandidate,
  formatCandidateArchive,
  formatJob,
  formatJobArchive,
  formatProfile,
  formatProfileArchive,
  formatProfileUpdate,
} from "./format.js";
import { formatLegacyJob } from "./format-legacy.js";
import { GreenhouseJobWarehouse, GreenhouseProfileWarehouse } from "./legacy.js";
import { parseGreenhouseCandidateEvent } from "./webhook.js";

const candidateEvents = { eventParser: parseGreenhouseCandidateEvent };

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "Greenhouse",
  subtype: "greenhouse",
  type: "ATS",
  url: "https://www.greenhouse.io/",
  description:
    "Greenhouse is an applicant tracking system and hiring software that helps companies attract, hire and onboard the right people.",
  warehouse: GreenhouseWarehouse,
  hrflow: HrFlowWarehouse,
  flows: [
    { mode: "create", entity: "job", direction: "inbound", format: formatJob },
    { mode: "update", entity: "job", direction: "inbound", format: formatJob },
    { mode: "archive", entity: "job", direction: "inbound", format: formatJobArchive },
    { mode: "create", entity: "profile", direction: "inbound", format: formatCandidate, ...candidateEvents },
    { mode: "update", entity: "profile", direction: "inbound", format: formatCandidate, ...candidateEvents },
    {
      mode: "archive",
      entity: "profile",
      direction: "inbound",
      format: formatCandidateArchive,
      ...candidateEvents,
    },
    { mode: "create", entity: "profile", direction: "outbound", format: formatProfile },
    { mode: "update", entity: "profile", direction: "outbound", format: formatProfileUpdate },
    { mode: "archive", entity: "profile", direction: "outbound", format: formatProfileArchive },
  ],
  legacyActions: [
    {
      name: "pull_job_list",
      trigger: "pull",
      description:
        "Retrieves all jobs via the ***Greenhouse*** Job Board API and send them to a ***Hrflow.ai Board***.",
      origin: GreenhouseJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatLegacyJob,
    },
    {
      name: "push_profile",
      trigger: "catch",
      description: "Writes a profile from Hrflow.ai Source as a candidate on Greenhouse",
      origin: HrFlowProfileWarehouse,
      target: GreenhouseProfileWarehouse,
      format: formatProfile,
    },
    {
      name: "pull_profile_list",
      trigger: "pull",
      description:
        "Retrieves all profiles via the ***Greenhouse*** API and send them to a ***Hrflow.ai Source***.",
      origin: GreenhouseProfileWarehouse,
      target: HrFlowProfileWarehouse,
      format: formatCandidate,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type GreenhouseDefinition = typeof definition;

/** The Greenhouse connector: every action typed from its schemas, its options documented for editors. */
export const Greenhouse: Omit<GreenhouseDefinition, keyof GreenhouseActions> & GreenhouseActions = definition;
