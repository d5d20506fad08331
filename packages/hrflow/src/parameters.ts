import { z } from "zod";

/**
 * Parameter sets of the HrFlow.ai warehouse. Field order is the documented order: docs render
 * rows in declaration order, and they must match the seeds.
 */

const boardKey = () => z.string().min(1).describe("HrFlow.ai board key");
const sourceKey = () => z.string().min(1).describe("HrFlow.ai source key");
const profileKey = () => z.string().min(1).describe("HrFlow.ai profile key");
const enrichWithParsing = () =>
  z.boolean().default(false).describe("When enabled jobs are enriched with HrFlow.ai parsing");
const onlyEditFields = () =>
  z
    .array(z.string())
    .nullable()
    .describe("List of attributes to use for the edit operation e.g. ['tags', 'metadatas']");

/** Push parameters of job creation. */
export const createJobParameters = z.object({
  board_key: boardKey(),
  enrich_with_parsing: enrichWithParsing(),
});
/** Push parameters of job update. */
export const updateJobParameters = z.object({ board_key: boardKey() });
/** Push parameters of job archiving. */
export const archiveJobParameters = z.object({ board_key: boardKey() });

/** Pull parameters of the profile read (every mode): one profile by key, e.g. from a webhook. */
export const readProfileParameters = z.object({ source_key: sourceKey(), profile_key: profileKey() });

/** Pull parameters of the paged profile listing (not used by any flow). */
export const listProfilesParameters = z.object({
  source_key: sourceKey(),
  limit: z.number().int().min(1).max(100).default(100).describe("Number of profiles per page"),
});

/** Push parameters of profile creation. */
export const createProfileParameters = z.object({ source_key: sourceKey() });
/** Push parameters of profile update. */
export const updateProfileParameters = z.object({
  source_key: sourceKey(),
  only_edit_fields: onlyEditFields().default(null),
});
/** Push parameters of profile archiving. */
export const archiveProfileParameters = z.object({ source_key: sourceKey() });

/**
 * Push parameters of the board push (create mode of the board jobs aisle): a run pushes the
 * board's whole list, `update_content` edits jobs the board already has, and `sync` archives the
 * board's jobs the run did not push. The older style's `HrFlowJobWarehouse` writes through it.
 */
export const boardJobParameters = z.object({
  board_key: boardKey(),
  sync: z.boolean().default(true).describe("When enabled only pushed jobs will remain in the board"),
  update_content: z
    .boolean()
    .default(false)
    .describe("When enabled jobs already present in the board are updated"),
  enrich_with_parsing: enrichWithParsing(),
});

/** Push parameters of resume parsing (create mode of the profile parsing aisle). */
export const parseProfileParameters = z.object({
  source_key: sourceKey(),
  only_insert: z
    .boolean()
    .default(false)
    .describe("When enabled the profile is written only if it doesn't exist in the source"),
});

// Older-style sets: auth and parameters in one object, worded as the seeds word them. Each is the
// credentials followed by its aisle mode's own set, so the older style's names match the aisle's
// and its view needs no renaming.
const legacyAuth = () => ({
  api_secret: z.string().min(1).describe("X-API-KEY used to access HrFlow.ai API").meta({ secret: true }),
  api_user: z.string().min(1).describe("X-USER-EMAIL used to access HrFlow.ai API"),
});

/** Origin parameters of `HrFlowProfileWarehouse` (seed 000). */
export const legacyReadProfileParameters = z.object({ ...legacyAuth(), ...readProfileParameters.shape });

/**
 * Target parameters of `HrFlowProfileWarehouse` (seed 004): `edit` picks the profile aisle's
 * update mode over its create mode; `only_edit_fields` is required but may be null.
 */
export const legacyWriteProfileParameters = z.object({
  ...legacyAuth(),
  source_key: sourceKey(),
  edit: z.boolean().default(false).describe("When enabled the profile must exist in the source"),
  only_edit_fields: onlyEditFields(),
});

/** Target parameters of `HrFlowJobWarehouse`. */
export const legacyWriteJobParameters = z.object({ ...legacyAuth(), ...boardJobParameters.shape });

/** Target parameters of `HrFlowProfileParsingWarehouse`. */
export const legacyWriteProfileParsingParameters = z.object({
  ...legacyAuth(),
  ...parseProfileParameters.shape,
});

export type LegacyWriteJobParameters = z.output<typeof legacyWriteJobParameters>;
export type LegacyWriteProfileParameters = z.output<typeof legacyWriteProfileParameters>;
export type LegacyWriteProfileParsingParameters = z.output<typeof legacyWriteProfileParsingParameters>;
