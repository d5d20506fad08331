import type { components } from "./generated/lever.js";
import {
  OpportunityCreateItemSchema,
  OpportunityItemSchema,
  PostingItemSchema,
  ResumeItemSchema,
} from "./generated/lever.zod.js";

type S = components["schemas"];

/** A Lever job posting as `GET /postings` lists it. */
export type LeverPosting = S["Posting"];
/** A Lever opportunity as `GET /opportunities` lists it. */
export type LeverOpportunity = S["Opportunity"];
/** A resume of an opportunity, with Lever's parsed positions and schools. */
export type LeverResume = S["Resume"];
/** What `pull_profile_list` reads: the opportunity plus its resumes under `profile`, as the original did. */
export type LeverOpportunityWithResumes = LeverOpportunity & { profile: LeverResume[] };
/** The body of `POST /opportunities`. */
export type LeverOpportunityCreate = S["OpportunityCreate"];

/** A Lever posting (documentation of what `pull_job_list` reads; other fields are kept). */
export const LeverPostingSchema = PostingItemSchema;
/** A resume as `GET /opportunities/{id}/resumes` lists it. */
export const LeverResumeSchema = ResumeItemSchema;
/** An opportunity with its resumes (what `pull_profile_list` reads). */
export const LeverOpportunitySchema = OpportunityItemSchema;
/**
 * The body `push_profile` sends to `POST /opportunities`. Formats may add other Lever fields
 * (sources, origin, owner, postings...), which are sent as they are.
 */
export const LeverOpportunityCreateSchema = OpportunityCreateItemSchema;
