import type { DownloadedFile } from "@hrflow-connectors/core/http";
import type { z } from "zod";
import type { components } from "./generated/workable.js";
import {
  CandidateItemCreateBodySchema,
  CandidateItemSchema,
  JobSchema,
  LocationSchema,
} from "./generated/workable.zod.js";

type S = components["schemas"];

/** A Workable job as `GET /jobs/{shortcode}` returns it. */
export type WorkableJob = S["Job"];
/** A Workable location (job or candidate). */
export type WorkableLocation = S["Location"];
/** A resume the read downloaded next to a candidate (Workable only gives a link): core's file shape. */
export type WorkableResume = DownloadedFile;
/** A Workable candidate as `GET /candidates/{id}` returns it, plus its downloaded resume. */
export type WorkableCandidate = S["Candidate"] & { resume?: WorkableResume | null };
/**
 * A Workable candidate as `GET /candidates` lists it: what an archive run reads and its format
 * receives (no education, experience, skills, summary, resume or location).
 */
export type WorkableListedCandidate = S["CandidateSummary"];
/** The candidate fields Workable accepts on create. */
export type WorkableCandidateCreate = S["CandidateCreate"];
/** The candidate fields Workable accepts on update. */
export type WorkableCandidateUpdate = S["CandidateFields"];
/** The body of `POST /jobs/{shortcode}/candidates` and `POST /talent_pool/candidates`. */
export type WorkableCandidateCreateBody = S["CandidateCreateBody"];

/**
 * What the profile aisle writes: a flat candidate. The create write wraps it in
 * `{candidate, sourced}`, the update write sends `PATCH /candidates/{id}` with `{candidate}`.
 */
export type WorkableCandidateItem = Omit<WorkableCandidateCreate, "email"> & {
  email?: string | null;
  /** The Workable candidate id; required by the update flow. */
  id?: string | null;
};

/**
 * A job's HTML description fields, in the order HrFlow sections list them. `GET /jobs` leaves them
 * out unless `include_fields` names them.
 */
export const JOB_DESCRIPTION_FIELDS = [
  "full_description",
  "description",
  "requirements",
  "benefits",
] as const;

/** A Workable job: the fields the connector maps; others are kept as they come. */
export const WorkableJobSchema = JobSchema;
/** A Workable location (job or candidate). */
export const WorkableLocationSchema = LocationSchema;
/**
 * A Workable candidate. Read items carry every field Workable returns (skills as `{name}`);
 * written items use the create/update fields (skills as strings) plus `id` for updates.
 */
export const WorkableCandidateSchema = CandidateItemSchema;

/** A candidate as the profile aisle's write receives it: validated by `WorkableCandidateSchema`. */
export type WorkableCandidateRecord = z.output<typeof WorkableCandidateSchema>;

/** Read-shaped items carry skills as {name}; Workable's create and update take plain strings. */
export const skillNames = (skills: WorkableCandidateRecord["skills"] | WorkableCandidate["skills"]) =>
  skills?.map((s) => (typeof s === "string" ? s : s?.name)).filter((s): s is string => Boolean(s));

/** The schema lets a candidate's lists be null; Workable's create body wants them absent instead. */
export const withoutNullLists = (c: WorkableCandidateRecord) => ({
  education_entries: c.education_entries ?? undefined,
  experience_entries: c.experience_entries ?? undefined,
  tags: c.tags ?? undefined,
  social_profiles: c.social_profiles ?? undefined,
});

/** The body of a create-candidate request, as the older `push_profile` action writes it. */
export const WorkableCandidateCreateBodySchema = CandidateItemCreateBodySchema;

/**
 * The profile aisle's item for an older-style create body (`push_profile`'s items): the candidate
 * fields, with the body's `sourced` flag, so the aisle sends the same request the body describes.
 */
export function candidateOfCreateBody(
  body: z.output<typeof WorkableCandidateCreateBodySchema>,
): WorkableCandidateRecord {
  return body.sourced === undefined ? body.candidate : { ...body.candidate, sourced: body.sourced };
}
