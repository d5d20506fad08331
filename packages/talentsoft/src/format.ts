import type {
  HrFlowAttachmentSchema,
  HrFlowGeneralEntity,
  HrFlowJob,
  HrFlowProfile,
  HrFlowResume,
  HrFlowSkill,
} from "@hrflow-connectors/hrflow";
import type { z } from "zod";
import {
  genderOf,
  hrflowTag,
  refId,
  tag,
  toHrFlowDate,
  toHrFlowSkill,
  toNumber,
  yearOf,
  yearsBetween,
} from "./format-helpers.js";
import type { TalentSoftApplicantItem, TalentSoftCandidate, TalentSoftVacancy } from "./objects.js";
import { DEFAULT_REFERENTIALS, type TalentSoftReferentials } from "./referentials.js";

/** The file type id and multipart part name of the resume in a front-office application. */
export const RESUME_FILE_TYPE_ID = 36;
export const RESUME_PART = "cv_file_id";

/** TalentSoft vacancy (`offerDetail`) -> HrFlow job: the default format of `pull_job_list`. */
export function formatTsVacancy(offer: TalentSoftVacancy): HrFlowJob {
  const jd = offer.jobDescription;
  if (!jd?.title) throw new Error(`vacancy ${offer.reference} has no jobDescription.title`);
  const custom = jd.jobDescriptionCustomFields;
  const criteria = offer.criteria;
  const tags: HrFlowGeneralEntity[] = [
    tag("talentsoft-organisation-id", refId(offer.organisation)),
    tag("talentsoft-status-id", refId(offer.status)),
    tag("talentsoft-professionalCategory-id", refId(jd.professionalCategory)),
    tag("talentsoft-country-id", refId(jd.country)),
    tag("talentsoft-primaryProfile-id", refId(jd.primaryProfile)),
    tag("talentsoft-contractType-id", refId(jd.contractType)),
    tag("talentsoft-publishedOnInternet", offer.publishedOnInternet ?? null),
    tag("talentsoft-publishedOnIntranet", offer.publishedOnIntranet ?? null),
  ];
  if (criteria?.experienceLevel)
    tags.push(tag("talentsoft-experienceLevel", refId(criteria.experienceLevel)));
  if (criteria?.educationLevel) tags.push(tag("talentsoft-educationLevel", refId(criteria.educationLevel)));
  return {
    name: jd.title,
    reference: offer.reference,
    created_at: toHrFlowDate(offer.creationDate),
    location: {
      text: offer.location?.address ?? null,
      lat: toNumber(offer.location?.latitude),
      lng: toNumber(offer.location?.longitude),
    },
    url: null,
    summary: null,
    sections: [
      { name: "description1", title: "description1", description: jd.description1 ?? "" },
      { name: "description2", title: "description2", description: jd.description2 ?? "" },
      {
        name: "Complément du descriptif",
        title: "Complément du descriptif",
        description: [custom?.longText1, custom?.longText2, custom?.longText3].map((t) => t ?? "").join("\n"),
      },
    ],
    skills: (criteria?.skills ?? []).map(toHrFlowSkill).filter((s): s is HrFlowSkill => s !== null),
    languages: (offer.languages ?? [])
      .map((l) => l.language?.label)
      .filter((name): name is string => typeof name === "string" && name !== "")
      .map((name) => ({ name, value: null })),
    tags,
  };
}

/** What `formatTsCandidate` produces: an item for HrFlow profile parsing (or a tags edit). */
export interface TalentSoftProfileItem {
  reference: string;
  created_at: string | null;
  updated_at: string;
  resume: HrFlowResume | null;
  tags: HrFlowGeneralEntity[];
  metadatas: HrFlowGeneralEntity[];
}

/**
 * TalentSoft candidate (`applicantdetail`) -> HrFlow parsing item: the resume (first resume
 * attachment, raw bytes), tags from TalentSoft's codes, and the candidate id as reference. Names,
 * contacts and history come from HrFlow's parsing of the resume.
 */
