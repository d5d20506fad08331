import { z } from "zod";
import type { components } from "./generated/smartrecruiters.js";

type S = components["schemas"];

/** A SmartRecruiters job as `GET /jobs/{id}` returns it. */
export type SmartRecruitersJob = S["Job"];
/** A job's location (coordinates are often numeric strings). */
export type SmartRecruitersJobLocation = S["JobLocation"];
/** A SmartRecruiters candidate as `GET /candidates/{id}` returns it. */
export type SmartRecruitersCandidate = S["Candidate"];
/** A candidate's location. */
export type SmartRecruitersCandidateLocation = S["CandidateLocation"];
/** The candidate fields SmartRecruiters accepts on create and update. */
export type SmartRecruitersCandidateInput = S["CandidateInput"];

/**
 * What the profile aisle writes: the candidate fields, plus `id` (the SmartRecruiters candidate
 * id) for updates and deletes.
 */
export type SmartRecruitersCandidateItem = SmartRecruitersCandidateInput & { id?: string | null };

const str = (description: string) => z.string().nullish().describe(description);
const numeric = (description: string) => z.union([z.number(), z.string()]).nullish().describe(description);
const labeled = (description: string) =>
  z
    .looseObject({ id: str("Identifier"), label: str("Label") })
    .nullish()
    .describe(description);
const section = (description: string) =>
  z
    .looseObject({ title: str("Section title"), text: str("Section text (HTML)") })
    .nullish()
    .describe(description);

/** A SmartRecruiters job (the fields the connector maps; others are kept as they come). */
export const SmartRecruitersJobSchema = z.looseObject({
  id: z.string().describe("SmartRecruiters job id"),
  title: str("Job title"),
  refNumber: str("Reference number"),
  status: str("Job status (CREATED, SOURCING, FILLED, ...)"),
  postingStatus: str("Posting status (PUBLIC, INTERNAL, NOT_PUBLISHED, PRIVATE)"),
  createdOn: str("Creation date (ISO 8601)"),
  updatedOn: str("Last update date (ISO 8601)"),
  targetHiringDate: str("Target hiring date"),
  location: z
    .looseObject({
      country: str("Country"),
      countryCode: str("ISO country code"),
      region: str("Region"),
      regionCode: str("Region code"),
      city: str("City"),
      address: str("Street address"),
      postalCode: str("Postal code"),
      manual: z.boolean().nullish().describe("Whether the location was typed by hand"),
      remote: z.boolean().nullish().describe("Whether the job is remote"),
      latitude: numeric("Latitude"),
      longitude: numeric("Longitude"),
    })
    .nullish()
    .describe("Job location"),
  department: labeled("Department"),
  industry: labeled("Industry"),
  function: labeled("Job function"),
  typeOfEmployment: labeled("Type of employment"),
  experienceLevel: labeled("Experience level"),
  eeoCategory: labeled("EEO category"),
  creator: z
    .looseObject({ id: str("User id"), firstName: str("First name"), lastName: str("Last name") })
    .nullish()
    .describe("Who created the job"),
  compensation: z
    .looseObject({ min: numeric("Lower bound"), max: numeric("Upper bound"), currency: str("Currency code") })
    .nullish()
    .describe("Compensation range"),
  jobAd: z
    .looseObject({
      sections: z
        .looseObject({
          companyDescription: section("Company description"),
          jobDescription: section("Job description"),
          qualifications: section("Qualifications"),
          additionalInformation: section("Additional information"),
        })
        .nullish()
        .describe("Job ad sections"),
    })
    .nullish()
    .describe("Job ad"),
});

const period = { startDate: str("Start date"), endDate: str("End date") };

/**
 * A SmartRecruiters candidate. Read items carry what `GET /candidates/{id}` returns; written items
 * carry the create/update fields, plus `id` for updates and deletes.
 */
export const SmartRecruitersCandidateSchema = z.looseObject({
  id: str("SmartRecruiters candidate id (required to update or delete)"),
  firstName: str("First name"),
  lastName: str("Last name"),
  email: str("Email"),
  phoneNumber: str("Phone number"),
  createdOn: str("Creation date (ISO 8601)"),
  updatedOn: str("Last update date (ISO 8601)"),
  location: z
    .looseObject({
      country: str("Country"),
      countryCode: str("ISO country code"),
      region: str("Region"),
      regionCode: str("Region code"),
      city: str("City"),
      lat: numeric("Latitude"),
      lng: numeric("Longitude"),
    })
    .nullish()
    .describe("Candidate location"),
  web: z
    .record(z.string(), z.string().nullish())
    .nullish()
    .describe("Profile links by kind (skype, linkedin, facebook, twitter, website)"),
  tags: z.array(z.string()).nullish().describe("Tags"),
  education: z
    .array(
      z.looseObject({
        institution: str("School"),
        degree: str("Degree"),
        major: str("Major"),
        current: z.boolean().nullish().describe("Whether it is ongoing"),
        location: str("Location"),
        description: str("Description"),
        ...period,
      }),
    )
    .nullish()
    .describe("Education entries"),
  experience: z
    .array(
      z.looseObject({
        title: str("Title"),
        company: str("Company"),
        current: z.boolean().nullish().describe("Whether this is the current position"),
        location: str("Location"),
        description: str("Description"),
        ...period,
      }),
    )
    .nullish()
    .describe("Experience entries"),
  consent: z.boolean().nullish().describe("Whether the candidate consented to data processing"),
});

/** A candidate as the profile aisle's write receives it. */
export type SmartRecruitersCandidateRecord = z.output<typeof SmartRecruitersCandidateSchema>;

/** The fields of a create or update body: everything but the id (which goes in the path). */
export function candidateBody(item: SmartRecruitersCandidateRecord): SmartRecruitersCandidateInput {
  const { id: _id, createdOn: _c, updatedOn: _u, ...fields } = item;
  return fields as SmartRecruitersCandidateInput;
}
