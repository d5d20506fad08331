import { z } from "zod";
import {
  ApplicantItemSchema,
  AttachmentSchema,
  CandidateSchema,
  RefSchema,
  VacancySchema,
} from "./generated/talentsoft.zod.js";

/**
 * TalentSoft objects, as far as the connector reads or writes them, generated from openapi.yaml.
 * Reads are loose (TalentSoft sends many more fields); the outbound applicant is checked before any write.
 */

/** A code-table reference inside an export (`{ id, label, ... }`). */
export const TalentSoftRefSchema = RefSchema;

/** `offerDetail` of a vacancies export record. */
export const TalentSoftVacancySchema = VacancySchema;
export type TalentSoftVacancy = z.output<typeof TalentSoftVacancySchema>;

// Bytes have no JSON type, so the description leaves `raw` open; the read fills it from the archive.
/** An attachment of an exported candidate; `raw` holds the file's bytes from the export archive. */
export const TalentSoftAttachmentSchema = AttachmentSchema.extend({
  raw: z.custom<Uint8Array<ArrayBuffer>>((v) => v instanceof Uint8Array, "must be bytes").nullish(),
});
export type TalentSoftAttachment = z.output<typeof TalentSoftAttachmentSchema>;

/** The `applicantdetail` of a candidates export record. */
export const TalentSoftCandidateSchema = CandidateSchema.extend({
  attachments: z.array(TalentSoftAttachmentSchema).nullish(),
});
export type TalentSoftCandidate = z.output<typeof TalentSoftCandidateSchema>;

/** The front-office `applicantApplication` body, plus the HrFlow attachment carried to the write. */
export const TalentSoftApplicantItemSchema = ApplicantItemSchema;
export type TalentSoftApplicantItem = z.output<typeof TalentSoftApplicantItemSchema>;
