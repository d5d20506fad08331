import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { closeAll } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { SmartRecruiters } from "@hrflow-connectors/smartrecruiters";
import {
  type FakeSmartRecruiters,
  startFakeSmartRecruiters,
} from "@hrflow-connectors/smartrecruiters/testing";
import { type Endpoint, type Scenario, single, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, liveProfiles, perProfile, profilesToPush } from "./common.js";

const srEndpoint = (sr: FakeSmartRecruiters): Endpoint => ({
  key: "smartrecruiters",
  baseUrl: sr.baseUrl,
  origin: new URL(sr.baseUrl).origin,
});

async function fakes(jobs: number, candidates: number, seed: number) {
  const sr = await startFakeSmartRecruiters({ jobs, candidates, seed, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  return {
    sr,
    hrflow,
    endpoints: [srEndpoint(sr), hrflowEndpoint(hrflow)],
    close: () => closeAll(sr, hrflow),
  };
}
type Fakes = Awaited<ReturnType<typeof fakes>>;

const flow = (workflow: string, f: Fakes, push: Record<string, unknown>) => ({
  workflow_id: workflow,
  connector_auth: f.sr.auth,
  hrflow_auth: f.hrflow.auth,
  pull_parameters: {},
  push_parameters: push,
});

const referenceOrId = (e: DeadLetterEntry) => idFrom(e, "reference", "id");

/** SmartRecruiters jobs (every page, with details) into an HrFlow board. */
const createJobsInHrflow: Scenario = {
  connector: "smartrecruiters",
  action: "create_jobs_in_hrflow",
  n: 60,
  async start(n, seed) {
    const f = await fakes(n, 0, seed);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.sr.jobs.map((j) => j.id),
      ...single(SmartRecruiters.createJobsInHrflow, flow("jobs-create", f, { board_key: board })),
      held: () => liveJobs(f.hrflow, board),
      idOf: referenceOrId,
      close: f.close,
    };
  },
};

/** SmartRecruiters candidates (one list call in flight, details per candidate) into an HrFlow source. */
const createProfilesInHrflow: Scenario = {
  connector: "smartrecruiters",
  action: "create_profiles_in_hrflow",
  n: 60,
  async start(n, seed) {
    const f = await fakes(0, n, seed);
    const source = f.hrflow.addSource();
    return {
      endpoints: f.endpoints,
      ids: f.sr.candidates.map((c) => c.id),
      ...single(SmartRecruiters.createProfilesInHrflow, flow("profiles-create", f, { source_key: source })),
      held: () => liveProfiles(f.hrflow, source),
      idOf: referenceOrId,
      close: f.close,
    };
  },
};

/** HrFlow profiles created in SmartRecruiters (talent pool, or a job for `push_profile`), one run each. */
function createProfilesInSmartRecruiters(style: "flow" | "legacy"): Scenario {
  return {
    connector: "smartrecruiters",
    action: style === "flow" ? "create_profiles_in_smartrecruiters" : "push_profile",
    n: 40,
    async start(n, seed) {
      const f = await fakes(1, 0, seed);
      const jobId = f.sr.jobs[0]!.id;
      const { source, keys, emails } = profilesToPush(f.hrflow, n);
      const calls =
        style === "flow"
          ? perProfile(keys, SmartRecruiters.createProfilesInSmartrecruiters, (key) => ({
              workflow_id: "push-flow",
              connector_auth: f.sr.auth,
              hrflow_auth: f.hrflow.auth,
              pull_parameters: { source_key: source, profile_key: key },
              push_parameters: {},
            }))
          : perProfile(keys, SmartRecruiters.pushProfile, (key) => ({
              workflow_id: "push-legacy",
              origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: key },
              target_parameters: { x_smart_token: f.sr.token, job_id: jobId },
            }));
      return {
        endpoints: f.endpoints,
        ids: emails,
        ...calls,
        held: () =>
          tally(
            f.sr.created
              .filter((c) => c.jobId === (style === "flow" ? null : jobId))
              .map((c) => String(c.body.email)),
          ),
        idOf: (e) => idFrom(e, "email", "info.email"),
        close: f.close,
      };
    },
  };
}

/** HrFlow profiles whose reference is a SmartRecruiters candidate: updated, or deleted (archive). */
function profilesInSmartRecruiters(mode: "update" | "archive"): Scenario {
  return {
    connector: "smartrecruiters",
    action: `${mode}_profiles_in_smartrecruiters`,
    n: 40,
    async start(n, seed) {
      const f = await fakes(0, n, seed);
      const ids = f.sr.candidates.map((c) => c.id);
      const { source, keys } = profilesToPush(f.hrflow, n, (i) => ({ reference: ids[i] }));
      const email = new Map(ids.map((id, i) => [id, `ada.${i}@example.com`]));
      const action =
        mode === "update"
          ? SmartRecruiters.updateProfilesInSmartrecruiters
          : SmartRecruiters.archiveProfilesInSmartrecruiters;
      return {
        endpoints: f.endpoints,
        ids,
        ...perProfile(keys, action, (key) => ({
          workflow_id: `${mode}-flow`,
          connector_auth: f.sr.auth,
          hrflow_auth: f.hrflow.auth,
          pull_parameters: { source_key: source, profile_key: key },
          push_parameters: {},
        })),
        // An update shows as the HrFlow email; a delete as the candidate gone (each id deleted once).
        held: () =>
          mode === "update"
            ? tally(f.sr.candidates.filter((c) => c.email === email.get(c.id)).map((c) => c.id))
            : tally(f.sr.deleted),
        idOf: (e) => idFrom(e, "id", "reference"),
        close: f.close,
      };
    },
  };
}

/** The older `pull_job_list`: every job into a board (sync off: nothing else archived). */
const pullJobList: Scenario = {
  connector: "smartrecruiters",
  action: "pull_job_list",
  n: 60,
  async start(n, seed) {
    const f = await fakes(n, 0, seed);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.sr.jobs.map((j) => j.id),
      ...single(SmartRecruiters.pullJobList, {
        workflow_id: "legacy-jobs",
        origin_parameters: { x_smart_token: f.sr.token },
        target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
      }),
      held: () => liveJobs(f.hrflow, board),
      idOf: referenceOrId,
      close: f.close,
    };
  },
};

/** Every SmartRecruiters action that moves items in or out, under faults. */
export const smartRecruitersScenarios: Scenario[] = [
  createJobsInHrflow,
  createProfilesInHrflow,
  createProfilesInSmartRecruiters("flow"),
  profilesInSmartRecruiters("update"),
  profilesInSmartRecruiters("archive"),
  pullJobList,
  createProfilesInSmartRecruiters("legacy"),
];
