import type { DownloadedFile } from "@hrflow-connectors/core";
import { z } from "zod";
import type { components } from "./generated/recruitee.js";

type S = components["schemas"];

/** A Recruitee offer (job or talent pool) as `GET /offers/{id}` returns it. */
export type RecruiteeOffer = S["Offer"];
/** A Recruitee candidate as `GET /candidates/{id}` returns it, with its downloaded resume. */
export type RecruiteeCandidate = S["Candidate"] & { cv_file?: DownloadedFile | null };
/** One entry of a candidate's `fields` (education, experience, language, skill, custom). */
export type RecruiteeField = S["Field"];
/** The candidate attributes Recruitee accepts on create and update. */
export type RecruiteeCandidateWrite = S["CandidateWrite"];

/**
 * What the profile aisle writes: the candidate, its id (update and archive), and the offers it
 * joins (create). The write wraps it in Recruitee's `{candidate, offers}` body.
 */
export interface RecruiteeCandidateItem {
  id?: string | null;
  candidate: RecruiteeCandidateWrite;
  offers?: number[] | null;
}

const strings = (d: string) => z.array(z.string()).optional().describe(d);

/** What the profile writes accept. */
export const RecruiteeCandidateItemSchema = z.object({
  id: z.string().nullish().describe("Recruitee candidate id (update and archive)"),
  candidate: z.looseObject({
    name: z.string().optional().describe("Full name"),
    remote_cv_url: z.string().optional().describe("Resume URL Recruitee downloads"),
    emails: strings("Emails"),
    phones: strings("Phones"),
    social_links: strings("Social profile URLs"),
    links: strings("Other URLs"),
    cover_letter: z.string().optional().describe("Cover letter"),
    sources: strings("Sources"),
  }),
  offers: z.array(z.number().int()).nullish().describe("Offers the candidate joins at their default stage"),
});

/** A Recruitee offer (the fields the connector maps; others are kept as they come). */
export const RecruiteeOfferSchema = z.looseObject({
  id: z.number().int().describe("Offer id"),
  title: z.string().describe("Offer title"),
  status: z.string().nullish().describe("published, internal, closed, archived, draft"),
  description: z.string().nullish().describe("Description (HTML)"),
  requirements: z.string().nullish().describe("Requirements (HTML)"),
  created_at: z.string().nullish().describe("Creation time"),
  updated_at: z.string().nullish().describe("Last change"),
});
