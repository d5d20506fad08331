import type { DownloadedFile } from "@hrflow-connectors/core/http";
import type { components } from "./generated/teamtailor.js";
import {
  CandidateItemSchema,
  CandidateSchema,
  JobSchema,
  LocationSchema,
} from "./generated/teamtailor.zod.js";

type S = components["schemas"];

/** A Teamtailor location resource (`GET /jobs/{id}/location`). */
export type TeamtailorLocation = S["Location"];
/** A Teamtailor job resource, with the location the read fetched for it (null: none). */
export type TeamtailorJob = S["Job"] & { location?: TeamtailorLocation | null };
/** A resume the read downloaded next to a candidate (Teamtailor only gives a link). */
export type TeamtailorResume = DownloadedFile;
/** A Teamtailor candidate resource, with its downloaded resume when it has one. */
export type TeamtailorCandidate = S["Candidate"] & { resume_file?: TeamtailorResume | null };
/** The candidate attributes Teamtailor accepts on create and update. */
export type TeamtailorCandidateWrite = S["CandidateWrite"];
/**
 * What the profile aisle writes: the attributes, plus the candidate id for an update. The write
 * wraps it in the JSON:API document (`{data: {type, attributes}}`).
 */
export type TeamtailorCandidateItem = S["CandidateItem"];

/** A Teamtailor location (generated from openapi.yaml). */
export const TeamtailorLocationSchema = LocationSchema;
/** A Teamtailor job: the fields the connector maps; other attributes are kept as they come. */
export const TeamtailorJobSchema = JobSchema;
/** A Teamtailor candidate: the fields the connector maps; other attributes are kept as they come. */
export const TeamtailorCandidateSchema = CandidateSchema;
/** What the profile writes accept: candidate attributes, plus the id on update. */
export const TeamtailorCandidateItemSchema = CandidateItemSchema;
