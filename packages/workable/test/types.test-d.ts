// Type tests, checked by `tsc` (the typecheck target, which `npm test` runs): every action's options
// are inferred from its zod schemas, so a misspelled key or a wrong type does not compile.
import type { ActionOptions } from "@hrflow-connectors/core";
import { expectTypeOf } from "vitest";
import { formatCandidateArchive, Workable, type WorkableListedCandidate } from "../src/index.js";

const auth = { api_access_token: "t", subdomain: "acme" };
const hrflow = { api_secret: "s", api_user: "u@example.com" };

type UpdateJobs = ActionOptions<typeof Workable.updateJobsInHrflow>;
expectTypeOf<UpdateJobs["push_parameters"]>().toEqualTypeOf<{ board_key: string }>();
expectTypeOf<UpdateJobs["connector_auth"]>().toEqualTypeOf<{ api_access_token: string; subdomain: string }>();

export const updateJobs: UpdateJobs = {
  workflow_id: "w",
  connector_auth: auth,
  hrflow_auth: hrflow,
  pull_parameters: { state: "published", updated_after: 1_700_000_000 },
  push_parameters: { board_key: "b" },
};
// @ts-expect-error the issue's example: a misspelled push parameter
export const misspelled: UpdateJobs = { ...updateJobs, push_parameters: { boardkey: "x" } };
// @ts-expect-error state is one of Workable's job states
export const badState: UpdateJobs = { ...updateJobs, pull_parameters: { state: "open" } };
// @ts-expect-error board_key is required, so push_parameters is too
export const noPush: UpdateJobs = { workflow_id: "w", connector_auth: auth, hrflow_auth: hrflow };
// @ts-expect-error the subdomain belongs to connector_auth
export const badAuth: UpdateJobs = { ...updateJobs, connector_auth: { api_access_token: "t" } };

type CreateProfiles = ActionOptions<typeof Workable.createProfilesInHrflow>;
expectTypeOf<NonNullable<CreateProfiles["pull_parameters"]>["email"]>().toEqualTypeOf<
  string | null | undefined
>();
export const createProfiles: CreateProfiles = {
  workflow_id: "w",
  connector_auth: auth,
  hrflow_auth: hrflow,
  push_parameters: { source_key: "s" },
};
// @ts-expect-error source_key is a string
export const badSource: CreateProfiles = { ...createProfiles, push_parameters: { source_key: 3 } };

type ToWorkable = ActionOptions<typeof Workable.createProfilesInWorkable>;
export const toWorkable: ToWorkable = {
  workflow_id: "w",
  connector_auth: auth,
  hrflow_auth: hrflow,
  pull_parameters: { source_key: "s", profile_key: "p" },
  push_parameters: { job_shortcode: "JOB1", stage: "applied" },
};
// @ts-expect-error add_to_talent_pool is a boolean
export const badPool: ToWorkable = { ...toWorkable, push_parameters: { add_to_talent_pool: "yes" } };

// The older style: origin_parameters and target_parameters typed from their warehouses.
type PushProfile = ActionOptions<typeof Workable.pushProfile>;
export const pushProfile: PushProfile = {
  workflow_id: "w",
  action_parameters: { read_mode: "sync" },
  origin_parameters: { ...hrflow, source_key: "s", profile_key: "p" },
  target_parameters: { auth: "k", subdomain: "acme", shortcode: "JOB1" },
};
export const badTarget: PushProfile = {
  ...pushProfile,
  // @ts-expect-error shortcode is misspelled
  target_parameters: { auth: "k", subdomain: "a", short_code: "J" },
};
// @ts-expect-error read_mode is sync or incremental
export const badMode: PushProfile = { ...pushProfile, action_parameters: { read_mode: "full" } };

type PullJobs = ActionOptions<typeof Workable.pullJobList>;
expectTypeOf<PullJobs["origin_parameters"]>().toEqualTypeOf<{ auth: string; subdomain: string }>();

// A webhook run may leave out what its event parser supplies.
export const caught = () =>
  Workable.createProfilesInHrflow.catch({}, { workflow_id: "w", connector_auth: auth, hrflow_auth: hrflow });

// The same check at a call site, as a user writes it (never invoked here).
export const call = () =>
  Workable.updateJobsInHrflow({
    ...updateJobs,
    // @ts-expect-error boardkey is not a push parameter of update_jobs_in_hrflow
    push_parameters: { boardkey: "x" },
  });

// An archive reads the list only: its format receives a listed candidate, which has no details.
expectTypeOf(formatCandidateArchive).parameter(0).toEqualTypeOf<WorkableListedCandidate>();
// @ts-expect-error education is in a candidate's details, not in the list an archive reads
export const detailInArchive = (c: WorkableListedCandidate) => c.education_entries;
type ArchiveProfiles = ActionOptions<typeof Workable.archiveProfilesInHrflow>;
export const archiveFormat: ArchiveProfiles["format"] = (c) => ({ reference: c.id });
// @ts-expect-error an archive's custom format receives the listed candidate, which has no skills
export const skillsInArchive: ArchiveProfiles["format"] = (c) => c.skills;
// A create's format receives the candidate's details.
export const skillsInCreate: CreateProfiles["format"] = (c) => c.skills;
