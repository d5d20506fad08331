import { defineConnector } from "@hrflow-connectors/core";
import {
  HrFlowJobWarehouse,
  HrFlowProfileParsingWarehouse,
  HrFlowProfileWarehouse,
  HrFlowWarehouse,
} from "@hrflow-connectors/hrflow";
import type { TalentSoftActions } from "./actions.generated.js";
import { TalentSoftWarehouse } from "./aisles.js";
import { applicantNewParser, applicantResumeUpdateParser, applicantUpdateParser } from "./events.js";
import { tagsOnly, withFixedWriteParameters } from "./fixed.js";
import { formatInfoTsApplicant, formatTsCandidate, formatTsVacancy } from "./format.js";
import { TalentSoftJobWarehouse, TalentSoftProfileWarehouse, TalentSoftResumeWarehouse } from "./legacy.js";
import { recordDeliveries, tsCallback } from "./report.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "TalentSoft",
  subtype: "talentsoft",
  type: "HCM",
  url: "https://www.cegid.com/fr/produits/cegid-talentsoft/",
  description: "TalentSoft",
  warehouse: TalentSoftWarehouse,
  hrflow: HrFlowWarehouse,
  legacyActions: [
    {
      name: "applicant_new",
      trigger: "catch",
      description:
        "Handle TalentSoft 'applicant_new' event by fetching profile from TalentSoft and sending it to HrFlow.ai Parsing API.",
      origin: TalentSoftResumeWarehouse,
      target: recordDeliveries(
        withFixedWriteParameters(HrFlowProfileParsingWarehouse, { only_insert: true }),
      ),
      format: formatTsCandidate,
      eventParser: applicantNewParser,
      callback: tsCallback,
    },
    {
      name: "applicant_resume_update",
      trigger: "catch",
      description:
        "Handle TalentSoft 'applicant_resume_update' event by running a new HrFlow.ai Parsing on updated resume.",
      origin: TalentSoftResumeWarehouse,
      target: recordDeliveries(
        withFixedWriteParameters(HrFlowProfileParsingWarehouse, { only_insert: false }),
      ),
      format: formatTsCandidate,
      eventParser: applicantResumeUpdateParser,
      callback: tsCallback,
    },
    {
      name: "applicant_update",
      trigger: "catch",
      description:
        "Handle TalentSoft 'applicant_update' event by only updating tags coming from TalentSoft in HrFlow.ai.",
      origin: TalentSoftProfileWarehouse,
      target: tagsOnly(
        withFixedWriteParameters(HrFlowProfileWarehouse, { edit: true, only_edit_fields: ["tags"] }),
      ),
      format: formatTsCandidate,
      eventParser: applicantUpdateParser,
    },
    {
      name: "pull_profile_list",
      trigger: "pull",
      description:
        "Retrieves profiles from TalentSoft candidates export API and send them to a ***Hrflow.ai Source***.",
      origin: TalentSoftResumeWarehouse,
      target: HrFlowProfileParsingWarehouse,
      format: formatTsCandidate,
    },
    {
      name: "pull_job_list",
      trigger: "pull",
      description:
        "Retrieves jobs from TalentSoft vacancies export API and send them to a ***Hrflow.ai Board***.",
      origin: TalentSoftJobWarehouse,
      target: HrFlowJobWarehouse,
      format: formatTsVacancy,
    },
    {
      name: "push_profile",
      trigger: "catch",
      description: "Pushs specific Profile from HrFlow and writes it to Applicant object in Talentsoft",
      origin: HrFlowProfileWarehouse,
      target: TalentSoftProfileWarehouse,
      format: formatInfoTsApplicant,
    },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type TalentSoftDefinition = typeof definition;

/** The TalentSoft connector: every action typed from its schemas, its options documented for editors. */
export const TalentSoft: Omit<TalentSoftDefinition, keyof TalentSoftActions> & TalentSoftActions = definition;
