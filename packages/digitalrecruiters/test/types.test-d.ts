// Type tests, checked by `tsc` (the typecheck target, which `npm test` runs): every action's options
// are inferred from its zod schemas, so a misspelled key or a wrong type does not compile.
import type { ActionOptions } from "@hrflow-connectors/core";
import { expectTypeOf } from "vitest";
import type { DigitalRecruiters } from "../src/index.js";

const hrflow = { api_secret: "s", api_user: "u@example.com" };
const dr = { token: "t", environment_url: "https://acme.digitalrecruiters.com" };

type PullJobs = ActionOptions<typeof DigitalRecruiters.pullJobList>;
expectTypeOf<PullJobs["origin_parameters"]>().toEqualTypeOf<{ token: string; environment_url: string }>();
export const pullJobs: PullJobs = {
  workflow_id: "w",
  origin_parameters: dr,
  target_parameters: { ...hrflow, board_key: "b" },
};
// @ts-expect-error environment_url is misspelled
export const badOrigin: PullJobs = { ...pullJobs, origin_parameters: { token: "t", environment: "x" } };

type PushProfile = ActionOptions<typeof DigitalRecruiters.pushProfile>;
export const pushProfile: PushProfile = {
  workflow_id: "w",
  origin_parameters: { ...hrflow, source_key: "s", profile_key: "p" },
  target_parameters: { ...dr, job_reference: "REF-1" },
};
// @ts-expect-error job_reference is required
export const noJob: PushProfile = { ...pushProfile, target_parameters: dr };

type PullProfiles = ActionOptions<typeof DigitalRecruiters.pullProfileList>;
// @ts-expect-error page is a number
export const badPage: PullProfiles["origin_parameters"] = { page: "2" };
