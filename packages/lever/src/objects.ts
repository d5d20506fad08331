import { z } from "zod";
import type { components } from "./generated/lever.js";

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

const str = (description: string) => z.string().nullish().describe(description);
// Lever sends epoch milliseconds as numbers; numeric text is accepted too, as the original's int() did.
const ms = (description: string) =>
  z
    .union([z.number().int(), z.string().regex(/^\d+$/)])
    .nullish()
    .describe(`${description} (epoch milliseconds)`);
const strings = (description: string) => z.array(z.string()).nullish().describe(description);

/** A Lever posting (documentation of what `pull_job_list` reads; other fields are kept). */
export const LeverPostingSchema = z.looseObject({
  id: z.string().describe("Posting id"),
  text: z.string().describe("Posting title"),
  state: str("published, internal, closed, draft, pending or rejected"),
  distributionChannels: strings("Where the posting is published (public, internal)"),
  user: str("Id of the user who created the posting"),
  owner: str("Id of the posting owner"),
  hiringManager: str("Id of the hiring manager"),
  categories: z
    .looseObject({
      commitment: str("Commitment, e.g. Full-time"),
      department: str("Department"),
      level: str("Level"),
      location: str("Location"),
      team: str("Team"),
    })
    .nullish()
    .describe("Categories of the posting"),
  tags: strings("Free tags"),
  content: z
    .looseObject({
      description: str("Description as plain text"),
      descriptionHtml: str("Description as HTML"),
      lists: z
        .array(z.looseObject({ text: str("List title"), content: str("List items as HTML") }))
        .nullish()
        .describe("Titled lists (requirements, benefits...)"),
      closing: str("Closing text"),
      closingHtml: str("Closing as HTML"),
    })
    .nullish()
    .describe("Posting content"),
  country: str("ISO 3166-1 alpha-2 country code"),
  followers: strings("Ids of the users following the posting"),
  reqCode: str("Requisition code"),
  requisitionCodes: strings("Requisition codes"),
  urls: z.record(z.string(), z.string()).nullish().describe("list, show and apply URLs"),
  confidentiality: str("non-confidential or confidential"),
  createdAt: ms("Creation time"),
  updatedAt: ms("Last update time"),
  workplaceType: str("onsite, remote, hybrid or unspecified"),
  salaryRange: z
    .looseObject({
      min: z.number().nullish().describe("Lower bound"),
      max: z.number().nullish().describe("Upper bound"),
      currency: str("Currency code"),
      interval: str("Pay interval, e.g. per-year-salary"),
    })
    .nullish()
    .describe("Salary range"),
});

const resumeDate = z
  .object({
    year: z.number().int().nullish().describe("Year"),
    month: z.number().int().nullish().describe("Month, 1 to 12"),
  })
  .nullish();

const resumeEntry = {
  org: str("Company or school"),
  summary: str("Summary"),
  location: str("Location"),
  start: resumeDate.describe("Start (year, month)"),
  end: resumeDate.describe("End (year, month)"),
};

/** A resume as `GET /opportunities/{id}/resumes` lists it. */
export const LeverResumeSchema = z.looseObject({
  id: z.string().describe("Resume id"),
  createdAt: ms("Upload time"),
  file: z
    .looseObject({
      name: str("File name"),
      ext: str("File extension"),
      downloadUrl: str("Download URL (needs Lever credentials)"),
      uploadedAt: ms("Upload time"),
      status: str("Processing status"),
      size: z.number().nullish().describe("Size in bytes"),
    })
    .nullish()
    .describe("The uploaded file"),
  parsedData: z
    .looseObject({
      positions: z
        .array(z.looseObject({ ...resumeEntry, title: str("Job title") }))
        .nullish()
        .describe("Work history"),
      schools: z
        .array(z.looseObject({ ...resumeEntry, degree: str("Degree"), field: str("Field of study") }))
        .nullish()
        .describe("Education"),
    })
    .nullish()
    .describe("What Lever parsed from the file"),
});

/** An opportunity with its resumes (what `pull_profile_list` reads). */
export const LeverOpportunitySchema = z.looseObject({
  id: z.string().describe("Opportunity id"),
  name: str("Contact full name"),
  headline: str("Contact headline"),
  contact: str("Contact id"),
  emails: strings("Contact emails"),
  phones: z
    .array(z.object({ type: str("mobile, home, work, skype or other"), value: str("Phone number") }))
    .nullish()
    .describe("Contact phone numbers"),
  links: strings("Contact links (LinkedIn, GitHub...)"),
  location: str("Contact location"),
  stage: str("Pipeline stage id"),
  tags: strings("Tags"),
  sources: strings("Sources"),
  origin: str("How the opportunity was added (applied, sourced, referred...)"),
  createdAt: ms("Creation time"),
  updatedAt: ms("Last update time"),
  profile: z.array(LeverResumeSchema).nullish().describe("The opportunity's resumes, added by the read"),
});

/**
 * The body `push_profile` sends to `POST /opportunities`. Formats may add other Lever fields
 * (sources, origin, owner, postings...), which are sent as they are.
 */
export const LeverOpportunityCreateSchema = z.looseObject({
  name: z.string().min(1, "Lever needs the candidate's name").describe("Contact full name"),
  headline: str("Contact headline"),
  location: str("Contact location"),
  phones: z
    .array(
      z.object({ type: str("mobile, home, work, skype or other"), value: z.string().describe("Number") }),
    )
    .optional()
    .describe("Contact phone numbers"),
  emails: z.array(z.string()).optional().describe("Contact emails"),
  links: z.array(z.string()).optional().describe("Contact links"),
  tags: z.array(z.string()).optional().describe("Tags"),
  createdAt: z.number().int().nullish().describe("Creation time (epoch milliseconds)"),
});
