import { closeAll } from "@hrflow-connectors/core/testing";
import { DigitalRecruiters } from "@hrflow-connectors/digitalrecruiters";
import { startFakeDigitalRecruiters } from "@hrflow-connectors/digitalrecruiters/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type Scenario, single, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, liveProfiles, perProfile, profilesToPush } from "./common.js";

async function fakes(jobAds: number, applications: number, seed: number) {
  const dr = await startFakeDigitalRecruiters({ jobAds, applications, seed });
  const hrflow = await startFakeHrFlow();
  return {
    dr,
    hrflow,
    endpoints: [
      { key: "digitalrecruiters", baseUrl: dr.baseUrl, origin: new URL(dr.baseUrl).origin },
      hrflowEndpoint(hrflow),
    ],
    close: () => closeAll(dr, hrflow),
  };
}

/** The job-ad export into an HrFlow board. */
const pullJobList: Scenario = {
  connector: "digitalrecruiters",
  action: "pull_job_list",
  n: 150,
  async start(n, seed) {
    const f = await fakes(n, 0, seed);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.dr.jobAds.map((ad) => String(ad.reference)),
      ...single(DigitalRecruiters.pullJobList, {
        workflow_id: "dr-jobs",
        origin_parameters: f.dr.jobsParameters,
        target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
      }),
      held: () => liveJobs(f.hrflow, board),
      idOf: (e) => idFrom(e, "reference"),
      close: f.close,
    };
  },
};

/** Detailed job applications (with CV downloads) parsed into an HrFlow source. */
const pullProfileList: Scenario = {
  connector: "digitalrecruiters",
  action: "pull_profile_list",
  n: 150,
  async start(n, seed) {
    const f = await fakes(2, n, seed);
    const source = f.hrflow.addSource();
    return {
      endpoints: f.endpoints,
      ids: f.dr.applications.map((a) => String(a.id)),
      ...single(DigitalRecruiters.pullProfileList, {
        workflow_id: "dr-profiles",
        origin_parameters: { ...f.dr.profilesParameters, limit: 50 },
        target_parameters: { ...f.hrflow.auth, source_key: source },
      }),
      held: () => liveProfiles(f.hrflow, source),
      idOf: (e) =>
        e.item && typeof (e.item as { id?: unknown }).id === "number"
          ? String((e.item as { id: number }).id)
          : idFrom(e, "reference", "id"),
      close: f.close,
    };
  },
};

/**
 * HrFlow profiles applied to a DR job ad (one run per profile). DR offers no lookup with the
 * apply token, so an apply whose answer was lost is dead-lettered with outcome "unknown".
 */
const pushProfile: Scenario = {
  connector: "digitalrecruiters",
  action: "push_profile",
  n: 100,
  async start(n, seed) {
    const f = await fakes(1, 0, seed);
    const reference = String(f.dr.jobAds[0]!.reference);
    const { source, keys, emails } = profilesToPush(f.hrflow, n);
    return {
      endpoints: f.endpoints,
      ids: emails,
      ...perProfile(keys, DigitalRecruiters.pushProfile, (key) => ({
        workflow_id: "dr-push",
        origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { token: f.dr.token, environment_url: f.dr.baseUrl, job_reference: reference },
      })),
      held: () =>
        tally(f.dr.applied.map((a) => (a.body.ApplicationProfile as { email?: string } | undefined)?.email)),
      idOf: (e) => idFrom(e, "ApplicationProfile.email", "info.email"),
      close: f.close,
    };
  },
};

/** Every DigitalRecruiters action that moves items. */
export const digitalRecruitersScenarios: Scenario[] = [pullJobList, pullProfileList, pushProfile];
