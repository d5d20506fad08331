import { z } from "zod";
import {
  AttachmentSchema,
  EducationSchema,
  ExperienceSchema,
  GeneralEntitySchema,
  InfoUrlSchema,
  JobItemSchema,
  LabelSchema,
  LocationSchema,
  ProfileInfoSchema,
  ProfileItemSchema,
  ProfileParsingSchema,
  RangesDateSchema,
  RangesFloatSchema,
  ResumeSchema,
  SectionSchema,
  SkillSchema,
  TimestampSchema,
} from "./generated/hrflow.zod.js";

/**
 * HrFlow.ai data schemas, generated from openapi.yaml (its "as connectors write and read them"
 * components). A connector's format output is validated against these before any write, so a bad
 * mapping is a format failure naming the field instead of an HTTP 400.
 */

/** An ISO 8601 date, or date-time with a time zone (Z or an offset). */
export const timestampSchema = TimestampSchema;
export const HrFlowLocationSchema = LocationSchema;
export const HrFlowGeneralEntitySchema = GeneralEntitySchema;
export const HrFlowSkillSchema = SkillSchema;
export const HrFlowLabelSchema = LabelSchema;
export const HrFlowSectionSchema = SectionSchema;
export const HrFlowRangesFloatSchema = RangesFloatSchema;
export const HrFlowRangesDateSchema = RangesDateSchema;
export const HrFlowJobSchema = JobItemSchema;
export const HrFlowInfoUrlSchema = InfoUrlSchema;
export const HrFlowProfileInfoSchema = ProfileInfoSchema;
export const HrFlowExperienceSchema = ExperienceSchema;
export const HrFlowEducationSchema = EducationSchema;
export const HrFlowAttachmentSchema = AttachmentSchema;

// Bytes have no JSON type, so the description leaves `raw` open; the schema narrows it here and
// where a resume is nested, keeping each field's description from the description.
const described = <T extends z.ZodType>(schema: T, from: z.ZodType) =>
  schema.describe(from.description ?? "");

/** A file to parse: bytes, or base64 text when the item travels as JSON. */
export const HrFlowResumeSchema = ResumeSchema.extend({
  raw: described(z.union([z.instanceof(Uint8Array), z.string()]), ResumeSchema.shape.raw),
});

export const HrFlowProfileSchema = ProfileItemSchema.extend({
  resume: described(HrFlowResumeSchema.nullish(), ProfileItemSchema.shape.resume),
});

/** The items of the profile parsing warehouse: a file plus the fields kept beside the parsing. */
export const HrFlowProfileParsingSchema = ProfileParsingSchema.extend({
  resume: described(HrFlowResumeSchema.nullish(), ProfileParsingSchema.shape.resume),
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
