import { defineConnector } from "@hrflow-connectors/core";
import {
  HrFlowJobWarehouse,
  HrFlowProfileParsingWarehouse,
  HrFlowProfileWarehouse,
  HrFlowWarehouse,
} from "@hrflow-connectors/hrflow";
import type { BullhornActions } from "./actions.generated.js";
import { BullhornWarehouse } from "./aisles.js";
import {
  formatJob,
  formatJobArchive,
  formatProfile,
  formatProfileArchive,
  formatPushProfile,
  formatResumeAttachment,
} from "./format.js";
import {
  BullhornApplicationTarget,
  BullhornJobWarehouse,
  BullhornProfileTarget,
  BullhornProfileWarehouse,
  BullhornResumeWarehouse,
} from "./legacy.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "Bullhorn",
  subtype: "bullhorn",
  type: "ATS",
  url: "https://www.bullhorn.com/",
  description: "Transform Your Business with Bullhorn Staffing and Recruitment Software",
  warehouse: BullhornWarehouse,
  hrflow: HrFlowWarehouse,
  flows: [
    { mode: "create", entity: "job", direction: "inbound", format: formatJob },
    { mode: "update", entity: "job", direction: "inbound", format: formatJob },
    { mode: "archive", entity: "job", direction: "inbound", format: formatJobArchive },
    { mode: "create", entity: "profile", direction: "inbound", format: formatProfile },
    { mode: "update", entity: "profile", direction: "inbound", format: formatProfile },
    { mode: "archive", entity: "profile", direction: "inbound", format: formatProfileArchive },
  ],
  legacyActions: [
    {
      name: "push_profile",
      trigger: "catch",
      description: "Writes a profile from Hrflow.ai Source as a candidate on Bullhorn",
      origin: HrFlowProfileWarehouse,
      target: BullhornProfileTarget,
      format: formatPushProfile,
    },
    {
      name: "pull_job_list",
      trigger: "pull",
      description: "Retrieves jobs from Bullhorn and writes them to an Hrflow.ai board",
      origin: BullhornJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatJob,
    },
    {
      name: "pull_resume_attachment_list",
      trigger: "pull",
      description:
        "Retrieves candidates' resume attachments from Bullhorn and sends them to Hrflow.ai for parsing",
      origin: BullhornResumeWarehouse,
      target: HrFlowProfileParsingWarehouse,
      format: formatResumeAttachment,
    },
    {
      name: "pull_profile_list",
      trigger: "pull",
      description: "Retrieves profiles from Bullhorn and writes them to an Hrflow.ai source",
      origin: BullhornProfileWarehouse,
      target: HrFlowProfileWarehouse,
      format: formatProfile,
    },
    {
      name: "push_application",
      trigger: "catch",
      description: "Writes a profile from Hrflow.ai Source as a candidate applying to a job on Bullhorn",
      origin: HrFlowProfileWarehouse,
      target: BullhornApplicationTarget,
      format: formatPushProfile,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type BullhornDefinition = typeof definition;

/** The Bullhorn connector: every flow and older action of the original, typed from its schemas. */
export const Bullhorn: Omit<BullhornDefinition, keyof BullhornActions> & BullhornActions = definition;
