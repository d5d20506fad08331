// Recruitee's rows of the sync benchmark: the v2 flows (candidates and offers into HrFlow,
// profiles created, updated and deleted in Recruitee) and the older actions. Listed in
// connectors.mjs's BENCHES.
import { legacyJobs, legacyProfiles, legacyPush, pair, profilesOut, v2Jobs, v2Profiles } from "./shared.mjs";

const fake = async (o) => (await import("@hrflow-connectors/recruitee/testing")).startFakeRecruitee(o);
/** Recruitee publishes no limit; the client's own pace is 10 requests per second. */
const RC = { vendorLimit: null, pace: { requests: 10, perMs: 1_000 } };
const start = async (options, limit) => {
  const v = await fake({ ...options, rateLimit: limit });
  return pair(v, { recruitee: v.baseUrl });
};
const legacyAuth = (v) => ({ ...v.auth, recruitee_endpoint: "PRODUCTION ENDPOINT" });
const candidates = { candidates: (v) => v.candidates, reference: (c) => String(c.id) };

/** Every Recruitee action, in the connector's declared order. */
export const RECRUITEE_BENCHES = [
  // Candidates (detail and resume each) into a source; archive: candidates deleted in Recruitee, by id.
  ...["create", "update", "archive"].map((mode) =>
    v2Profiles("recruitee", mode, {
      ...RC,
      ...candidates,
      syncParsing: true,
      start: (n, limit) => start({ candidates: n }, limit),
      prepare: (v, _mode, ids) => {
        if (mode === "archive") for (const id of ids) v.removeCandidate(id);
      },
      pull: (_v, _mode, ids) => (mode === "archive" ? { candidate_ids: ids } : {}),
    }),
  ),
  ...["create", "update", "archive"].map((mode) =>
    profilesOut("recruitee", `${mode}_profiles_in_recruitee`, {
      ...RC,
      ...candidates,
      existing: () => mode !== "create",
      start: (n, limit, existing) => start({ candidates: existing ? n : 0 }, limit),
    }),
  ),
  // Offers (each read in full) into a board; archive: every offer archived first, read from the list only.
  ...["create", "update", "archive"].map((mode) =>
    v2Jobs("recruitee", mode, {
      ...RC,
      start: (n, limit) => start({ jobs: n }, limit),
      prepare: (v) => {
        for (const o of v.offers) {
          o.kind = "job";
          o.status = mode === "archive" ? "archived" : "published";
        }
      },
      jobs: (v) => v.offers,
      reference: (o) => String(o.id),
    }),
  ),
  legacyPush("recruitee", {
    ...RC,
    start: (_n, limit) => start({ candidates: 0 }, limit),
    target: (v) => ({ ...legacyAuth(v), offer_ids: null }),
  }),
  legacyJobs("recruitee", {
    ...RC,
    async start(n, limit) {
      const p = await start({ jobs: n }, limit);
      for (const o of p.vendor.offers) o.kind = "job";
      return p;
    },
    origin: legacyAuth,
  }),
  legacyProfiles("recruitee", "pull_profile_list", {
    ...RC,
    syncParsing: true,
    start: (n, limit) => start({ candidates: n }, limit),
    origin: legacyAuth,
    target: { only_edit_fields: null },
  }),
];
