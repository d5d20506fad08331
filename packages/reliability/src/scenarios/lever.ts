import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { closeAll } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Lever } from "@hrflow-connectors/lever";
import { startFakeLever } from "@hrflow-connectors/lever/testing";
import { type Scenario, single, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, liveProfiles, perProfile, profilesToPush } from "./common.js";

async function fakes(postings: number, opportunities: number, seed: number) {
  const lever = await startFakeLever({ postings, opportunities, seed, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  return {
    lever,
    hrflow,
    endpoints: [
      { key: "lever", baseUrl: lever.baseUrls.lever, origin: lever.origin },
      // The authorization code is single-use: its exchange is faulted in the token tests only.
      { key: "lever_auth", baseUrl: lever.baseUrls.lever_auth, origin: lever.origin, faults: false },
      hrflowEndpoint(hrflow),
    ],
    close: () => closeAll(lever, hrflow),
  };
}

const id = (e: DeadLetterEntry) => idFrom(e, "reference", "id");

/** Lever postings into an HrFlow board. */
const pullJobList: Scenario = {
  connector: "lever",
  action: "pull_job_list",
  n: 150,
  async start(n, seed) {
    const f = await fakes(n, 0, seed);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.lever.postings.map((p) => p.id),
      ...single(Lever.pullJobList, {
        workflow_id: "lever-jobs",
        origin_parameters: { ...f.lever.credentials(), limit: 50 },
        target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
      }),
      held: () => liveJobs(f.hrflow, board),
      idOf: id,
      issued: () => [...f.lever.issuedTokens],
      close: f.close,
    };
  },
};

/** Lever opportunities (with resumes) into an HrFlow source. */
const pullProfileList: Scenario = {
  connector: "lever",
  action: "pull_profile_list",
  n: 150,
  async start(n, seed) {
    const f = await fakes(0, n, seed);
    const source = f.hrflow.addSource();
    return {
      endpoints: f.endpoints,
      ids: f.lever.opportunities.map((o) => o.id),
      ...single(Lever.pullProfileList, {
        workflow_id: "lever-profiles",
        origin_parameters: { ...f.lever.credentials(), limit: 50 },
        target_parameters: { ...f.hrflow.auth, source_key: source, only_edit_fields: null },
      }),
      held: () => liveProfiles(f.hrflow, source),
      idOf: id,
      issued: () => [...f.lever.issuedTokens],
      close: f.close,
    };
  },
};

/** HrFlow profiles pushed to Lever as opportunities (one run, and one code exchange, per profile). */
const pushProfile: Scenario = {
  connector: "lever",
  action: "push_profile",
  n: 100,
  async start(n, seed) {
    const f = await fakes(0, 0, seed);
    const { source, keys, emails } = profilesToPush(f.hrflow, n);
    return {
      endpoints: f.endpoints,
      ids: emails,
      ...perProfile(keys, Lever.pushProfile, (key) => ({
        workflow_id: "lever-push",
        origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { ...f.lever.credentials(), perform_as: "u-recruiter" },
      })),
      held: () => tally(f.lever.created.map((c) => (c.body.emails as string[] | undefined)?.[0])),
      idOf: (e) => idFrom(e, "emails", "info.email"),
      issued: () => [...f.lever.issuedTokens],
      close: f.close,
    };
  },
};

/** Every Lever action that moves items. */
export const leverScenarios: Scenario[] = [pullJobList, pullProfileList, pushProfile];
