import { HrFlowJobSchema, type HrFlowProfile, HrFlowProfileParsingSchema } from "@hrflow-connectors/hrflow";
import { describe, expect, it } from "vitest";
import {
  CIVILITY,
  CONTRACT_TYPE_REFERENTIAL,
  DEFAULT_REFERENTIALS,
  EDUCATIONS_REFERENTIEL,
  formatInfoTsApplicant,
  formatTsCandidate,
  formatTsVacancy,
  makeFormatInfoTsApplicant,
  TalentSoftApplicantItemSchema,
  type TalentSoftCandidate,
  type TalentSoftVacancy,
  toHrFlowDate,
} from "../src/index.js";
import { fakePdf, makeCandidate, makeVacancy } from "../src/testing/index.js";

describe("formatTsVacancy (TalentSoft offerDetail -> HrFlow job)", () => {
  const vacancy = makeVacancy(2) as TalentSoftVacancy;

  it("maps title, reference, location, the three sections, languages and skills", () => {
    const job = formatTsVacancy(vacancy);
    expect(job).toMatchObject({
      name: "Data Engineer",
      reference: "2024-0002",
      created_at: "2024-01-03T09:30:00Z",
      location: { text: "1 quai de la Fosse, 44000 Nantes", lat: 47.2116, lng: -1.5612 },
      url: null,
      summary: null,
    });
    expect(job.sections).toEqual([
      { name: "description1", title: "description1", description: vacancy.jobDescription.description1 },
      { name: "description2", title: "description2", description: vacancy.jobDescription.description2 },
      {
        name: "Complément du descriptif",
        title: "Complément du descriptif",
        description: "Télétravail partiel possible.\n\nTickets restaurant, mutuelle.",
      },
    ]);
    expect(job.languages).toEqual([
      { name: "French", value: null },
      { name: "English", value: null },
    ]);
    // TalentSoft's skills become HrFlow skills (the original passed them through unchanged).
    expect(job.skills).toEqual([
      { name: "Python", type: "hard", value: null },
      { name: "SQL", type: "hard", value: null },
      { name: "Communication", type: "soft", value: null },
    ]);
    expect(HrFlowJobSchema.safeParse(job).success).toBe(true);
  });

  it("always sends the eight id tags (text values), and the criteria tags only when set", () => {
    const job = formatTsVacancy(vacancy);
    expect(job.tags).toEqual([
      { name: "talentsoft-organisation-id", value: "ORG-FR-01" },
      { name: "talentsoft-status-id", value: "_TS_VacancyStatus_Published" },
      { name: "talentsoft-professionalCategory-id", value: "_TS_ProfCat_Cadre" },
      { name: "talentsoft-country-id", value: "FR" },
      { name: "talentsoft-primaryProfile-id", value: "_TS_Profile_IT" },
      { name: "talentsoft-contractType-id", value: "_TS_CO_Contract_CDI" },
      { name: "talentsoft-publishedOnInternet", value: "true" },
      { name: "talentsoft-publishedOnIntranet", value: "true" },
      { name: "talentsoft-experienceLevel", value: "_TS_niveau_exp_superieur_3ans" },
      { name: "talentsoft-educationLevel", value: "_TS_etude_min_BAC5" },
    ]);
    const bare = formatTsVacancy({
      ...vacancy,
      organisation: null,
      criteria: { skills: null, experienceLevel: null, educationLevel: null },
      languages: null,
      location: null,
    });
    expect(bare.tags).toHaveLength(8);
    expect(bare.tags![0]).toEqual({ name: "talentsoft-organisation-id", value: null });
    expect([bare.skills, bare.languages, bare.location]).toEqual([
      [],
      [],
      { text: null, lat: null, lng: null },
    ]);
  });

  it("casts text coordinates and fails on a vacancy without a title", () => {
    expect(formatTsVacancy(makeVacancy(1) as TalentSoftVacancy).location).toEqual({
      text: "5 place Bellecour, 69002 Lyon",
      lat: 45.7578,
      lng: 4.832,
    });
    expect(() => formatTsVacancy({ ...vacancy, jobDescription: { title: null } })).toThrow(/title/);
  });
});

