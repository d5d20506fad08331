import { z } from "zod";
import type { components } from "./generated/bullhorn.js";
import { CandidateRowSchema, CandidateSchema, JobOrderSchema } from "./generated/bullhorn.zod.js";

type S = components["schemas"];

/** A JobOrder search row (the fields asked for). */
export const BullhornJobSchema = JobOrderSchema;
export type BullhornJob = S["JobOrder"];

/** A CandidateEducation or CandidateWorkHistory row. */
export type BullhornEducation = S["CandidateRow"];
export type BullhornWorkHistory = S["CandidateRow"];

/** A resume file downloaded with its name. */
export const BullhornResumeSchema = z.object({
  name: z.string().nullish().describe("The file name Bullhorn keeps for it"),
  contentType: z.string().nullish().describe("Its content type, e.g. application/pdf"),
  bytes: z.instanceof(Uint8Array).describe("The file's bytes"),
});
export type BullhornResume = z.output<typeof BullhornResumeSchema>;

/** A Candidate search row, with its education and work-history rows and resume when asked for. */
export const BullhornCandidateSchema = CandidateSchema.extend({
  educations: z
    .array(CandidateRowSchema)
    .nullish()
    .describe("CandidateEducation rows (when `educations` is asked for)"),
  workHistories: z
    .array(CandidateRowSchema)
    .nullish()
    .describe("CandidateWorkHistory rows (when `workHistories` is asked for)"),
  resume: BullhornResumeSchema.nullish().describe("The newest Resume file (parse_resume)"),
});
export type BullhornCandidate = S["Candidate"] & {
  educations?: BullhornEducation[] | null;
  workHistories?: BullhornWorkHistory[] | null;
  resume?: BullhornResume | null;
};

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
