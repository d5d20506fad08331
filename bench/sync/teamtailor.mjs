// Teamtailor's rows of the sync benchmark: the v2 flows (jobs and candidates into HrFlow, profiles
// out) and the older pull_job_list / push_profile. Listed in connectors.mjs's BENCHES.
import { legacyJobs, legacyPush, pair, profilesOut, v2Jobs, v2Profiles } from "./shared.mjs";

const fake = async (o) => (await import("@hrflow-connectors/teamtailor/testing")).startFakeTeamtailor(o);
/**
 * Teamtailor announces its budget in X-Rate-Limit-* headers without publishing the numbers: 50 per
 * 10 s is the client's pace, which its fake enforces by default.
 */
const TT = { vendorLimit: null, pace: { requests: 50, perMs: 10_000 } };
const start = async (options, limit) => {
  const v = await fake({ ...options, rateLimit: limit });
  return pair(v, { teamtailor: v.baseUrl });
};
const legacyAuth = (v) => ({ Authorization: v.apiKey, X_Api_Version: "20240404" });

/** Every Teamtailor action, in the connector's declared order. */
export const TEAMTAILOR_BENCHES = [
  // Jobs (each with its location) into a board; the archive flow reads archived jobs only.
  ...["create", "update", "archive"].map((mode) =>
    v2Jobs("teamtailor", mode, {
      ...TT,
      start: (n, limit) => start({ jobs: n }, limit),
      prepare: (v) => {
        if (mode === "archive") for (const j of v.jobs) j.attributes.status = "archived";
      },
      jobs: (v) => v.jobs,
      reference: (j) => j.id,
      pull: () => (mode === "archive" ? {} : { filter_status: "all" }),
    }),
  ),
  // Candidates (with resumes) into a source; archive: candidates deleted in Teamtailor, by id.
  ...["create", "update", "archive"].map((mode) =>
    v2Profiles("teamtailor", mode, {
      ...TT,
      syncParsing: true,
      start: (n, limit) => start({ candidates: n }, limit),
      candidates: (v) => v.candidates,
      reference: (c) => c.id,
      prepare: (v, _mode, ids) => {
        if (mode === "archive") for (const id of ids) v.deleteCandidate(id, "bench");
      },
      pull: (_v, _mode, ids) => (mode === "archive" ? { candidate_ids: ids } : {}),
    }),
  ),
  ...["create_profiles_in_teamtailor", "update_profiles_in_teamtailor"].map((action) =>
    profilesOut("teamtailor", action, {
      ...TT,
      existing: (a) => a === "update_profiles_in_teamtailor",
      start: (n, limit, existing) => start({ candidates: existing ? n : 0 }, limit),
      candidates: (v) => v.candidates,
      reference: (c) => c.id,
    }),
  ),
  legacyJobs("teamtailor", {
    ...TT,
    async start(n, limit) {
      const p = await start({ jobs: n }, limit);
      for (const j of p.vendor.jobs) j.attributes.status = "published";
      return p;
    },
    origin: legacyAuth,
  }),
  legacyPush("teamtailor", { ...TT, start: (_n, limit) => start({}, limit), target: legacyAuth }),
];
