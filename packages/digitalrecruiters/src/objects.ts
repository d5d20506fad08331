import type { z } from "zod";
import type { components } from "./generated/digitalrecruiters.js";
import {
  ApplicationItemSchema,
  ApplicationProfileItemSchema,
  JobAdItemSchema,
  JobApplicationItemSchema,
} from "./generated/digitalrecruiters.zod.js";

/**
 * DigitalRecruiters objects. The read shapes are loose (the export carries more fields than the
 * connector uses) and serve the docs; the apply payload is checked after every format, so a profile
 * DR would refuse fails with the field named instead of an HTTP 400.
 */

export type DigitalRecruitersJobAd = components["schemas"]["JobAd"];
export type DigitalRecruitersJobApplication = components["schemas"]["JobApplication"];
export type DigitalRecruitersApplyBody = components["schemas"]["ApplyBody"];

/** A DigitalRecruiters job ad, as the job-ad export lists it. */
export const DigitalRecruitersJobAdSchema = JobAdItemSchema;
/** A DigitalRecruiters detailed job application. */
export const DigitalRecruitersJobApplicationSchema = JobApplicationItemSchema;
/** The application profile of the apply call. */
export const DigitalRecruitersApplicationProfileSchema = ApplicationProfileItemSchema;
/**
 * What `format_profile` produces for `push_profile`. The write adds `reference` (the job) and
 * `ApplicationMessage`, and turns `resume_url` into the `file` DR receives.
 */
export const DigitalRecruitersApplicationSchema = ApplicationItemSchema;
export type DigitalRecruitersApplication = z.output<typeof DigitalRecruitersApplicationSchema>;
