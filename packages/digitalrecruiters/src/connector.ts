import { defineConnector } from "@hrflow-connectors/core";
import {
  HrFlowJobWarehouse,
  HrFlowProfileParsingWarehouse,
  HrFlowProfileWarehouse,
  HrFlowWarehouse,
} from "@hrflow-connectors/hrflow";
import type { DigitalRecruitersActions } from "./actions.generated.js";
import { DigitalRecruitersWarehouse } from "./aisles.js";
import { formatDrProfile, formatJob, formatProfile } from "./format.js";
import {
  DigitalRecruitersJobWarehouse,
  DigitalRecruitersReadProfilesWarehouse,
  DigitalRecruitersWriteProfileWarehouse,
} from "./legacy.js";
import { parsePushProfileEvent } from "./webhook.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "Digitalrecruiters",
  subtype: "digitalrecruiters",
  type: "ATS",
  url: "https://www.digitalrecruiters.com/",
  description:
    "DigitalRecruiters is a hiring platform that brings job posting, recruitment automation and recruiting analytics together for HR teams.",
  warehouse: DigitalRecruitersWarehouse,
  hrflow: HrFlowWarehouse,
  legacyActions: [
    {
      name: "pull_job_list",
      trigger: "pull",
      description: "Retrieves all jobs from Digital Recruiters and sends them to an Hrflow.ai Board.",
      origin: DigitalRecruitersJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatJob,
    },
    {
      name: "pull_profile_list",
      trigger: "pull",
      description: "Retrieves all profiles from Digital Recruiters and sends them to an Hrflow.ai Source.",
      origin: DigitalRecruitersReadProfilesWarehouse,
      target: HrFlowProfileParsingWarehouse,
      format: formatDrProfile,
    },
    {
      name: "push_profile",
      trigger: "catch",
      description: "Pushes a profile from Hrflow.ai to Digital Recruiters.",
      origin: HrFlowProfileWarehouse,
      target: DigitalRecruitersWriteProfileWarehouse,
      format: formatProfile,
      eventParser: parsePushProfileEvent,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type DigitalRecruitersDefinition = typeof definition;

/** The DigitalRecruiters connector: every action typed from its schemas, its options documented for editors. */
export const DigitalRecruiters: Omit<DigitalRecruitersDefinition, keyof DigitalRecruitersActions> &
  DigitalRecruitersActions = definition;
