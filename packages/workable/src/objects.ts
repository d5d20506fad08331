import type { DownloadedFile } from "@hrflow-connectors/core/http";
import { z } from "zod";
import type { components } from "./generated/workable.js";

type S = components["schemas"];

/** A Workable job as `GET /jobs/{shortcode}` returns it. */
export type WorkableJob = S["Job"];
/** A Workable location (job or candidate). */
export type WorkableLocation = S["Location"];
/** A resume the read downloaded next to a candidate (Workable only gives a link): core's file shape. */
export type WorkableResume = DownloadedFile;
/** A Workable candidate as `GET /candidates/{id}` returns it, plus its downloaded resume. */
export type WorkableCandidate = S["Candidate"] & { resume?: WorkableResume | null };
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

const str = (description: string) => z.string().nullish().describe(description);

const locationShape = {
  location_str: str("Location as one line of text"),
  country: str("Country name"),
  country_code: str("ISO 3166-1 alpha-2 country code"),
  region: str("Region or state"),
  region_code: str("Region code"),
  city: str("City"),
  zip_code: str("Postal code"),
  telecommuting: z.boolean().nullish().describe("Whether the job can be done remotely"),
  workplace_type: z.enum(["on_site", "hybrid", "remote"]).nullish().describe("on_site, hybrid or remote"),
};

export const WorkableLocationSchema = z.looseObject(locationShape);

/** A Workable job (the fields the connector maps; others are kept as they come). */
export const WorkableJobSchema = z.looseObject({
  id: z.string().describe("Workable job id"),
  title: z.string().describe("Job title"),
  full_title: str("Title with code and location"),
  shortcode: z.string().describe("Job shortcode, its stable identifier"),
  code: str("Internal job code"),
  state: z.enum(["draft", "published", "archived", "closed"]).nullish().describe("Job state"),
  department: str("Department"),
  url: str("Public job page"),
  application_url: str("Application form"),
  shortlink: str("Short link"),
  location: WorkableLocationSchema.nullish().describe("Primary location"),
  locations: z
    .array(z.looseObject({ ...locationShape, coords: str('"lat,lng" of the location') }))
    .nullish()
    .describe("All locations, the primary first"),
  salary: z
    .looseObject({
      salary_from: z.number().nullish().describe("Lower bound"),
      salary_to: z.number().nullish().describe("Upper bound"),
      salary_currency: str("Currency code"),
    })
    .nullish()
    .describe("Salary range"),
  employment_type: str("Employment type"),
  industry: str("Industry"),
  function: str("Job function"),
  experience: str("Experience level"),
  education: str("Education level"),
  full_description: str("Description, requirements and benefits (HTML)"),
  description: str("Description (HTML)"),
  requirements: str("Requirements (HTML)"),
  benefits: str("Benefits (HTML)"),
  created_at: str("Creation date (ISO 8601)"),
  updated_at: str("Last update date (ISO 8601)"),
});

const period = { start_date: str("Start date (YYYY-MM-DD)"), end_date: str("End date (YYYY-MM-DD)") };
const educationInput = z.looseObject({
  school: z.string().describe("School (required by Workable)"),
  degree: str("Degree"),
  field_of_study: str("Field of study"),
  ...period,
});
const experienceInput = z.looseObject({
  title: z.string().describe("Title (required by Workable)"),
  company: str("Company"),
  summary: str("Summary"),
  industry: str("Industry"),
  ...period,
  current: z.boolean().nullish().describe("Whether this is the current position"),
});

/**
 * A Workable candidate. Read items carry every field Workable returns (skills as `{name}`);
 * written items use the create/update fields (skills as strings) plus `id` for updates.
 */
export const WorkableCandidateSchema = z.looseObject({
  id: str("Workable candidate id (required to update)"),
  name: str("Full name"),
  firstname: str("First name"),
  lastname: str("Last name"),
  email: str("Email (required by Workable to create)"),
  headline: str("Headline"),
  summary: str("Summary"),
  address: str("Address"),
  phone: str("Phone"),
  cover_letter: str("Cover letter"),
  image_url: str("Picture URL"),
  resume_url: str("Resume URL"),
  education_entries: z.array(educationInput).nullish().describe("Education entries"),
  experience_entries: z.array(experienceInput).nullish().describe("Experience entries"),
  skills: z
    .array(z.union([z.string(), z.looseObject({ name: z.string().describe("Skill name") })]))
    .nullish()
    .describe("Skills"),
  tags: z.array(z.string()).nullish().describe("Tags"),
  social_profiles: z
    .array(z.looseObject({ type: z.string().describe("Network"), url: z.string().describe("Profile URL") }))
    .nullish()
    .describe("Social profiles"),
  sourced: z
    .boolean()
    .nullish()
    .describe("On create: true adds the candidate as sourced (the default), false as an applicant"),
});

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
export const WorkableCandidateCreateBodySchema = z.object({
  sourced: z.boolean().optional().describe("true: sourced (Workable's default); false: applied"),
  candidate: WorkableCandidateSchema.extend({
    email: z.string().min(1).describe("Email (required by Workable)"),
  }),
});

/**
 * The profile aisle's item for an older-style create body (`push_profile`'s items): the candidate
 * fields, with the body's `sourced` flag, so the aisle sends the same request the body describes.
 */
export function candidateOfCreateBody(
  body: z.output<typeof WorkableCandidateCreateBodySchema>,
): WorkableCandidateRecord {
  return body.sourced === undefined ? body.candidate : { ...body.candidate, sourced: body.sourced };
}
