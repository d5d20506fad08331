// What a TypeScript user writes. Every `@ts-expect-error` line must fail to compile: if a published
// action accepted a misspelled key or a wrong type, the directive would be unused and tsc would fail.
import type { ActionOptions, RunResult } from "@hrflow-connectors/core";
import { DigitalRecruiters } from "@hrflow-connectors/digitalrecruiters";
import { Lever } from "@hrflow-connectors/lever";
import { TalentSoft } from "@hrflow-connectors/talentsoft";
import { Workable } from "@hrflow-connectors/workable";

const hrflow_auth = { api_secret: "s", api_user: "u@example.com" };
const connector_auth = { api_access_token: "t", subdomain: "acme" };

export async function workable(): Promise<RunResult[]> {
  return Promise.all([
    Workable.updateJobsInHrflow({
      workflow_id: "w",
      connector_auth,
      hrflow_auth,
      // @ts-expect-error the issue's example: boardkey is not a parameter
      push_parameters: { boardkey: "x" },
    }),
    Workable.createJobsInHrflow({
      workflow_id: "w",
      connector_auth,
      hrflow_auth,
      // @ts-expect-error enrich_with_parsing is a boolean
      push_parameters: { board_key: "b", enrich_with_parsing: "yes" },
    }),
    Workable.createProfilesInWorkable({
      workflow_id: "w",
      connector_auth,
      hrflow_auth,
      pull_parameters: { source_key: "s", profile_key: "p" },
      // @ts-expect-error job_shortcode is misspelled
      push_parameters: { jobshortcode: "J" },
    }),
    Workable.pushProfile({
      workflow_id: "w",
      origin_parameters: { ...hrflow_auth, source_key: "s", profile_key: "p" },
      // @ts-expect-error shortcode is required
      target_parameters: { auth: "k", subdomain: "acme" },
    }),
  ]);
}

export async function others(): Promise<RunResult[]> {
  const lever = {
    auth_domain: "a",
    client_domain: "c",
    client_id: "i",
    client_secret: "s",
    authorization_code: "x",
  };
  const dr = { token: "t", environment_url: "https://acme.digitalrecruiters.com" };
  const ts = { client_id: "i", client_secret: "s", client_url: "https://acme.talent-soft.com" };
  return Promise.all([
    Lever.pullJobList({
      workflow_id: "w",
      // @ts-expect-error limit is a number
      origin_parameters: { ...lever, limit: "100" },
      target_parameters: { ...hrflow_auth, board_key: "b" },
    }),
    DigitalRecruiters.pushProfile({
      workflow_id: "w",
      origin_parameters: { ...hrflow_auth, source_key: "s", profile_key: "p" },
      // @ts-expect-error job_reference is misspelled
      target_parameters: { ...dr, jobReference: "R" },
    }),
    TalentSoft.applicantNew({
      workflow_id: "w",
      origin_parameters: ts,
      // @ts-expect-error only_insert is pinned by applicant_new
      target_parameters: { ...hrflow_auth, source_key: "s", only_insert: false },
    }),
  ]);
}

// Users can name an action's options type.
export const options: ActionOptions<typeof Workable.archiveJobsInHrflow> = {
  workflow_id: "w",
  connector_auth,
  hrflow_auth,
  push_parameters: { board_key: "b" },
};
