import { z } from "zod";

/**
 * TalentSoft objects, as far as the connector reads or writes them. Reads are loose (TalentSoft
 * sends many more fields); the outbound applicant is checked before any write.
 */

const id = z.union([z.string(), z.number()]);
/** A code-table reference inside an export (`{ id, label, ... }`). */
export const TalentSoftRefSchema = z.looseObject({
  id: id.nullish().describe("Code or client code"),
  label: z.string().nullish().describe("Display label"),
});

const ref = () => TalentSoftRefSchema.nullish();
const text = () => z.string().nullish();

/** `offerDetail` of a vacancies export record. */
export const TalentSoftVacancySchema = z.looseObject({
  reference: z.string(),
  creationDate: text(),
  modificationDate: text(),
  organisation: ref(),
  status: ref(),
  publishedOnInternet: z.boolean().nullish(),
  publishedOnIntranet: z.boolean().nullish(),
  location: z.looseObject({ address: text(), latitude: z.unknown(), longitude: z.unknown() }).nullish(),
  jobDescription: z.looseObject({
    title: text(),
    description1: text(),
    description2: text(),
    professionalCategory: ref(),
    country: ref(),
    primaryProfile: ref(),
    contractType: ref(),
    jobDescriptionCustomFields: z
      .looseObject({ longText1: text(), longText2: text(), longText3: text() })
      .nullish(),
  }),
  criteria: z
    .looseObject({
      skills: z.array(z.unknown()).nullish(),
      experienceLevel: ref(),
      educationLevel: ref(),
    })
    .nullish(),
  languages: z.array(z.looseObject({ language: ref() })).nullish(),
});
export type TalentSoftVacancy = z.output<typeof TalentSoftVacancySchema>;

/** An attachment of an exported candidate; `raw` holds the file's bytes from the export archive. */
export const TalentSoftAttachmentSchema = z.looseObject({
  id: z.string(),
  filename: text(),
  mimeType: text(),
  isResume: z.boolean().nullish(),
  raw: z.custom<Uint8Array<ArrayBuffer>>((v) => v instanceof Uint8Array, "must be bytes").nullish(),
});
export type TalentSoftAttachment = z.output<typeof TalentSoftAttachmentSchema>;

/** The `applicantdetail` of a candidates export record. */
export const TalentSoftCandidateSchema = z.looseObject({
  isEmployee: z.unknown(),
  isInProgress: z.unknown(),
  candidateDetail: z.looseObject({
    id: z.string(),
    creationDate: text(),
    personalInformation: z.looseObject({ residentCountry: ref() }).nullish(),
    positionSought: z
      .looseObject({
        contractType: ref(),
        primaryProfile: ref(),
        jobPreferencesCustomFields: z.looseObject({ customCodeTable1: ref() }).nullish(),
      })
      .nullish(),
    globalExperience: z.looseObject({ globalExperienceLevel: ref() }).nullish(),
    educations: z.array(z.looseObject({ educationLevel: ref() })).nullish(),
  }),
  attachments: z.array(TalentSoftAttachmentSchema).nullish(),
  applications: z.array(z.looseObject({ vacancyReference: text() })).nullish(),
});
export type TalentSoftCandidate = z.output<typeof TalentSoftCandidateSchema>;

const codeItem = z.object({
  code: z.number(),
  clientCode: z.string(),
  label: z.string(),
  type: z.string(),
  parentType: z.string(),
});

/** The front-office `applicantApplication` body, plus the HrFlow attachment carried to the write. */
export const TalentSoftApplicantItemSchema = z.object({
  applicant: z.object({
    personalInformation: z.looseObject({
      civility: codeItem.nullable(),
      firstName: z.string().min(1, "the profile has no first name"),
      lastName: z.string().min(1, "the profile has no last name"),
      email: z.string().min(1, "the profile has no email"),
      phoneNumber: text(),
      birthDate: text(),
      address: text(),
      city: text(),
      postalCode: text(),
    }),
    jobPreferences: z.looseObject({ contractType: codeItem.nullable(), salaryPretensions: text() }),
    educations: z.object({
      diplomas: z.array(
        z.looseObject({
          educationLevel: codeItem.nullish(),
          yearObtained: z.number().int().nullish(),
          college: text(),
        }),
      ),
    }),
    experiences: z.object({
      experienceLevel: z.union([codeItem, z.literal("")]).nullable(),
      experienceList: z.array(
        z.looseObject({ company: text(), function: text(), length: z.number().nullable() }),
      ),
    }),
  }),
  application: z.looseObject({ type: z.string(), offerReference: text() }),
  uploadedFiles: z.array(z.object({ description: text(), fileTypeId: z.number(), key: z.string() })),
  /** The HrFlow attachment to upload as the resume; removed from the body before sending. */
  attachment: z.looseObject({
    public_url: z.string().min(1, "the attachment has no public_url"),
    original_file_name: text(),
    file_name: text(),
    type: text(),
  }),
});
export type TalentSoftApplicantItem = z.output<typeof TalentSoftApplicantItemSchema>;
