import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import type { RecruiteeActions } from "./actions.generated.js";
import { RecruiteeWarehouse } from "./aisles.js";
import {
  formatCandidate,
  formatCandidateArchive,
  formatOffer,
  formatOfferArchive,
  formatProfile,
  formatProfileArchive,
  formatProfileUpdate,
} from "./format.js";
import { RecruiteeJobWarehouse, RecruiteeProfileWarehouse } from "./legacy.js";
import { parseRecruiteeCandidateDeletedEvent, parseRecruiteeCandidateEvent } from "./webhook.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "Recruitee",
  subtype: "recruitee",
  type: "ATS",
  url: "https://recruitee.com/",
  description:
    "Recruitee is the collaborative hiring software: job offers, a career site and a shared pipeline of candidates for the whole team.",
  warehouse: RecruiteeWarehouse,
  hrflow: HrFlowWarehouse,
  flows: [
    {
      mode: "create",
      entity: "profile",
      direction: "inbound",
      format: formatCandidate,
      eventParser: parseRecruiteeCandidateEvent,
    },
    {
      mode: "update",
      entity: "profile",
      direction: "inbound",
      format: formatCandidate,
      eventParser: parseRecruiteeCandidateEvent,
    },
    {
      mode: "archive",
      entity: "profile",
      direction: "inbound",
      format: formatCandidateArchive,
      eventParser: parseRecruiteeCandidateDeletedEvent,
    },
    { mode: "create", entity: "profile", direction: "outbound", format: formatProfile },
    { mode: "update", entity: "profile", direction: "outbound", format: formatProfileUpdate },
    { mode: "archive", entity: "profile", direction: "outbound", format: formatProfileArchive },
    { mode: "create", entity: "job", direction: "inbound", format: formatOffer },
    { mode: "update", entity: "job", direction: "inbound", format: formatOffer },
    { mode: "archive", entity: "job", direction: "inbound", format: formatOfferArchive },
  ],
  legacyActions: [
    {
      name: "push_profile",
      trigger: "catch",
      description: "Writes a profile from a ***Hrflow.ai Source*** to ***Recruitee*** via the API.",
      origin: HrFlowProfileWarehouse,
      target: RecruiteeProfileWarehouse,
      format: formatProfile,
    },
    {
      name: "pull_job_list",
      trigger: "pull",
      description:
        "Retrieves all jobs via the ***Recruitee*** API and sends them to a ***Hrflow.ai Board***.",
      origin: RecruiteeJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatOffer,
    },
    {
      name: "pull_profile_list",
      trigger: "pull",
      description:
        "Retrieves all profiles via the ***Recruitee*** API and sends them to a ***Hrflow.ai Source***.",
      origin: RecruiteeProfileWarehouse,
      target: HrFlowProfileWarehouse,
      format: formatCandidate,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type RecruiteeDefinition = typeof definition;

/** The Recruitee connector: every action typed from its schemas, its options documented for editors. */
export const Recruitee: Omit<RecruiteeDefinition, keyof RecruiteeActions> & RecruiteeActions = definition;
