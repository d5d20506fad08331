// SmartRecruiters' rows of the sync benchmark: the v2 flows (jobs and candidates into HrFlow,
// profiles out) and the older pull_job_list / push_profile. Listed in connectors.mjs's BENCHES.
import { legacyJobs, legacyPush, pair, profilesOut, v2Jobs, v2Profiles } from "./shared.mjs";

const fake = async (o) =>
  (await import("@hrflow-connectors/smartrecruiters/testing")).startFakeSmartRecruiters(o);
/** SmartRecruiters' published limit per credential: 10 requests per second. */
const SR = { vendorLimit: { requests: 10, perMs: 1_000 } };
const start = async (jobs, candidates, limit) => {
  const v = await fake({ jobs, candidates, rateLimit: limit });
  return pair(v, { smartrecruiters: v.baseUrl });
};
const candidates = { candidates: (v) => v.candidates, reference: (c) => c.id };
const out = (mode) =>
  profilesOut("smartrecruiters", `${mode}_profiles_in_smartrecruiters`, {
    ...SR,
    ...candidates,
    existing: () => mode !== "create",
    start: (n, limit, existing) => start(1, existing ? n : 0, limit),
  });
const into = (mode) =>
  v2Profiles("smartrecruiters", mode, { ...SR, ...candidates, start: (n, limit) => start(0, n, limit) });

/** Every SmartRecruiters action, in the connector's declared order. */
export const SMARTRECRUITERS_BENCHES = [
  ...["create", "update", "archive"].map((mode) =>
    v2Jobs("smartrecruiters", mode, {
      ...SR,
      start: (n, limit) => start(n, 0, limit),
      jobs: (v) => v.jobs,
      reference: (j) => j.id,
    }),
  ),
  into("create"),
  out("create"),
  into("update"),
  out("update"),
  into("archive"),
  out("archive"),
  legacyJobs("smartrecruiters", {
    ...SR,
    start: (n, limit) => start(n, 0, limit),
    origin: (v) => ({ x_smart_token: v.token }),
  }),
  legacyPush("smartrecruiters", {
    ...SR,
    start: (_n, limit) => start(1, 0, limit),
    target: (v) => ({ x_smart_token: v.token, job_id: v.jobs[0].id }),
  }),
];
