// Checked by tsc (the typecheck target): the action's options come from the zod schemas.
import type { ActionOptions } from "@hrflow-connectors/core";
import { expectTypeOf } from "vitest";
import { formatOfferArchive, type Recruitee, type RecruiteeListedOffer } from "../src/index.js";

type Create = ActionOptions<typeof Recruitee.createJobsInHrflow>;
export const ok: Create = {
  workflow_id: "w",
  connector_auth: { company_id: "acme", api_token: "t" },
  hrflow_auth: { api_secret: "s", api_user: "u" },
  push_parameters: { board_key: "b" },
};
// @ts-expect-error board_key is misspelled
export const misspelled: Create = { ...ok, push_parameters: { boardkey: "b" } };

// An archive reads the offer list only: its format receives a listed offer (id and title).
expectTypeOf(formatOfferArchive).parameter(0).toEqualTypeOf<RecruiteeListedOffer>();
// @ts-expect-error an offer's description is read in full by create and update, not by an archive
export const descriptionInArchive = (o: RecruiteeListedOffer) => o.description;
type ArchiveJobs = ActionOptions<typeof Recruitee.archiveJobsInHrflow>;
// @ts-expect-error an archive's custom format receives the listed offer (id and title)
export const descriptionInArchiveFormat: ArchiveJobs["format"] = (o) => o.description;
