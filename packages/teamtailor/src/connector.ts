import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import type { TeamtailorActions } from "./actions.generated.js";
import { TeamtailorWarehouse } from "./aisles.js";
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
import { TeamtailorJobWarehouse, TeamtailorProfileWarehouse } from "./legacy.js";
import { parseTeamtailorCandidateDestroyEvent, parseTeamtailorCandidateEvent } from "./webhook.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "Teamtailor",
  subtype: "teamtailor",
  type: "ATS",
  url: "https://www.teamtailor.com/",
  description:
    "Teamtailor is the applicant tracking system with a career site: jobs, candidates and the whole hiring process in one place.",
  warehouse: TeamtailorWarehouse,
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
      eventParser: parseTeamtailorCandidateEvent,
    },
    {
      mode: "update",
      entity: "profile",
      direction: "inbound",
      format: formatCandidate,
      eventParser: parseTeamtailorCandidateEvent,
    },
    {
      mode: "archive",
      entity: "profile",
      direction: "inbound",
      format: formatCandidateArchive,
      eventParser: parseTeamtailorCandidateDestroyEvent,
    },
    { mode: "create", entity: "profile", direction: "outbound", format: formatProfile },
    { mode: "update", entity: "profile", direction: "outbound", format: formatProfileUpdate },
  ],
  legacyActions: [
    {
      name: "pull_job_list",
      trigger: "pull",
      description:
        "Retrieves all jobs via the ***Teamtailor*** API and sends them to a ***Hrflow.ai Board***.",
      origin: TeamtailorJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatLegacyJob,
    },
    {
      name: "push_profile",
      trigger: "catch",
      description: "Writes a profile from a ***Hrflow.ai Source*** to ***Teamtailor*** via the API.",
      origin: HrFlowProfileWarehouse,
      target: TeamtailorProfileWarehouse,
      format: formatLegacyProfile,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type TeamtailorDefinition = typeof definition;

/** The Teamtailor connector: every action typed from its schemas, its options documented for editors. */
export const Teamtailor: Omit<TeamtailorDefinition, keyof TeamtailorActions> & TeamtailorActions = definition;
