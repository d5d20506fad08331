// Workable's rows of the sync benchmark: the v2 flows (jobs and candidates into HrFlow, profiles
// out) and the older pull_job_list / push_profile. Listed in connectors.mjs's BENCHES.
import { legacyJobs, legacyPush, pair, profilesOut, v2Jobs, v2Profiles } from "./shared.mjs";

const fake = async (o) => (await import("@hrflow-connectors/workable/testing")).startFakeWorkable(o);
/** Workable's published limit: 10 requests per 10 s per token (the fake sends X-Rate-Limit-*). */
const W = { vendorLimit: { requests: 10, perMs: 10_000 } };

const start = async (options, limit) => {
  const v = await fake({ ...options, rateLimit: limit });
  return pair(v, { workable: v.baseUrl });
};

/** Every Workable action, in the connector's declared order. */
export const WORKABLE_BENCHES = [
  ...["create", "update", "archive"].map((mode) =>
    v2Jobs("workable", mode, {
      ...W,
      start: (n, limit) => start({ jobs: n }, limit),
      jobs: (v) => v.jobs,
      reference: (j) => j.shortcode,
    }),
  ),
  // Candidates with a detail call and a resume each (archive: the list only), into a synchronous-parsing source.
  ...["create", "update", "archive"].map((mode) =>
    v2Profiles("workable", mode, {
      ...W,
      syncParsing: true,
      start: (n, limit) => start({ jobs: 3, candidates: n }, limit),
      candidates: (v) => v.candidates,
      reference: (c) => c.id,
    }),
  ),
  ...["create_profiles_in_workable", "update_profiles_in_workable"].map((action) =>
    profilesOut("workable", action, {
      ...W,
      existing: (a) => a === "update_profiles_in_workable",
      start: (n, limit, existing) => start({ jobs: 1, candidates: existing ? n : 0 }, limit),
      candidates: (v) => v.candidates,
      reference: (c) => c.id,
      push: (v) => (action === "create_profiles_in_workable" ? { job_shortcode: v.jobs[0].shortcode } : {}),
    }),
  ),
  legacyJobs("workable", {
    ...W,
    start: (n, limit) => start({ jobs: n }, limit),
    origin: (v) => ({ auth: v.token, subdomain: v.subdomain }),
  }),
  legacyPush("workable", {
    ...W,
    start: (_n, limit) => start({ jobs: 1 }, limit),
    target: (v) => ({ auth: v.token, subdomain: v.subdomain, shortcode: v.jobs[0].shortcode }),
  }),
];
