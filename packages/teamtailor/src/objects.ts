import type { DownloadedFile } from "@hrflow-connectors/core";
import { z } from "zod";
import type { components } from "./generated/teamtailor.js";

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
export interface TeamtailorCandidateItem {
  id?: string | null;
  attributes: TeamtailorCandidateWrite;
}

const str = (description: string) => z.string().nullish().describe(description);
const bool = (description: string) => z.boolean().nullish().describe(description);
const num = (description: string) => z.number().nullish().describe(description);

/** A Teamtailor location (the fields the job format reads). */
export const TeamtailorLocationSchema = z.looseObject({
  id: z.string().describe("Location id"),
  type: z.literal("locations").describe("JSON:API type"),
  attributes: z.looseObject({
    name: str("Location name"),
    address: str("Street address"),
    city: str("City"),
    country: str("Country"),
    zip: str("Postal code"),
    lat: str("Latitude, as text"),
    long: str("Longitude, as text"),
  }),
});

/** A Teamtailor job (the fields the connector maps; others are kept as they come). */
export const TeamtailorJobSchema = z.looseObject({
  id: z.string().describe("Teamtailor job id"),
  type: z.literal("jobs").describe("JSON:API type"),
  attributes: z.looseObject({
    title: z.string().describe("Job title"),
    body: str("Description (HTML)"),
    pitch: str("Short pitch"),
    status: str("published, unlisted, archived, draft or scheduled"),
    "human-status": str("Status as shown in Teamtailor"),
    "created-at": str("Creation time"),
    "updated-at": str("Last change"),
    "start-date": str("Start date"),
    "end-date": str("End date"),
    "language-code": str("Language of the ad"),
    "employment-type": str("Employment type"),
    "employment-level": str("Employment level"),
    "remote-status": str("none, hybrid, temporary or fully"),
    "salary-time-unit": str("Salary period"),
    "min-salary": num("Lowest salary"),
    "max-salary": num("Highest salary"),
    currency: str("Salary currency"),
    internal: bool("Internal job"),
    "internal-name": str("Internal name"),
    pinned: bool("Pinned on the career site"),
    tags: z.array(z.string()).nullish().describe("Tags"),
  }),
  links: z
    .looseObject({
      "careersite-job-url": str("Job page on the career site"),
      "careersite-job-apply-url": str("Apply page on the career site"),
    })
    .nullish()
    .describe("Links"),
  location: TeamtailorLocationSchema.nullish().describe("The job's location, read by the connector"),
});

/** A Teamtailor candidate (the fields the connector maps; others are kept as they come). */
export const TeamtailorCandidateSchema = z.looseObject({
  id: z.string().describe("Teamtailor candidate id"),
  type: z.literal("candidates").describe("JSON:API type"),
  attributes: z.looseObject({
    "first-name": str("First name"),
    "last-name": str("Last name"),
    email: str("Email"),
    phone: str("Phone"),
    picture: str("Picture URL"),
    "linkedin-url": str("LinkedIn profile"),
    pitch: str("Pitch"),
    resume: str("Link to the resume"),
    sourced: bool("Sourced by a recruiter"),
    connected: bool("Connected to the company"),
    internal: bool("Internal candidate"),
    referred: bool("Referred by someone"),
    "referring-url": str("Referring URL"),
    "referring-site": str("Referring site"),
    unsubscribed: bool("Unsubscribed from emails"),
    tags: z.array(z.string()).nullish().describe("Tags"),
    "created-at": str("Creation time"),
    "updated-at": str("Last change"),
  }),
});

/** What the profile writes accept: candidate attributes, plus the id on update. */
export const TeamtailorCandidateItemSchema = z.object({
  id: z.string().nullish().describe("Teamtailor candidate id (update only)"),
  attributes: z.looseObject({
    "first-name": z.string().optional().describe("First name"),
    "last-name": z.string().optional().describe("Last name"),
    email: z.string().optional().describe("Email"),
    phone: z.string().optional().describe("Phone"),
    picture: z.string().optional().describe("Picture URL"),
    "linkedin-url": z.string().optional().describe("LinkedIn profile"),
    pitch: z.string().optional().describe("Pitch"),
    resume: z.string().optional().describe("Resume URL Teamtailor downloads"),
    sourced: z.boolean().optional().describe("Sourced candidate"),
    tags: z.array(z.string()).optional().describe("Tags"),
  }),
});
