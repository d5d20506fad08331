import { z } from "zod";
import type { components } from "./generated/digitalrecruiters.js";

/**
 * DigitalRecruiters objects. The read shapes are loose (the export carries more fields than the
 * connector uses) and serve the docs; the apply payload is checked after every format, so a profile
 * DR would refuse fails with the field named instead of an HTTP 400.
 */

export type DigitalRecruitersJobAd = components["schemas"]["JobAd"];
export type DigitalRecruitersJobApplication = components["schemas"]["JobApplication"];
export type DigitalRecruitersApplyBody = components["schemas"]["ApplyBody"];

const text = (description: string) => z.string().nullish().describe(description);
const person = (description: string) =>
  z
    .looseObject({
      firstname: text("First name"),
      lastname: text("Last name"),
      position: text("Job title"),
      email: text("Email"),
      phoneNumber: text("Phone number"),
      picture_url: text("Picture URL"),
    })
    .nullish()
    .describe(description);

export const DigitalRecruitersJobAdSchema = z
  .looseObject({
    id: z.number().nullish().describe("Job ad id"),
    reference: text("Job ad reference"),
    title: text("Job title"),
    published_at: text("Publication date"),
    description: text("Job description (HTML)"),
    profile: text("Profile sought (HTML)"),
    pictures: z.array(z.unknown()).nullish().describe("Picture URLs, or objects with a `default` URL"),
    skills: z.array(z.string()).nullish().describe("Skills"),
    address: z
      .looseObject({
        formatted: text("Formatted address"),
        position: z
          .object({
            lat: z.union([z.number(), z.string()]).nullish().describe("Latitude"),
            lon: z.union([z.number(), z.string()]).nullish().describe("Longitude"),
          })
          .nullish()
          .describe("Coordinates"),
      })
      .nullish()
      .describe("Job address"),
    salary: z
      .looseObject({
        min: z.number().nullish().describe("Minimum"),
        max: z.number().nullish().describe("Maximum"),
        currency: text("Currency"),
      })
      .nullish()
      .describe("Salary range"),
    entity: z
      .looseObject({
        manager: person("Manager of the entity"),
        hierarchy: z.array(z.unknown()).nullish().describe("Hierarchy levels of the entity"),
      })
      .nullish()
      .describe("Hiring entity"),
    referent_recruiter: person("Recruiter in charge"),
    custom_fields: z
      .array(z.looseObject({ name: text("Label"), value: z.unknown().describe("Value") }))
      .nullish()
      .describe("Custom fields"),
  })
  .describe("A DigitalRecruiters job ad, as the job-ad export lists it");

export const DigitalRecruitersJobApplicationSchema = z
  .looseObject({
    id: z.union([z.number(), z.string()]).describe("Application id"),
    createdAt: text("Creation date"),
    firstName: text("Candidate first name"),
    lastName: text("Candidate last name"),
    email: text("Candidate email"),
    phoneNumber: text("Candidate phone number"),
    location: z
      .looseObject({
        street: text("Street"),
        zip: text("Postal code"),
        city: text("City"),
        county: text("County"),
        state: text("State or region"),
        country: text("Country"),
        latitude: z.number().nullish().describe("Latitude"),
        longitude: z.number().nullish().describe("Longitude"),
      })
      .nullish()
      .describe("The candidate's address; when absent, top-level street, city, zip and country are read"),
    cv: z
      .looseObject({ url: text("CV URL") })
      .nullish()
      .describe("The candidate's CV"),
    avatar: z
      .looseObject({ url: text("Avatar URL") })
      .nullish()
      .describe("The candidate's avatar"),
    jobAd: z
      .looseObject({ id: z.number().nullish().describe("Job ad id"), publishedAt: text("Publication date") })
      .nullish()
      .describe("The job ad applied to"),
  })
  .describe("A DigitalRecruiters detailed job application");

/** The application profile of the apply call. */
export const DigitalRecruitersApplicationProfileSchema = z.object({
  gender: z
    .union([z.literal(1), z.literal(2)])
    .optional()
    .describe("1 for male, 2 for female; absent when the profile does not say"),
  firstName: z.string().min(1).describe("Candidate first name"),
  lastName: z.string().min(1).describe("Candidate last name"),
  email: z.string().min(1).describe("Candidate email"),
  phoneNumber: z.string().optional().describe("Candidate phone number"),
  job: z.string().optional().describe("Candidate current job title"),
  addressStreet: z.string().optional().describe("Street address"),
  addressZip: z.string().optional().describe("Postal code"),
  addressCity: z.string().optional().describe("City"),
});

/**
 * What `format_profile` produces for `push_profile`. The write adds `reference` (the job) and
 * `ApplicationMessage`, and turns `resume_url` into the `file` DR receives.
 */
export const DigitalRecruitersApplicationSchema = z.object({
  consent_date: z.string().describe("Consent date, YYYY-MM-DD HH:MM:SS (UTC)"),
  s_o: z.string().describe("Application source code"),
  locale: z.string().describe("Candidate locale, ll_RR"),
  ApplicationProfile: DigitalRecruitersApplicationProfileSchema.describe("The candidate"),
  resume_url: z
    .string()
    .nullish()
    .describe("URL of the resume to attach; the write downloads it and sends it as `file`"),
  resume_name: z.string().nullish().describe("File name of the resume"),
});
export type DigitalRecruitersApplication = z.output<typeof DigitalRecruitersApplicationSchema>;
