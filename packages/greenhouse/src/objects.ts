import { z } from "zod";
import type { components } from "./generated/greenhouse.js";

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

const str = (description: string) => z.string().nullish().describe(description);
const id = z.union([z.number(), z.string()]);
const typed = z.array(z.looseObject({ value: str("Value"), type: str("Type") })).nullish();

/** A Greenhouse job as the job aisle yields it (fields the formats read; others kept). */
export const GreenhouseJobSchema = z.looseObject({
  id: id.describe("Greenhouse job id"),
  name: str("Job name"),
  requisition_id: str("Requisition id"),
  notes: str("Notes (HTML)"),
  status: str("open, closed or draft"),
  created_at: str("Creation time (ISO 8601)"),
  updated_at: str("Last update time (ISO 8601)"),
  department: z
    .looseObject({ id, name: str("Name") })
    .nullish()
    .describe("Department (joined)"),
  offices: z
    .array(z.looseObject({ id, name: str("Name") }))
    .nullish()
    .describe("Offices (joined)"),
  custom_fields: z.record(z.string(), z.unknown()).nullish().describe("Custom fields by key"),
});

/** A Greenhouse candidate as the candidate aisle yields it and its writes take. */
export const GreenhouseCandidateSchema = z.looseObject({
  id: z
    .union([z.number(), z.string()])
    .nullish()
    .describe("Greenhouse candidate id (required to update or archive)"),
  first_name: str("First name"),
  last_name: str("Last name"),
  company: str("Current company"),
  title: str("Current title"),
  email_addresses: typed.describe("Emails {value, type}"),
  phone_numbers: typed.describe("Phones {value, type}"),
  addresses: typed.describe("Addresses {value, type}"),
  social_media_addresses: typed.describe("Social profiles {value}"),
  tags: z.array(z.string()).nullish().describe("Tags"),
  employments: z
    .array(
      z.looseObject({
        company_name: str("Company"),
        title: str("Title"),
        start_date: str("Start date"),
        end_date: str("End date"),
      }),
    )
    .nullish()
    .describe("Employments sent with a create"),
  job_ids: z.array(z.number().int()).nullish().describe("Jobs to apply the new candidate to"),
});

/**
 * What the candidate writes take: create-body fields plus `id` (the Greenhouse candidate, for update
 * and archive) and `job_ids` (one application per job; the first goes with the create).
 */
export type GreenhouseCandidateItem = z.output<typeof GreenhouseCandidateSchema>;
