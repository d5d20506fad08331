import { Bullhorn } from "@hrflow-connectors/bullhorn";
import { startFakeBullhorn } from "@hrflow-connectors/bullhorn/testing";
import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { closeAll } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type Scenario, single, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, liveProfiles, perProfile, profilesToPush } from "./common.js";

async function fakes(jobs: number, candidates: number, seed: number) {
  const bullhorn = await startFakeBullhorn({ jobs, candidates, seed });
  const hrflow = await startFakeHrFlow();
  return {
    bullhorn,
    hrflow,
    // One proxy in front of the whole fake: loginInfo, the login chain and the REST calls.
    endpoints: [
      { key: "bullhorn", baseUrl: bullhorn.baseUrl, origin: new URL(bullhorn.baseUrl).origin },
      hrflowEndpoint(hrflow),
    ],
    close: () => closeAll(bullhorn, hrflow),
  };
}

const id = (e: DeadLetterEntry) => idFrom(e, "reference", "id");
const SINCE = "2024-01-01T00:00:00Z";

/** Bullhorn job orders into an HrFlow board (pages of 50). */
const createJobs: Scenario = {
  connector: "bullhorn",
  action: "create_jobs_in_hrflow",
  n: 150,
  async start(n, seed) {
    const f = await fakes(n, 0, seed);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.bullhorn.jobs.map((j) => String(j.id)),
      ...single(Bullhorn.createJobsInHrflow, {
        workflow_id: "bullhorn-jobs",
        connector_auth: f.bullhorn.auth,
        hrflow_auth: f.hrflow.auth,
        pull_parameters: { created_date: SINCE, query: "isDeleted:0" },
        push_parameters: { board_key: board },
      }),
      held: () => liveJobs(f.hrflow, board),
      idOf: id,
      close: f.close,
    };
  },
};

/** Bullhorn candidates with their rows and resumes into an HrFlow source. */
const createProfiles: Scenario = {
  connector: "bullhorn",
  action: "create_profiles_in_hrflow",
  n: 60,
  async start(n, seed) {
    const f = await fakes(0, n, seed);
    const source = f.hrflow.addSource();
    return {
      endpoints: f.endpoints,
      ids: f.bullhorn.candidates.map((c) => String(c.id)),
      ...single(Bullhorn.createProfilesInHrflow, {
        workflow_id: "bullhorn-profiles",
        connector_auth: f.bullhorn.auth,
        hrflow_auth: f.hrflow.auth,
        pull_parameters: { created_date: SINCE, parse_resume: true },
        push_parameters: { source_key: source },
      }),
      held: () => liveProfiles(f.hrflow, source),
      idOf: id,
      close: f.close,
    };
  },
};

/** HrFlow profiles pushed to Bullhorn as candidates (one run per profile). */
const pushProfile: Scenario = {
  connector: "bullhorn",
  action: "push_profile",
  n: 40,
  async start(n, seed) {
    const f = await fakes(0, 0, seed);
    const { source, keys, emails } = profilesToPush(f.hrflow, n);
    return {
      endpoints: f.endpoints,
      ids: emails,
      ...perProfile(keys, Bullhorn.pushProfile, (key) => ({
        workflow_id: "bullhorn-push",
        origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { ...f.bullhorn.auth },
      })),
      held: () => tally(f.bullhorn.candidates.map((c) => (typeof c.email === "string" ? c.email : null))),
      idOf: (e) => idFrom(e, "candidate.email", "info.email"),
      close: f.close,
    };
  },
};

/** Bullhorn actions that move items: one read of each entity and the candidate write. */
export const bullhornScenarios: Scenario[] = [createJobs, createProfiles, pushProfile];
