import { defineConnector } from "@hrflow-connectors/core";
import {
  HrFlowJobWarehouse,
  HrFlowProfileParsingWarehouse,
  HrFlowProfileWarehouse,
  HrFlowWarehouse,
} from "@hrflow-connectors/hrflow";
import { DigitalRecruitersWarehouse } from "./aisles.js";
import { formatDrProfile, formatJob, formatProfile } from "./format.js";
import {
  DigitalRecruitersJobWarehouse,
  DigitalRecruitersReadProfilesWarehouse,
  DigitalRecruitersWriteProfileWarehouse,
} from "./legacy.js";
import { parsePushProfileEvent } from "./webhook.js";

/** The DigitalRecruiters connector: the original's three actions, under their names and parameters. */
export const DigitalRecruiters = defineConnector({
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
