// Lever's rows of the sync benchmark: pull_job_list, pull_profile_list and push_profile (its older
// actions, the only ones it has). Listed in connectors.mjs's BENCHES.
import { legacyJobs, legacyProfiles, legacyPush, pair } from "./shared.mjs";

const fake = async (o) => (await import("@hrflow-connectors/lever/testing")).startFakeLever(o);
/**
 * Lever's published limit: 10 requests per second per key. The OAuth server is another host,
 * with its own budget (`lever_auth`), outside that window.
 */
const L = { vendorLimit: { requests: 10, perMs: 1000 }, outsideWindow: /^\/auth\// };
/** Lever's token bucket from a window limit: the window's rate, its size as the burst. */
const bucket = (limit) =>
  limit ? { perSecond: (limit.requests * 1000) / limit.perMs, burst: limit.requests } : null;
const start = async (options, limit) => {
  const v = await fake({ ...options, rateLimit: bucket(limit) });
  return pair(v, v.baseUrls);
};

/** Every Lever action, in the connector's declared order. */
export const LEVER_BENCHES = [
  legacyJobs("lever", {
    ...L,
    start: (n, limit) => start({ postings: n }, limit),
    origin: (v) => v.credentials(),
  }),
  // Each run exchanges its own single-use authorization code, as the original's push did.
  legacyPush("lever", {
    ...L,
    start: (_n, limit) => start({}, limit),
    target: (v) => ({ ...v.credentials(), perform_as: "u-recruiter" }),
  }),
  legacyProfiles("lever", "pull_profile_list", {
    ...L,
    start: (n, limit) => start({ opportunities: n }, limit),
    origin: (v) => ({ ...v.credentials(), limit: 100 }),
    target: { only_edit_fields: null },
  }),
];
