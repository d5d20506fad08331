import type { z } from "zod";
import type { components } from "./generated/greenhouse.js";
import { CandidateItemSchema, JobItemSchema } from "./generated/greenhouse.zod.js";

type S = components["schemas"];

/** A Harvest v3 job as `GET /v3/jobs` lists it. */
export type GreenhouseJobRecord = S["Job"];
export type GreenhouseDepartment = S["Department"];
export type GreenhouseOffice = S["Office"];
export type GreenhouseCandidateRecord = S["Candidate"];
export type GreenhouseEducation = S["Education"];
export type GreenhouseEmployment = S["Employment"];
export type GreenhouseAttachment = S["Attachment"];
export type GreenhouseApplication = S["Application"];
/** A published post of the public Job Board API. */
export type GreenhouseBoardJob = S["BoardJob"];
/** The body of `POST /v3/candidates`. */
export type GreenhouseCandidateCreate = S["CandidateCreate"];
/** The body of `PATCH /v3/candidates/{id}`. */
export type GreenhouseCandidateUpdate = S["CandidateUpdate"];
export type GreenhouseTyped = S["Typed"];

/** What the job read yields: the job with its department and offices joined (v3 gives only ids). */
export type GreenhouseJob = GreenhouseJobRecord & {
  department?: GreenhouseDepartment | null;
  offices?: GreenhouseOffice[] | null;
};

/** What the candidate read yields: the candidate with its split resources joined back. */
export type GreenhouseCandidate = GreenhouseCandidateRecord & {
  educations?: GreenhouseEducation[] | null;
  employments?: GreenhouseEmployment[] | null;
  attachments?: GreenhouseAttachment[] | null;
  applications?: GreenhouseApplication[] | null;
};

/** A Greenhouse job as the job aisle yields it: the v3 job, department and offices joined. */
export const GreenhouseJobSchema = JobItemSchema;

/** A Greenhouse candidate as the candidate aisle yields it and its writes take it. */
export const GreenhouseCandidateSchema = CandidateItemSchema;

/**
 * What the candidate writes take: create-body fields plus `id` (the Greenhouse candidate, for update
 * and archive) and `job_ids` (one application per job; the first goes with the create).
 */
export type GreenhouseCandidateItem = z.output<typeof GreenhouseCandidateSchema>;
