import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowJobWarehouse, HrFlowProfileWarehouse, HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import type { SmartRecruitersActions } from "./actions.generated.js";
import { SmartRecruitersWarehouse } from "./aisles.js";
import {
  formatCandidate,
  formatCandidateArchive,
  formatJob,
  formatJobArchive,
  formatProfile,
  formatProfileArchive,
  formatProfileUpdate,
} from "./format.js";
import { SmartRecruitersJobWarehouse, SmartRecruitersProfileWarehouse } from "./legacy.js";
import { parseSmartRecruitersCandidateEvent } from "./webhook.js";

const candidateEvent = { eventParser: parseSmartRecruitersCandidateEvent };

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "SmartRecruiters",
  subtype: "smartrecruiters",
  type: "ATS",
  url: "https://www.smartrecruiters.com/",
  description:
    "SmartRecruiters is a talent acquisition suite: recruiting, career sites, collaborative hiring and onboarding in one place.",
  warehouse: SmartRecruitersWarehouse,
  hrflow: HrFlowWarehouse,
  // The original's declared order.
  flows: [
    { mode: "create", entity: "job", direction: "inbound", format: formatJob },
    { mode: "update", entity: "job", direction: "inbound", format: formatJob },
    { mode: "archive", entity: "job", direction: "inbound", format: formatJobArchive },
    { mode: "create", entity: "profile", direction: "inbound", format: formatCandidate, ...candidateEvent },
    { mode: "create", entity: "profile", direction: "outbound", format: formatProfile },
    { mode: "update", entity: "profile", direction: "inbound", format: formatCandidate, ...candidateEvent },
    { mode: "update", entity: "profile", direction: "outbound", format: formatProfileUpdate },
    {
      mode: "archive",
      entity: "profile",
      direction: "inbound",
      format: formatCandidateArchive,
      ...candidateEvent,
    },
    { mode: "archive", entity: "profile", direction: "outbound", format: formatProfileArchive },
  ],
  legacyActions: [
    {
      name: "pull_job_list",
      trigger: "pull",
      description:
        "Retrieves all jobs via the ***SmartRecruiter*** API and send them to a ***Hrflow.ai Board***.",
      origin: SmartRecruitersJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatJob,
    },
    {
      name: "push_profile",
      trigger: "catch",
      description:
        "Writes a profile from ***Hrflow.ai Source*** to ***SmartRecruiters*** via the API for the given `job_id`.",
      origin: HrFlowProfileWarehouse,
      target: SmartRecruitersProfileWarehouse,
      format: formatProfile,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type SmartRecruitersDefinition = typeof definition;

/** The SmartRecruiters connector: every action typed from its schemas, its options documented for editors. */
export const SmartRecruiters: Omit<SmartRecruitersDefinition, keyof SmartRecruitersActions> &
  SmartRecruitersActions = definition;
