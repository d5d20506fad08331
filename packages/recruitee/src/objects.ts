import type { DownloadedFile } from "@hrflow-connectors/core/http";
import type { components } from "./generated/recruitee.js";
import { CandidateItemSchema, OfferSchema } from "./generated/recruitee.zod.js";

type S = components["schemas"];

/** A Recruitee offer (job or talent pool) as `GET /offers/{id}` returns it. */
export type RecruiteeOffer = S["Offer"];
/**
 * An offer as an archive run reads it from `GET /offers` (the id and title the list carries, the
 * rest dropped as it streams): what the archive format receives.
 */
export type RecruiteeListedOffer = Pick<RecruiteeOffer, "id" | "title">;
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
export type RecruiteeCandidateItem = S["CandidateItem"];

/** What the profile writes accept (generated from openapi.yaml). */
export const RecruiteeCandidateItemSchema = CandidateItemSchema;
/** A Recruitee offer: the fields the connector maps; others are kept as they come. */
export const RecruiteeOfferSchema = OfferSchema;
