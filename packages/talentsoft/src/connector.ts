import {
  defineConnector,
  defineLegacyWarehouse,
  defineWarehouse,
  type LegacyWarehouse,
  openWrite,
  type ParamSchema,
} from "@hrflow-connectors/core";
import {
  HrFlowJobWarehouse,
  HrFlowProfileParsingWarehouse,
  HrFlowProfileWarehouse,
  HrFlowWarehouse,
} from "@hrflow-connectors/hrflow";
import type { z } from "zod";
import { applicantNewParser, applicantResumeUpdateParser, applicantUpdateParser } from "./events.js";
import { withFixedReadParameters, withFixedWriteParameters } from "./fixed.js";
import { formatInfoTsApplicant, formatTsCandidate, formatTsVacancy } from "./format.js";
import { TalentSoftJobWarehouse, TalentSoftProfileWarehouse } from "./legacy.js";
import { recordDeliveries, tsCallback } from "./report.js";
import { profilesReadParametersSchema } from "./schemas.js";

/**
 * The connector's actions are all of the older style, as in the original; this warehouse only
 * carries the TalentSoft credentials for tools that list a connector's auth.
 */
export const TalentSoftWarehouse = defineWarehouse({
  name: "TalentSoft",
  auth: profilesReadParametersSchema.pick({ client_id: true, client_secret: true, client_url: true }),
  aisles: [],
});

/** Candidates with their resume attachments only (the three actions that parse resumes). */
const resumeProfiles = withFixedReadParameters(TalentSoftProfileWarehouse, { only_resume: true });

/**
 * `applicant_update` only changes tags: the resume is dropped before the edit, so a stored profile
 * without attachments is not re-parsed as a side effect.
 */
function tagsOnly<RP extends ParamSchema, WP extends ParamSchema, S extends z.ZodType<object>, T>(
  warehouse: LegacyWarehouse<RP, WP, S, T>,
): LegacyWarehouse<RP, WP, S, T> {
  const write = warehouse.write;
  if (!write) throw new Error(`${warehouse.name} is not writable`);
  return defineLegacyWarehouse({
    ...warehouse,
    write: {
      parameters: write.parameters,
      open: (ctx) => {
        const inner = openWrite(write, ctx);
        return {
          ...inner,
          write: (items) => inner.write(items.map(withoutResume)),
        };
      },
    },
  });
}

/** A copy of an item without its resume. */
function withoutResume<T extends object>(item: T): T {
  const copy = { ...item };
  Reflect.deleteProperty(copy, "resume");
  return copy;
}

/** The TalentSoft connector: every action of the original, under its original name and parameters. */
export const TalentSoft = defineConnector({
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
      origin: resumeProfiles,
      target: recordDeliveries(
        withFixedWriteParameters(HrFlowProfileParsingWarehouse, { only_insert: true }),
        {
          skipExisting: true,
        },
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
      origin: resumeProfiles,
      target: recordDeliveries(
        withFixedWriteParameters(HrFlowProfileParsingWarehouse, { only_insert: false }),
        {
          skipExisting: false,
        },
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
      origin: resumeProfiles,
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
