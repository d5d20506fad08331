import { closeAll } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Recruitee } from "@hrflow-connectors/recruitee";
import { startFakeRecruitee } from "@hrflow-connectors/recruitee/testing";
import { type Scenario, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveProfiles, perProfile, profilesToPush } from "./common.js";
import { stoppedThenResumed } from "./teamtailor.js";

async function fakes(candidates: number, seed: number) {
  const recruitee = await startFakeRecruitee({ candidates, seed, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  return {
    recruitee,
    hrflow,
    endpoints: [
      { key: "recruitee", baseUrl: recruitee.baseUrl, origin: new URL(recruitee.baseUrl).origin },
      hrflowEndpoint(hrflow),
    ],
    close: () => closeAll(recruitee, hrflow),
  };
}

/** Recruitee candidates (detail and resume each) into a source, incrementally, stopped and resumed. */
const createProfilesInHrflow: Scenario = {
  connector: "recruitee",
  action: "create_profiles_in_hrflow",
  n: 80,
  async start(n, seed) {
    const f = await fakes(n, seed);
    const source = f.hrflow.addSource(undefined, { sync_parsing: true });
    return {
      endpoints: f.endpoints,
      ids: f.recruitee.candidates.map((c) => String(c.id)),
      ...stoppedThenResumed(
        Recruitee.createProfilesInHrflow,
        {
          workflow_id: "recruitee-profiles",
          connector_auth: f.recruitee.auth,
          hrflow_auth: f.hrflow.auth,
          pull_parameters: {},
          push_parameters: { source_key: source },
          incremental: true,
        },
        Math.floor(n / 3),
      ),
      held: () => liveProfiles(f.hrflow, source),
      idOf: (e) => idFrom(e, "reference", "id"),
      close: f.close,
    };
  },
};

/** HrFlow profiles created in Recruitee (one run per profile): lost answers settled by email. */
const createProfilesInRecruitee: Scenario = {
  connector: "recruitee",
  action: "create_profiles_in_recruitee",
  n: 40,
  async start(n, seed) {
    const f = await fakes(0, seed);
    const { source, keys, emails } = profilesToPush(f.hrflow, n);
    return {
      endpoints: f.endpoints,
      ids: emails,
      ...perProfile(keys, Recruitee.createProfilesInRecruitee, (key) => ({
        workflow_id: `recruitee-push-${key}`,
        connector_auth: f.recruitee.auth,
        hrflow_auth: f.hrflow.auth,
        pull_parameters: { source_key: source, profile_key: key },
        push_parameters: {},
      })),
      held: () => tally(f.recruitee.candidates.map((c) => c.emails?.[0])),
      idOf: (e) => idFrom(e, "candidate.emails", "info.email"),
      close: f.close,
    };
  },
};

/** Recruitee actions under faults: one read direction (with a resume) and one write direction. */
export const recruiteeScenarios: Scenario[] = [createProfilesInHrflow, createProfilesInRecruitee];