describe("formatTsCandidate (TalentSoft applicantdetail -> HrFlow parsing item)", () => {
  const pdf = fakePdf("cv");
  const candidate = {
    ...makeCandidate(3),
    attachments: [
      { id: "LM", filename: "lettre.pdf", mimeType: "application/pdf", isResume: false, raw: fakePdf("lm") },
      { id: "CV", filename: "cv-josé.pdf", mimeType: "application/pdf", isResume: true, raw: pdf },
    ],
  } as TalentSoftCandidate;

  it("sends the first resume attachment as raw bytes with its type and name", () => {
    const item = formatTsCandidate(candidate);
    expect(item.reference).toBe("_TS-0003");
    expect(item.created_at).toBe("2024-02-04T08:15:00Z");
    expect(item.resume).toEqual({ raw: pdf, content_type: "application/pdf", file_name: "cv-josé.pdf" });
    expect(item.metadatas).toEqual([
      { name: "profile_uid", value: "_TS-0003" },
      { name: "filename", value: "cv-josé.pdf" },
    ]);
    expect(HrFlowProfileParsingSchema.safeParse(item).success).toBe(true);
  });

  it("tags TalentSoft's codes, keeping the original tag names", () => {
    expect(formatTsCandidate(candidate).tags).toEqual([
      { name: "talentsoft-isEmployee", value: "false" },
      { name: "talentsoft-isInProgress", value: "true" },
      { name: "talentsoft-residentCountry-id", value: "FR" },
      { name: "talentsoft-contractType-id", value: "_TS_CO_Contract_CDI" },
      { name: "talentsoft-profileStatus-id", value: "_TS_Status_Active" },
      { name: "talentsoft-experienceLevel-id", value: "_TS_niveau_exp_superieur_5ans" },
      { name: "talentsoft-profile-id", value: "_TS_Profile_IT" },
      { name: "talentsofteducationLevel-id", value: "_TS_etude_min_BAC5" },
      { name: "talentsoft-application-vacancyReference", value: "2024-0001" },
    ]);
  });

  it("has no resume when no resume attachment came with bytes, and tolerates null sections", () => {
    const item = formatTsCandidate({
      isEmployee: true,
      isInProgress: false,
      candidateDetail: { id: "_TS-9", creationDate: null, personalInformation: { residentCountry: null } },
      attachments: [{ id: "CV", filename: "cv.pdf", mimeType: "application/pdf", isResume: true, raw: null }],
    });
    expect(item.resume).toBeNull();
    expect(item.metadatas).toEqual([{ name: "profile_uid", value: "_TS-9" }]);
    expect(item.tags.map((t) => t.name)).toEqual([
      "talentsoft-isEmployee",
      "talentsoft-isInProgress",
      "talentsoft-residentCountry-id",
    ]);
  });
});

