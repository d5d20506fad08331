import type { z } from "zod";
import type { components } from "./generated/smartrecruiters.js";
import { CandidateItemSchema, JobSchema } from "./generated/smartrecruiters.zod.js";

type S = components["schemas"];

/** A SmartRecruiters job as `GET /jobs/{id}` returns it. */
export type SmartRecruitersJob = S["Job"];
/** A job's location (coordinates are often numeric strings). */
export type SmartRecruitersJobLocation = S["JobLocation"];
/** A SmartRecruiters candidate as `GET /candidates/{id}` returns it. */
export type SmartRecruitersCandidate = S["Candidate"];
/**
 * A SmartRecruiters job as `GET /jobs` lists it: what an archive run reads and its format receives
 * (no ad, location or labels).
 */
export type SmartRecruitersListedJob = S["JobSummary"];
/**
 * A SmartRecruiters candidate as `GET /candidates` lists it: what an archive run reads and its format
 * receives (no education, experience, location or links).
 */
export type SmartRecruitersListedCandidate = S["CandidateSummary"];
/** A candidate's location. */
export type SmartRecruitersCandidateLocation = S["CandidateLocation"];
/** The candidate fields SmartRecruiters accepts on create and update. */
export type SmartRecruitersCandidateInput = S["CandidateInput"];

/**
 * What the profile aisle writes: the candidate fields, plus `id` (the SmartRecruiters candidate
 * id) for updates and deletes.
 */
export type SmartRecruitersCandidateItem = SmartRecruitersCandidateInput & { id?: string | null };

/** A SmartRecruiters job: the fields the connector maps; others are kept as they come. */
export const SmartRecruitersJobSchema = JobSchema;

/**
 * A SmartRecruiters candidate. Read items carry what `GET /candidates/{id}` returns; written items
 * carry the create/update fields, plus `id` for updates and deletes.
 */
export const SmartRecruitersCandidateSchema = CandidateItemSchema;

/** A candidate as the profile aisle's write receives it. */
export type SmartRecruitersCandidateRecord = z.output<typeof SmartRecruitersCandidateSchema>;

/** The fields of a create or update body: everything but the id (which goes in the path). */
export function candidateBody(item: SmartRecruitersCandidateRecord): SmartRecruitersCandidateInput {
  const { id: _id, createdOn: _c, updatedOn: _u, ...fields } = item;
  return fields as SmartRecruitersCandidateInput;
}
