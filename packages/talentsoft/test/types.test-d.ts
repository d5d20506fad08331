// Type tests, checked by `tsc` (the typecheck target, which `npm test` runs): every action's options
// are inferred from its zod schemas, so a misspelled key or a wrong type does not compile.
import type { ActionOptions } from "@hrflow-connectors/core";
import { expectTypeOf } from "vitest";
import type { TalentSoft, TalentSoftAuth, TalentSoftProfilesAisle } from "../src/index.js";

const hrflow = { api_secret: "s", api_user: "u@example.com" };
const ts = { client_id: "id", client_secret: "secret", client_url: "https://acme.talent-soft.com" };

type ApplicantNew = ActionOptions<typeof TalentSoft.applicantNew>;
// The pinned parameters are gone from the action's options (only_resume, only_insert).
expectTypeOf<ApplicantNew["origin_parameters"]>().not.toHaveProperty("only_resume");
expectTypeOf<ApplicantNew["target_parameters"]>().not.toHaveProperty("only_insert");
export const applicantNew: ApplicantNew = {
  workflow_id: "w",
  origin_parameters: { ...ts, filter: "id::_TS-1" },
  target_parameters: { ...hrflow, source_key: "s" },
};
export const pinned: ApplicantNew = {
  ...applicantNew,
  // @ts-expect-error only_insert is pinned by applicant_new
  target_parameters: { ...hrflow, source_key: "s", only_insert: false },
};

type PullJobs = ActionOptions<typeof TalentSoft.pullJobList>;
export const pullJobs: PullJobs = {
  workflow_id: "w",
  origin_parameters: { ...ts, max_read: 100 },
  target_parameters: { ...hrflow, board_key: "b" },
};
// @ts-expect-error max_read is a number
export const badMax: PullJobs = { ...pullJobs, origin_parameters: { ...ts, max_read: "100" } };

type PushProfile = ActionOptions<typeof TalentSoft.pushProfile>;
// @ts-expect-error client_url is required
export const noUrl: PushProfile["target_parameters"] = { client_id: "id", client_secret: "s" };

type PullProfiles = ActionOptions<typeof TalentSoft.pullProfileList>;
// The resume actions' origin pins only_resume through the aisle's split: not an option.
expectTypeOf<PullProfiles["origin_parameters"]>().not.toHaveProperty("only_resume");
expectTypeOf<PullProfiles["origin_parameters"]>().toHaveProperty("fileId");
// @ts-expect-error fileid is spelled fileId
export const misspelled: PullProfiles["origin_parameters"] = { ...ts, fileid: "f" };

// Inside the aisles, the parameters are the mode's schema output and the auth the warehouse's.
type WriteCtx = Parameters<NonNullable<NonNullable<typeof TalentSoftProfilesAisle.write>["write"]>>[0];
expectTypeOf<WriteCtx["parameters"]>().toEqualTypeOf<{ job_reference: string | null }>();
expectTypeOf<WriteCtx["auth"]>().toEqualTypeOf<TalentSoftAuth>();
