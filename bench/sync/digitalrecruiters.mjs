// DigitalRecruiters' rows of the sync benchmark: pull_job_list, pull_profile_list and push_profile.
// Listed in connectors.mjs's BENCHES.
import { legacyJobs, legacyProfiles, legacyPush, pair } from "./shared.mjs";

const fake = async (o) =>
  (await import("@hrflow-connectors/digitalrecruiters/testing")).startFakeDigitalRecruiters(o);
/** DigitalRecruiters publishes no limit; the client's own pace is 10 requests per second. */
const DR = { vendorLimit: null, pace: { requests: 10, perMs: 1000 } };
const start = async (options, limit) => pair(await fake({ ...options, rateLimit: limit }), {});

/** Every DigitalRecruiters action, in the connector's declared order. */
export const DIGITALRECRUITERS_BENCHES = [
  legacyJobs("digitalrecruiters", {
    ...DR,
    start: (n, limit) => start({ jobAds: n }, limit),
    origin: (v) => v.jobsParameters,
  }),
  legacyProfiles("digitalrecruiters", "pull_profile_list", {
    ...DR,
    start: (n, limit) => start({ jobAds: 2, applications: n }, limit),
    origin: (v) => ({ ...v.profilesParameters, limit: 50 }),
  }),
  legacyPush("digitalrecruiters", {
    ...DR,
    start: (_n, limit) => start({ jobAds: 1 }, limit),
    target: (v) => ({
      token: v.token,
      environment_url: v.baseUrl,
      job_reference: String(v.jobAds[0].reference),
    }),
  }),
];
