import { z } from "zod";

/**
 * HrFlow.ai data schemas. A connector's format output is validated against these before any
 * write, so a bad mapping is a format failure naming the field instead of an HTTP 400.
 * Fields the real API treats as optional stay optional and nullable; types are still checked.
 */

// Naive local times were a bug of the original (the host's time zone leaked into the data):
// a time of day must carry Z or an offset. HrFlow itself answers with offsets like "+0000".
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?))?$/;

/** An ISO 8601 date, or date-time with a time zone (Z or an offset). */
export const timestampSchema = z
  .string()
  .regex(TIMESTAMP, "must be an ISO 8601 date, or a date-time with a time zone (Z or ±hh:mm)");

const text = (description: string) => z.string().nullish().describe(description);
const time = (description: string) => timestampSchema.nullish().describe(description);

export const HrFlowLocationSchema = z.object({
  text: text("Location text address."),
  lat: z.number().nullish().describe("Geocentric latitude of the Location."),
  lng: z.number().nullish().describe("Geocentric longitude of the Location."),
  fields: z
    .record(z.string(), z.unknown())
    .nullish()
    .describe("Other location attributes like country, country_code etc"),
});

export const HrFlowGeneralEntitySchema = z.object({
  name: z.string().describe("Identification name of the Object"),
  value: text("Value associated to the Object's name"),
});

export const HrFlowSkillSchema = z.object({
  name: z.string().describe("Identification name of the skill"),
  type: z.enum(["hard", "soft"]).describe("Type of the skill. hard or soft"),
  value: text("Value associated to the skill"),
});

export const HrFlowLabelSchema = z.object({
  board_key: z.string().describe("Identification key of the Board containing the target Job."),
  job_key: z.string().describe("Identification key of the Job."),
  job_reference: z.string().describe("Custom identifier of the Job."),
  stage: z
    .enum(["yes", "no", "later"])
    .describe("Stage associated to the Profile following the action of a recruiter (yes, no, later)."),
  date_stage: time("Date of the stage edit action. type: ('datetime ISO 8601')"),
  rating: z
    .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
    .nullable()
    .describe("Rating associated to the Profile following the action of a recruiter (from 1 to 5)."),
  date_rating: time("Date of the rating action. type: ('datetime ISO 8601')"),
});

export const HrFlowSectionSchema = z.object({
  name: text("Identification name of a Section of the Job. Example: culture"),
  title: text("Display Title of a Section. Example: Corporate Culture"),
  description: text("Text description of a Section: Example: Our values areNone"),
});

export const HrFlowRangesFloatSchema = z.object({
  name: text("Identification name of a Range of floats attached to the Job. Example: salary"),
  value_min: z.number().nullish().describe("Min value. Example: 500."),
  value_max: z.number().nullish().describe("Max value. Example: 100."),
  unit: text("Unit of the value. Example: euros."),
});

export const HrFlowRangesDateSchema = z.object({
  name: text("Identification name of a Range of dates attached to the Job. Example: availability."),
  value_min: time("Min value in datetime ISO 8601, Example: 2020-01-01"),
  value_max: time("Max value in datetime ISO 8601, Example: 2021-01-01"),
});

const entities = (description: string) => z.array(HrFlowGeneralEntitySchema).nullish().describe(description);
const skills = (description: string) => z.array(HrFlowSkillSchema).nullish().describe(description);

export const HrFlowJobSchema = z.object({
  key: text("Identification key of the Job."),
  reference: text("Custom identifier of the Job."),
  name: z.string().describe("Job title."),
  location: HrFlowLocationSchema.nullish().describe("Job location object."),
  sections: z.array(HrFlowSectionSchema).nullish().describe("Job custom sections."),
  url: text("Job post original URL."),
  summary: text("Brief summary of the Job."),
  culture: text("Company culture description."),
  benefits: text("Job benefits description."),
  responsibilities: text("Job responsibilities description."),
  requirements: text("Job requirements description."),
  interviews: text("Interview process description."),
  archieved_at: time(
    "type: datetime ISO8601, Archive date of the Job. The value is null for unarchived Jobs (spelling kept from the original).",
  ),
  archived_at: time(
    "type: datetime ISO8601, Archive date of the Job. The value is null for unarchived Jobs.",
  ),
  updated_at: time("type: datetime ISO8601, Last update date of the Job."),
  created_at: time("type: datetime ISO8601, Creation date of the Job."),
  skills: skills("List of skills of the Job."),
  languages: entities("List of spoken languages of the Job"),
  certifications: entities("List of certifications of the Job."),
  courses: entities("List of courses of the Job"),
  tasks: entities("List of tasks of the Job"),
  tags: entities("List of tags of the Job"),
  metadatas: entities("List of metadatas of the Job"),
  ranges_float: z.array(HrFlowRangesFloatSchema).nullish().describe("List of ranges of floats"),
  ranges_date: z.array(HrFlowRangesDateSchema).nullish().describe("List of ranges of dates"),
});

export const HrFlowInfoUrlSchema = z.object({
  type: z.enum(["from_resume", "linkedin", "twitter", "facebook", "github"]).describe("Type of the URL"),
  url: text("URL"),
});

export const HrFlowProfileInfoSchema = z.object({
  full_name: text("Profile full name"),
  first_name: text("Profile first name"),
  last_name: text("Profile last name"),
  email: text("Profile email"),
  phone: text("Profile phone number"),
  date_birth: text("Profile date of birth"),
  location: HrFlowLocationSchema.nullish().describe("Profile location object"),
  urls: z.array(HrFlowInfoUrlSchema).nullish().describe("Profile social networks and URLs"),
  picture: text("Profile picture url"),
  gender: text("Profile gender"),
  summary: text("Profile summary text"),
});

