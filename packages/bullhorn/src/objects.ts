import { z } from "zod";

// Bullhorn returns exactly the fields a call names, so every field is optional and nullable; the
// schemas document the ones the formats read and let every other field through.
const num = z.number().nullish();
const str = z.string().nullish();
const ms = z.number().nullish().describe("Epoch milliseconds");
const ref = z.looseObject({ id: z.number().nullish(), name: str }).nullish();
const list = z.looseObject({ total: z.number().nullish(), data: z.array(z.unknown()).nullish() }).nullish();

/** A Bullhorn address. */
export const BullhornAddressSchema = z
  .looseObject({
    address1: str,
    address2: str,
    city: str,
    state: str,
    zip: str,
    countryCode: str,
    countryID: num,
  })
  .nullish();

/** A JobOrder search row. */
export const BullhornJobSchema = z.looseObject({
  _score: z.number().nullish().describe("Lucene score of the search row"),
  id: z.number().describe("JobOrder id"),
  title: str,
  address: BullhornAddressSchema,
  publicDescription: str,
  description: str,
  skillList: str,
  degreeList: z.union([z.string(), z.array(z.string())]).nullish(),
  durationWeeks: num,
  employmentType: str,
  numOpenings: num,
  onSite: str,
  salaryUnit: str,
  salary: num,
  startDate: ms,
  status: str,
  type: num,
  willRelocate: z.boolean().nullish(),
  isWorkFromHome: z.boolean().nullish(),
  isOpen: z.boolean().nullish(),
  isDeleted: z.boolean().nullish(),
  hoursPerWeek: num,
  hoursOfOperation: str,
  dateAdded: ms,
  dateLastModified: ms,
  clientCorporation: ref,
  owner: ref,
});
export type BullhornJob = z.output<typeof BullhornJobSchema>;

/** A CandidateEducation row. */
export const BullhornEducationSchema = z.looseObject({
  id: num,
  city: str,
  school: str,
  degree: str,
  certification: str,
  comments: str,
  startDate: ms,
  endDate: ms,
});
export type BullhornEducation = z.output<typeof BullhornEducationSchema>;

/** A CandidateWorkHistory row. */
export const BullhornWorkHistorySchema = z.looseObject({
  id: num,
  companyName: str,
  title: str,
  comments: str,
  startDate: ms,
  endDate: ms,
});
export type BullhornWorkHistory = z.output<typeof BullhornWorkHistorySchema>;

/** A resume file downloaded with its name. */
export const BullhornResumeSchema = z.object({
  name: z.string().nullish().describe("The file name Bullhorn keeps for it"),
  contentType: z.string().nullish().describe("Its content type, e.g. application/pdf"),
  bytes: z.instanceof(Uint8Array).describe("The file's bytes"),
});
export type BullhornResume = z.output<typeof BullhornResumeSchema>;

/** A Candidate search row, with its education and work-history rows and resume when asked for. */
export const BullhornCandidateSchema = z.looseObject({
  _score: z.number().nullish().describe("Lucene score of the search row"),
  id: z.number().describe("Candidate id"),
  name: str,
  firstName: str,
  lastName: str,
  email: str,
  mobile: str,
  phone: str,
  gender: str,
  dateOfBirth: ms,
  dateAvailable: ms,
  dateAdded: ms,
  dateLastModified: ms,
  status: str,
  employeeType: str,
  skillSet: str,
  description: str,
  address: BullhornAddressSchema,
  activePlacements: list,
  educations: z.array(BullhornEducationSchema).nullish(),
  workHistories: z.array(BullhornWorkHistorySchema).nullish(),
  resume: BullhornResumeSchema.nullish().describe("The newest Resume file (parse_resume)"),
  isDeleted: z.boolean().nullish(),
});
export type BullhornCandidate = z.output<typeof BullhornCandidateSchema>;

/** A candidate as `push_profile` writes it: the candidate, its rows and attachments. */
export const BullhornCandidateWriteSchema = z.object({
  id: z.number().nullish().describe("Bullhorn candidate id when the candidate exists (update)"),
  candidate: z.record(z.string(), z.unknown()).describe("Candidate fields (PUT creates, POST updates)"),
  educations: z.array(z.record(z.string(), z.unknown())).default([]).describe("CandidateEducation rows"),
  workHistories: z.array(z.record(z.string(), z.unknown())).default([]).describe("CandidateWorkHistory rows"),
  attachments: z
    .array(
      z.object({
        name: z.string(),
        contentType: z.string().nullish(),
        url: z.string().describe("Where the file is downloaded from"),
        type: z.string().nullish(),
      }),
    )
    .default([])
    .describe("Files to attach (downloaded, then sent base64-encoded)"),
});
export type BullhornCandidateWrite = z.output<typeof BullhornCandidateWriteSchema>;

/** An application as `push_application` writes it: a candidate, then its submission to the job. */
export const BullhornApplicationSchema = BullhornCandidateWriteSchema.extend({});
export type BullhornApplication = z.output<typeof BullhornApplicationSchema>;
