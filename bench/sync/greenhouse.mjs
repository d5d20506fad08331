// Greenhouse's rows of the sync benchmark: the v2 flows (jobs and candidates into HrFlow, profiles
// created, updated and archived in Greenhouse) and the older actions. Listed in connectors.mjs's BENCHES.
import { legacyJobs, legacyProfiles, legacyPush, pair, profilesOut, v2Jobs, v2Profiles } from "./shared.mjs";

const fake = async (o) => (await import("@hrflow-connectors/greenhouse/testing")).startFakeGreenhouse(o);
/** Harvest's published budget: 50 requests per 10 s per credential (v1's; v3's is unconfirmed). */
// The token server and the public Job Board are other hosts, outside Harvest's window.
const GH = { vendorLimit: { requests: 50, perMs: 10_000 }, outsideWindow: /^\/(token|v1\/boards)\b/ };
const start = async (options, limit) => {
  const v = await fake({ ...options, rateLimit: limit });
  return pair(v, v.baseUrls);
};
const candidates = { candidates: (v) => v.candidates, reference: (c) => String(c.id) };

/** Every Greenhouse action, in the connector's declared order. */
export const GREENHOUSE_BENCHES = [
  // Jobs into a board; the archive flow reads closed jobs only.
  ...["create", "update", "archive"].map((mode) =>
    v2Jobs("greenhouse", mode, {
      ...GH,
      start: (n, limit) => start({ jobs: n }, limit),
      prepare: (v) => {
        if (mode === "archive") for (const j of v.jobs) j.status = "closed";
      },
      jobs: (v) => v.jobs,
      reference: (j) => String(j.id),
    }),
  ),
  // Candidates (educations, employments and attachments joined 50 per call) into a source; the
  // archive flow reads candidates whose applications are all rejected.
  ...["create", "update", "archive"].map((mode) =>
    v2Profiles("greenhouse", mode, {
      ...GH,
      ...candidates,
      start: (n, limit) => start({ jobs: 2, candidates: n }, limit),
      prepare: (v) => {
        if (mode === "archive") for (const a of v.applications) a.status = "rejected";
      },
    }),
  ),
  // One profile out per run; an archive rejects the candidate's applications.
  ...["create", "update", "archive"].map((mode) =>
    profilesOut("greenhouse", `${mode}_profiles_in_greenhouse`, {
      ...GH,
      ...candidates,
      existing: () => mode !== "create",
      start: (n, limit, existing) => start({ jobs: 2, candidates: existing ? n : 0 }, limit),
    }),
  ),
  // The public Job Board: every job open, so each is a published post.
  legacyJobs("greenhouse", {
    ...GH,
    async start(n, limit) {
      const p = await start({ jobs: n }, limit);
      for (const j of p.vendor.jobs) j.status = "open";
      return p;
    },
    origin: (v) => ({ board_token: v.boardToken }),
  }),
  legacyPush("greenhouse", {
    ...GH,
    start: (_n, limit) => start({ jobs: 2 }, limit),
    target: (v) => ({ ...v.auth, on_behalf_of: v.auth.user_id }),
  }),
  legacyProfiles("greenhouse", "pull_profile_list", {
    ...GH,
    start: (n, limit) => start({ jobs: 2, candidates: n }, limit),
    origin: (v) => v.auth,
    target: { only_edit_fields: [] },
  }),
];