const experienceFields = {
  key: text("Identification key of the item."),
  logo: text("Logo of the item"),
  title: text("Title of the item"),
  description: text("Description of the item"),
  location: HrFlowLocationSchema.nullish().describe("Location object of the item"),
  date_start: time("Start date of the item. type: ('datetime ISO 8601')"),
  date_end: time("End date of the item. type: ('datetime ISO 8601')"),
  skills: skills("List of skills of the item"),
  certifications: entities("List of certifications of the item"),
  courses: entities("List of courses of the item"),
  tasks: entities("List of tasks of the item"),
};

const { key: itemKey, ...itemFields } = experienceFields;

export const HrFlowExperienceSchema = z.object({
  key: itemKey,
  company: text("Company name of the Experience."),
  ...itemFields,
});

export const HrFlowEducationSchema = z.object({
  key: itemKey,
  school: text("School name of the Education."),
  ...itemFields,
});

export const HrFlowAttachmentSchema = z.looseObject({
  type: text("Type of the attachment, e.g. original or resume"),
  alt: text("Alternative text of the attachment"),
  file_name: text("File name of the attachment"),
  original_file_name: text("Original file name of the attachment"),
  extension: text("File extension of the attachment"),
  file_size: z.number().nullish().describe("File size in bytes"),
  public_url: text("Public URL of the attachment"),
  text: text("Text extracted from the attachment"),
  created_at: time("Creation date of the attachment"),
  updated_at: time("Last update date of the attachment"),
});

/** A file to parse: bytes, or base64 text when the item travels as JSON. */
export const HrFlowResumeSchema = z.object({
  raw: z.union([z.instanceof(Uint8Array), z.string()]).describe("File content: bytes, or a base64 string"),
  content_type: z.string().describe("File content type e.g. application/pdf"),
  file_name: z.string().nullish().describe("File name sent with the file, e.g. resume.pdf"),
});

export const HrFlowProfileSchema = z.object({
  key: text("Identification key of the Profile."),
  reference: text("Custom identifier of the Profile."),
  info: HrFlowProfileInfoSchema.nullish().describe("Object containing the Profile's info."),
  text_language: text("Code language of the Profile. type: string code ISO 639-1"),
  text: text("Full text of the Profile."),
  archived_at: time(
    "type: datetime ISO8601, Archive date of the Profile. The value is null for unarchived Profiles.",
  ),
  updated_at: time("type: datetime ISO8601, Last update date of the Profile."),
  created_at: time("type: datetime ISO8601, Creation date of the Profile."),
  experiences_duration: z.number().nullish().describe("Total number of years of experience."),
  educations_duration: z.number().nullish().describe("Total number of years of education."),
  experiences: z.array(HrFlowExperienceSchema).nullish().describe("List of experiences of the Profile."),
  educations: z.array(HrFlowEducationSchema).nullish().describe("List of educations of the Profile."),
  attachments: z
    .array(HrFlowAttachmentSchema)
    .nullish()
    .describe("List of documents attached to the Profile."),
  skills: skills("List of skills of the Profile."),
  languages: entities("List of spoken languages of the profile"),
  certifications: entities("List of certifications of the Profile."),
  courses: entities("List of courses of the Profile."),
  tasks: entities("List of tasks of the Profile."),
  interests: entities("List of interests of the Profile."),
  tags: entities("List of tags of the Profile."),
  metadatas: entities("List of metadatas of the Profile."),
  labels: z.array(HrFlowLabelSchema).nullish().describe("List of labels of the Profile."),
  consent_algorithmic: z
    .record(z.string(), z.unknown())
    .nullish()
    .describe(
      "Algorithmic consent of the Profile owner (parsing, revealing, embedding, searching, scoring, upskilling)",
    ),
  resume: HrFlowResumeSchema.nullish().describe(
    "A resume file to parse into the Profile (create and update); never stored as a field",
  ),
});

/** The items of the profile parsing warehouse: a file plus the fields kept beside the parsing. */
export const HrFlowProfileParsingSchema = z.object({
  reference: text("Custom identifier of the Profile."),
  created_at: time("type: datetime ISO8601, Creation date of the Profile."),
  resume: HrFlowResumeSchema.nullish().describe("The resume file to parse"),
  tags: z.array(HrFlowGeneralEntitySchema).default([]).describe("List of tags of the Profile."),
  metadatas: z.array(HrFlowGeneralEntitySchema).default([]).describe("List of metadatas of the Profile."),
});

/** HrFlow.ai credentials of the flow-style actions (`hrflow_auth`). */
export const hrflowAuthSchema = z.object({
  api_secret: z.string().min(1).describe("API Key used to access HrFlow.ai API").meta({ secret: true }),
  api_user: z.string().min(1).describe("User email used to access HrFlow.ai API"),
});

export type HrFlowAuth = z.output<typeof hrflowAuthSchema>;
export type HrFlowLocation = z.output<typeof HrFlowLocationSchema>;
export type HrFlowGeneralEntity = z.output<typeof HrFlowGeneralEntitySchema>;
export type HrFlowSkill = z.output<typeof HrFlowSkillSchema>;
export type HrFlowSection = z.output<typeof HrFlowSectionSchema>;
export type HrFlowJob = z.output<typeof HrFlowJobSchema>;
export type HrFlowProfile = z.output<typeof HrFlowProfileSchema>;
export type HrFlowProfileInfo = z.output<typeof HrFlowProfileInfoSchema>;
export type HrFlowExperience = z.output<typeof HrFlowExperienceSchema>;
export type HrFlowEducation = z.output<typeof HrFlowEducationSchema>;
export type HrFlowResume = z.output<typeof HrFlowResumeSchema>;
export type HrFlowProfileParsing = z.output<typeof HrFlowProfileParsingSchema>;
