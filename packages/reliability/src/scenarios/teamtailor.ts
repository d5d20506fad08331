import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import { closeAll } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Teamtailor } from "@hrflow-connectors/teamtailor";
import { startFakeTeamtailor } from "@hrflow-connectors/teamtailor/testing";
import { type ActionFn, type Scenario, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, perProfile, profilesToPush } from "./common.js";

async function fakes(jobs: number, seed: number) {
  const teamtailor = await startFakeTeamtailor({ jobs, seed, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  return {
    teamtailor,
    hrflow,
    endpoints: [
      { key: "teamtailor", baseUrl: teamtailor.baseUrl, origin: new URL(teamtailor.baseUrl).origin },
      hrflowEndpoint(hrflow),
    ],
    close: () => closeAll(teamtailor, hrflow),
  };
}

/**
 * An incremental action stopped part-way (after `stopAt` items read), then run again: the
 * second run resumes from the checkpoint. Together they must hold every item once, and their
 * `written` sum must equal what the target holds, so an item re-read at the boundary shows.
 */
export function stoppedThenResumed(action: ActionFn, options: Record<string, unknown>, stopAt: number) {
  return {
    run: async (runtime: RunOptions): Promise<RunResult[]> => {
      const stop = new AbortController();
      const first = await action(options, {
        ...runtime,
        stop: stop.signal,
        onProgress: (p) => {
          if (p.events.read_success >= stopAt) stop.abort();
        },
      });
      return [first, await action(options, runtime)];
    },
    sample: { action, options },
  };
}

/** Every Teamtailor job (all statuses) into an HrFlow board, incrementally, stopped and resumed. */
const createJobsInHrflow: Scenario = {
  connector: "teamtailor",
  action: "create_jobs_in_hrflow",
  n: 90,
  async start(n, seed) {
    const f = await fakes(n, seed);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.teamtailor.jobs.map((j) => j.id),
      ...stoppedThenResumed(
        Teamtailor.createJobsInHrflow,
        {
          workflow_id: "teamtailor-jobs",
          connector_auth: f.teamtailor.auth,
          hrflow_auth: f.hrflow.auth,
          pull_parameters: { filter_status: "all" },
          push_parameters: { board_key: board },
          incremental: true,
        },
        Math.floor(n / 3),
      ),
      held: () => liveJobs(f.hrflow, board),
      idOf: (e) => idFrom(e, "reference", "id"),
      close: f.close,
    };
  },
};

/** HrFlow profiles created in Teamtailor (one run per profile): lost answers settled by email. */
const createProfilesInTeamtailor: Scenario = {
  connector: "teamtailor",
  action: "create_profiles_in_teamtailor",
  n: 40,
  async start(n, seed) {
    const f = await fakes(0, seed);
    const { source, keys, emails } = profilesToPush(f.hrflow, n);
    return {
      endpoints: f.endpoints,
      ids: emails,
      ...perProfile(keys, Teamtailor.createProfilesInTeamtailor, (key) => ({
        workflow_id: `teamtailor-push-${key}`,
        connector_auth: f.teamtailor.auth,
        hrflow_auth: f.hrflow.auth,
        pull_parameters: { source_key: source, profile_key: key },
        push_parameters: {},
      })),
      held: () => tally(f.teamtailor.candidates.map((c) => c.attributes.email ?? undefined)),
      idOf: (e) => idFrom(e, "attributes.email", "info.email"),
      close: f.close,
    };
  },
};

/** Teamtailor actions under faults: one read direction (with a resume) and one write direction. */
export const teamtailorScenarios: Scenario[] = [createJobsInHrflow, createProfilesInTeamtailor];
