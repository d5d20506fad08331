// Type tests, checked by `tsc` (the typecheck target, which `npm test` runs): every action's options
// are inferred from its zod schemas, so a misspelled key or a wrong type does not compile.
import type { ActionOptions } from "@hrflow-connectors/core";
import { expectTypeOf } from "vitest";
import type { Lever } from "../src/index.js";

const lever = {
  auth_domain: "sandbox-lever",
  client_domain: "api.sandbox",
  client_id: "id",
  client_secret: "secret",
  authorization_code: "code",
};
const hrflow = { api_secret: "s", api_user: "u@example.com" };

type PullJobs = ActionOptions<typeof Lever.pullJobList>;
expectTypeOf<PullJobs["origin_parameters"]["limit"]>().toEqualTypeOf<number | undefined>();
export const pullJobs: PullJobs = {
  workflow_id: "w",
  origin_parameters: { ...lever, limit: 50 },
  target_parameters: { ...hrflow, board_key: "b", sync: true },
};
// @ts-expect-error limit is a number
export const badLimit: PullJobs = { ...pullJobs, origin_parameters: { ...lever, limit: "50" } };
// @ts-expect-error board_key is misspelled
export const badBoard: PullJobs = { ...pullJobs, target_parameters: { ...hrflow, boardkey: "b" } };

type PullProfiles = ActionOptions<typeof Lever.pullProfileList>;
export const pullProfiles: PullProfiles = {
  workflow_id: "w",
  origin_parameters: lever,
  target_parameters: { ...hrflow, source_key: "s", only_edit_fields: null },
};
export const noEditFields: PullProfiles = {
  ...pullProfiles,
  // @ts-expect-error only_edit_fields is required (it may be null)
  target_parameters: { ...hrflow, source_key: "s" },
};

type PushProfile = ActionOptions<typeof Lever.pushProfile>;
export const pushProfile: PushProfile = {
  workflow_id: "w",
  origin_parameters: { ...hrflow, source_key: "s", profile_key: "p" },
  target_parameters: { ...lever, perform_as: "user-id" },
};
// @ts-expect-error perform_as is misspelled
export const badPerform: PushProfile = { ...pushProfile, target_parameters: { ...lever, performAs: "u" } };