export function formatTsCandidate(candidate: TalentSoftCandidate): TalentSoftProfileItem {
  const d = candidate.candidateDetail;
  const wanted = d.positionSought;
  const resume = (candidate.attachments ?? []).find((a) => a.isResume && a.raw && a.raw.byteLength > 0);
  const tags: HrFlowGeneralEntity[] = [
    tag("talentsoft-isEmployee", candidate.isEmployee ?? null),
    tag("talentsoft-isInProgress", candidate.isInProgress ?? null),
    tag("talentsoft-residentCountry-id", refId(d.personalInformation?.residentCountry)),
  ];
  if (wanted?.contractType) tags.push(tag("talentsoft-contractType-id", refId(wanted.contractType)));
  const status = wanted?.jobPreferencesCustomFields?.customCodeTable1;
  if (status) tags.push(tag("talentsoft-profileStatus-id", refId(status)));
  const experience = d.globalExperience?.globalExperienceLevel;
  if (experience) tags.push(tag("talentsoft-experienceLevel-id", refId(experience)));
  if (wanted?.primaryProfile) tags.push(tag("talentsoft-profile-id", refId(wanted.primaryProfile)));
  for (const education of d.educations ?? []) {
    // The name has no hyphen after "talentsoft", as in the original: existing sources search on it.
    if (education.educationLevel)
      tags.push(tag("talentsofteducationLevel-id", refId(education.educationLevel)));
  }
  for (const application of candidate.applications ?? []) {
    tags.push(tag("talentsoft-application-vacancyReference", application.vacancyReference ?? null));
  }
  const metadatas: HrFlowGeneralEntity[] = [{ name: "profile_uid", value: d.id }];
  if (resume) metadatas.push({ name: "filename", value: resume.filename ?? null });
  return {
    reference: d.id,
    created_at: toHrFlowDate(d.creationDate),
    updated_at: new Date().toISOString(),
    resume: resume
      ? {
          raw: resume.raw!,
          content_type: resume.mimeType || "application/octet-stream",
          file_name: resume.filename ?? null,
        }
      : null,
    tags,
    metadatas,
  };
}

type HrFlowAttachment = z.output<typeof HrFlowAttachmentSchema>;

/** The attachment to send as the resume: the resume, else the original file, else the first. */
export function resumeAttachment(profile: HrFlowProfile): HrFlowAttachment | undefined {
  const all = (profile.attachments ?? []).filter((a) => typeof a.public_url === "string" && a.public_url);
  return all.find((a) => a.type === "resume") ?? all.find((a) => a.type === "original") ?? all[0];
}

/** HrFlow profile -> TalentSoft front-office application, with the given tenant code tables. */
export function makeFormatInfoTsApplicant(referentials: TalentSoftReferentials) {
  return function formatInfoTsApplicant(profile: HrFlowProfile): TalentSoftApplicantItem {
    const info = profile.info ?? {};
    const fields = (info.location?.fields ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" ? v : "");
    const attachment = resumeAttachment(profile);
    if (!attachment) throw new Error("the profile has no attachment with a public_url to send as the resume");
    const gender = genderOf(info.gender);
    const tags = profile.tags;
    const educationLevel = hrflowTag(tags, "talentsoft_education_level");
    const experienceLevel = hrflowTag(tags, "talentsoft_experience_level");
    const contractType = hrflowTag(tags, "talentsoft_contract_type");
    return {
      applicant: {
        personalInformation: {
          civility:
            gender === "male"
              ? referentials.civilityMale
              : gender === "female"
                ? referentials.civilityFemale
                : null,
          firstName: info.first_name ?? "",
          lastName: info.last_name ?? "",
          email: info.email ?? "",
          phoneNumber: info.phone ?? null,
          birthDate: info.date_birth ?? null,
          address: info.location?.text ?? null,
          city: text(fields.city),
          // HrFlow names it `postcode`; the original read `postalCode`, which HrFlow never fills.
          postalCode: text(fields.postcode ?? fields.postalCode),
        },
        jobPreferences: {
          contractType: (contractType && referentials.contractTypes[contractType]) || null,
          salaryPretensions: hrflowTag(tags, "talentsoft_salary") ?? null,
        },
        educations: {
          diplomas: [
            ...(educationLevel === undefined
              ? []
              : [
                  {
                    educationLevel: (educationLevel && referentials.educationLevels[educationLevel]) || null,
                  },
                ]),
            ...(profile.educations ?? []).map((e) => ({
              yearObtained: yearOf(e.date_end),
              college: e.school ?? null,
            })),
          ],
        },
        experiences: {
          experienceLevel:
            experienceLevel === undefined || experienceLevel === null
              ? null
              : (referentials.experienceLevels[experienceLevel] ?? null),
          experienceList: (profile.experiences ?? []).map((e) => ({
            company: e.company ?? null,
            function: e.title ?? null,
            length: yearsBetween(e.date_start, e.date_end),
          })),
        },
      },
      application: { type: "offer", offerReference: null },
      uploadedFiles: [
        {
          description: attachment.original_file_name ?? attachment.file_name ?? null,
          fileTypeId: RESUME_FILE_TYPE_ID,
          key: RESUME_PART,
        },
      ],
      attachment: {
        ...attachment,
        public_url: attachment.public_url!,
        original_file_name: attachment.original_file_name ?? null,
        file_name: attachment.file_name ?? null,
        type: attachment.type ?? null,
      },
    };
  };
}

const defaultApplicantFormat = makeFormatInfoTsApplicant(DEFAULT_REFERENTIALS);

/** HrFlow profile -> TalentSoft front-office application: the default format of `push_profile`. */
export function formatInfoTsApplicant(profile: HrFlowProfile): TalentSoftApplicantItem {
  return defaultApplicantFormat(profile);
}