describe("formatInfoTsApplicant (HrFlow profile -> TalentSoft front-office application)", () => {
  const profile: HrFlowProfile = {
    reference: "P-1",
    info: {
      first_name: "José",
      last_name: "Da Silva",
      email: "jose.dasilva@example.com",
      phone: "+33 6 12 34 56 78",
      date_birth: "1990-05-17",
      gender: "Male",
      location: { text: "8 rue Crébillon, 44000 Nantes", fields: { city: "Nantes", postcode: "44000" } },
    },
    experiences: [
      {
        company: "Atos",
        title: "Développeur",
        date_start: "2018-01-01T00:00:00+0000",
        date_end: "2021-01-01",
      },
      { company: "Freelance", title: "Consultant", date_start: "2021-02-01", date_end: null },
    ],
    educations: [{ school: "Université de Nantes", date_end: "2017-06-30T00:00:00Z" }, { school: "Lycée" }],
    attachments: [
      { type: "original", public_url: "https://files.example.com/original.pdf", original_file_name: "o.pdf" },
      {
        type: "resume",
        public_url: "https://files.example.com/resume.pdf",
        original_file_name: "CV José.pdf",
      },
    ],
    tags: [
      { name: "talentsoft_contract_type", value: "CDI" },
      { name: "talentsoft_salary", value: "45000" },
      { name: "talentsoft_education_level", value: "BAC+5" },
      { name: "talentsoft_experience_level", value: "Supérieure à 3 ans" },
    ],
  };

  it("fills personal information, keeping non-ASCII text intact", () => {
    const out = formatInfoTsApplicant(profile);
    expect(out.applicant.personalInformation).toEqual({
      civility: CIVILITY[2],
      firstName: "José",
      lastName: "Da Silva",
      email: "jose.dasilva@example.com",
      phoneNumber: "+33 6 12 34 56 78",
      birthDate: "1990-05-17",
      address: "8 rue Crébillon, 44000 Nantes",
      city: "Nantes",
      postalCode: "44000",
    });
    expect(TalentSoftApplicantItemSchema.safeParse(out).success).toBe(true);
  });

  it("maps the talentsoft_* tags through the code tables, with numeric years and lengths", () => {
    const out = formatInfoTsApplicant(profile);
    expect(out.applicant.jobPreferences).toEqual({
      contractType: CONTRACT_TYPE_REFERENTIAL.CDI,
      salaryPretensions: "45000",
    });
    expect(out.applicant.educations.diplomas).toEqual([
      { educationLevel: EDUCATIONS_REFERENTIEL["BAC+5"] },
      { yearObtained: 2017, college: "Université de Nantes" },
      { yearObtained: null, college: "Lycée" },
    ]);
    expect(out.applicant.experiences).toEqual({
      experienceLevel: DEFAULT_REFERENTIALS.experienceLevels["Supérieure à 3 ans"],
      experienceList: [
        { company: "Atos", function: "Développeur", length: 3 },
        { company: "Freelance", function: "Consultant", length: null },
      ],
    });
  });

  it("sends the resume attachment (not merely the first) as the cv_file_id upload", () => {
    const out = formatInfoTsApplicant(profile);
    expect(out.attachment.public_url).toBe("https://files.example.com/resume.pdf");
    expect(out.uploadedFiles).toEqual([{ description: "CV José.pdf", fileTypeId: 36, key: "cv_file_id" }]);
    expect(out.application).toEqual({ type: "offer", offerReference: null });
  });

  it("maps gender in any case, and sends no civility (not {}) for other values", () => {
    const civility = (gender: string | null) =>
      formatInfoTsApplicant({ ...profile, info: { ...profile.info, gender } }).applicant.personalInformation
        .civility;
    expect(civility("FEMALE")).toEqual(CIVILITY[4]);
    expect(civility("female")).toEqual(CIVILITY[4]);
    expect(civility("non-binary")).toBeNull();
    expect(civility(null)).toBeNull();
  });

  it("fails on a profile without an attachment, and accepts another tenant's code tables", () => {
    expect(() => formatInfoTsApplicant({ ...profile, attachments: [] })).toThrow(/no attachment/);
    const custom = makeFormatInfoTsApplicant({
      ...DEFAULT_REFERENTIALS,
      contractTypes: {
        CDI: { code: 1, clientCode: "CDI", label: "CDI", type: "contractType", parentType: "" },
      },
    });
    expect(custom.name).toBe("formatInfoTsApplicant");
    expect(custom(profile).applicant.jobPreferences.contractType?.clientCode).toBe("CDI");
  });
});

describe("toHrFlowDate", () => {
  it("keeps dates, gives times a zone, and drops what is not a date", () => {
    expect(toHrFlowDate("2024-03-05")).toBe("2024-03-05");
    expect(toHrFlowDate("2024-03-05T10:11:12.345")).toBe("2024-03-05T10:11:12.345Z");
    expect(toHrFlowDate("2024-03-05T10:11:12+0200")).toBe("2024-03-05T10:11:12+02:00");
    expect(toHrFlowDate("05/03/2024")).toBeNull();
    expect(toHrFlowDate(null)).toBeNull();
  });
});
