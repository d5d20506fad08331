// Teamtailor's rows of the sync benchmark: the v2 flows (jobs and candidates into HrFlow, profiles
// out) and the older pull_job_list / push_profile. Listed in connectors.mjs's BENCHES.
import { bench, pair, profilesToPush } from "./connectors.mjs";

const fake = async (o) => (await import("@hrflow-connectors/teamtailor/testing")).startFakeTeamtailor(o);
/** The pace the connector keeps without news from Teamtailor's X-Rate-Limit-* headers. */
const LIMIT = { requests: 50, perMs: 10_000 };
const TT = { vendor: "teamtailor", vendorLimit: LIMIT };

const flow = (t, h, pull, push) => ({
  workflow_id: "bench-teamtailor",
  connector_auth: t.auth,
  hrflow_auth: h.auth,
  pull_parameters: pull,
  push_parameters: push,
});

async function start(options, limit) {
  const p = await pair(await fake({ ...options, rateLimit: limit }), {});
  p.baseUrls.teamtailor = p.vendor.baseUrl;
  return p;
}

/** Jobs (each with its location) into a board: empty for creates, holding every job otherwise. */
const jobs = (mode) =>
  bench("teamtailor", `${mode}_jobs_in_hrflow`, {
    ...TT,
    async start(n, limit) {
      const p = await start({ jobs: n }, limit);
      // The archive flow reads archived jobs only: every job is archived before the run.
      if (mode === "archive") for (const j of p.vendor.jobs) j.attributes.status = "archived";
      const board = p.hrflow.addBoard();
      if (mode !== "create")
        for (const j of p.vendor.jobs) p.hrflow.addJob(board, { reference: j.id, name: "old" });
      const pull = mode === "archive" ? {} : { filter_status: "all" };
      return { ...p, options: flow(p.vendor, p.hrflow, pull, { board_key: board }) };
    },
  });

/** Candidates (with resumes) into a source; archive: candidates deleted in Teamtailor, by id. */
const candidates = (mode) =>
  bench("teamtailor", `${mode}_profiles_in_hrflow`, {
    ...TT,
    async start(n, limit) {
      const p = await start({ candidates: n }, limit);
      const source = p.hrflow.addSource(undefined, { sync_parsing: true });
      const ids = p.vendor.candidates.map((c) => c.id);
      if (mode !== "create")
        for (const id of ids) p.hrflow.addProfile(source, { reference: id, attachments: [] });
      if (mode === "archive") for (const id of ids) p.vendor.deleteCandidate(id, "bench");
      const pull = mode === "archive" ? { candidate_ids: ids } : {};
      return { ...p, options: flow(p.vendor, p.hrflow, pull, { source_key: source }) };
    },
  });

/** HrFlow profiles into Teamtailor, one run per profile: the v2 flows and the older push_profile. */
const push = (action) =>
  bench("teamtailor", action, {
    ...TT,
    direction: "write",
    async start(n, limit) {
      const update = action === "update_profiles_in_teamtailor";
      const p = await start({ candidates: update ? n : 0 }, limit);
      const ids = p.vendor.candidates.map((c) => c.id);
      const { source, keys } = profilesToPush(p.hrflow, n, (i) => (update ? { reference: ids[i] } : {}));
      const runs = keys.map((key) =>
        action === "push_profile"
          ? {
              workflow_id: "bench-teamtailor-push",
              origin_parameters: { ...p.hrflow.auth, source_key: source, profile_key: key },
              target_parameters: { Authorization: p.vendor.apiKey, X_Api_Version: "20240404" },
            }
          : flow(p.vendor, p.hrflow, { source_key: source, profile_key: key }, {}),
      );
      return { ...p, runs };
    },
  });

/** The older pull_job_list onto an empty board (sync off). */
const pullJobList = bench("teamtailor", "pull_job_list", {
  ...TT,
  async start(n, limit) {
    const p = await start({ jobs: n }, limit);
    for (const j of p.vendor.jobs) j.attributes.status = "published";
    const board = p.hrflow.addBoard();
    return {
      ...p,
      options: {
        workflow_id: "bench-teamtailor",
        origin_parameters: { Authorization: p.vendor.apiKey, X_Api_Version: "20240404" },
        target_parameters: { ...p.hrflow.auth, board_key: board, sync: false },
      },
    };
  },
});

/** Every Teamtailor action, in the connector's declared order. */
export const TEAMTAILOR_BENCHES = [
  ...["create", "update", "archive"].map(jobs),
  ...["create", "update", "archive"].map(candidates),
  push("create_profiles_in_teamtailor"),
  push("update_profiles_in_teamtailor"),
  pullJobList,
  push("push_profile"),
];
