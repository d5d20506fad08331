import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { closeAll } from "@hrflow-connectors/core/testing";
import { Greenhouse } from "@hrflow-connectors/greenhouse";
import { startFakeGreenhouse } from "@hrflow-connectors/greenhouse/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type Scenario, single, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, liveProfiles, perProfile, profilesToPush } from "./common.js";

async function fakes(jobs: number, candidates: number, seed: number) {
  const greenhouse = await startFakeGreenhouse({ jobs, candidates, seed, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  const origin = greenhouse.authUrl;
  return {
    greenhouse,
    hrflow,
    // The token server creates nothing: its requests are faulted like the API's.
    endpoints: [
      { key: "greenhouse", baseUrl: greenhouse.baseUrl, origin },
      { key: "greenhouse_auth", baseUrl: greenhouse.authUrl, origin },
      { key: "greenhouse_boards", baseUrl: greenhouse.boardsUrl, origin },
      hrflowEndpoint(hrflow),
    ],
    close: () => closeAll(greenhouse, hrflow),
  };
}

const id = (e: DeadLetterEntry) => idFrom(e, "reference", "id");

/** Greenhouse candidates, their educations, employments and attachments joined, into an HrFlow source. */
const profilesIn: Scenario = {
  connector: "greenhouse",
  action: "create_profiles_in_hrflow",
  n: 150,
  async start(n, seed) {
    const f = await fakes(3, n, seed);
    const source = f.hrflow.addSource();
    return {
      endpoints: f.endpoints,
      ids: f.greenhouse.candidates.map((c) => String(c.id)),
      ...single(Greenhouse.createProfilesInHrflow, {
        workflow_id: "greenhouse-profiles",
        connector_auth: f.greenhouse.auth,
        hrflow_auth: f.hrflow.auth,
        pull_parameters: {},
        push_parameters: { source_key: source },
      }),
      held: () => liveProfiles(f.hrflow, source),
      idOf: id,
      issued: () => [...f.greenhouse.issuedTokens],
      close: f.close,
    };
  },
};

/** The public job board's posts into an HrFlow board (older style). */
const pullJobList: Scenario = {
  connector: "greenhouse",
  action: "pull_job_list",
  n: 150,
  async start(n, seed) {
    const f = await fakes(n, 0, seed);
    // Every job open, so every one is a published post.
    for (const job of f.greenhouse.jobs) job.status = "open";
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.greenhouse.jobs.map((j) => String(j.id)),
      ...single(Greenhouse.pullJobList, {
        workflow_id: "greenhouse-board",
        origin_parameters: { board_token: f.greenhouse.boardToken },
        target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
      }),
      held: () => liveJobs(f.hrflow, board),
      idOf: id,
      close: f.close,
    };
  },
};

/** HrFlow profiles created as Greenhouse candidates (one run per profile; lost creates looked up). */
const profilesOut: Scenario = {
  connector: "greenhouse",
  action: "create_profiles_in_greenhouse",
  n: 100,
  async start(n, seed) {
    const f = await fakes(0, 0, seed);
    const { source, keys, emails } = profilesToPush(f.hrflow, n);
    return {
      endpoints: f.endpoints,
      ids: emails,
      ...perProfile(keys, Greenhouse.createProfilesInGreenhouse, (key) => ({
        workflow_id: "greenhouse-push",
        connector_auth: f.greenhouse.auth,
        hrflow_auth: f.hrflow.auth,
        pull_parameters: { source_key: source, profile_key: key },
        push_parameters: {},
      })),
      held: () => tally(f.greenhouse.candidates.map((c) => c.email_addresses?.[0]?.value ?? undefined)),
      idOf: (e) => idFrom(e, "email_addresses.value", "info.email"),
      issued: () => [...f.greenhouse.issuedTokens],
      close: f.close,
    };
  },
};

/** Greenhouse actions that move items, one read and one write direction and the Job Board. */
export const greenhouseScenarios: Scenario[] = [profilesIn, pullJobList, profilesOut];
