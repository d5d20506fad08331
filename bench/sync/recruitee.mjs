// Recruitee's rows of the sync benchmark: the v2 flows (candidates and offers into HrFlow,
// profiles created, updated and deleted in Recruitee) and the older actions. Listed in
// connectors.mjs's BENCHES.
import { bench, pair, profilesToPush } from "./connectors.mjs";

const fake = async (o) => (await import("@hrflow-connectors/recruitee/testing")).startFakeRecruitee(o);
/** The pace the connector keeps (Recruitee publishes no limit). */
const RC = { vendor: "recruitee", vendorLimit: { requests: 10, perMs: 1_000 } };

const auth = (r) => r.auth;
const flow = (r, h, pull, push) => ({
  workflow_id: "bench-recruitee",
  connector_auth: auth(r),
  hrflow_auth: h.auth,
  pull_parameters: pull,
  push_parameters: push,
});
const legacyAuth = (r) => ({ ...r.auth, recruitee_endpoint: "PRODUCTION ENDPOINT" });

async function start(options, limit) {
  const p = await pair(await fake({ ...options, rateLimit: limit }), {});
  p.baseUrls.recruitee = p.vendor.baseUrl;
  return p;
}

/** Candidates (detail and resume each) into a source; archive: candidates deleted in Recruitee, by id. */
const candidates = (mode) =>
  bench("recruitee", `${mode}_profiles_in_hrflow`, {
    ...RC,
    async start(n, limit) {
      const p = await start({ candidates: n }, limit);
      const source = p.hrflow.addSource(undefined, { sync_parsing: true });
      const ids = p.vendor.candidates.map((c) => String(c.id));
      if (mode !== "create")
        for (const id of ids) p.hrflow.addProfile(source, { reference: id, attachments: [] });
      if (mode === "archive") for (const id of ids) p.vendor.removeCandidate(id);
      const pull = mode === "archive" ? { candidate_ids: ids } : {};
      return { ...p, options: flow(p.vendor, p.hrflow, pull, { source_key: source }) };
    },
  });

/** HrFlow profiles into Recruitee, one run per profile. */
const push = (action) =>
  bench("recruitee", action, {
    ...RC,
    direction: "write",
    async start(n, limit) {
      const existing = action !== "create_profiles_in_recruitee" && action !== "push_profile";
      const p = await start({ candidates: existing ? n : 0 }, limit);
      const ids = p.vendor.candidates.map((c) => String(c.id));
      const { source, keys } = profilesToPush(p.hrflow, n, (i) => (existing ? { reference: ids[i] } : {}));
      const runs = keys.map((key) =>
        action === "push_profile"
          ? {
              workflow_id: "bench-recruitee-push",
              origin_parameters: { ...p.hrflow.auth, source_key: source, profile_key: key },
              target_parameters: { ...legacyAuth(p.vendor), offer_ids: null },
            }
          : flow(p.vendor, p.hrflow, { source_key: source, profile_key: key }, {}),
      );
      return { ...p, runs };
    },
  });

/** Offers (each read in full) into a board; archive: every offer archived first. */
const offers = (mode) =>
  bench("recruitee", `${mode}_jobs_in_hrflow`, {
    ...RC,
    async start(n, limit) {
      const p = await start({ jobs: n }, limit);
      for (const o of p.vendor.offers) {
        o.kind = "job";
        o.status = mode === "archive" ? "archived" : "published";
      }
      const board = p.hrflow.addBoard();
      if (mode !== "create")
        for (const o of p.vendor.offers) p.hrflow.addJob(board, { reference: String(o.id), name: "old" });
      return { ...p, options: flow(p.vendor, p.hrflow, {}, { board_key: board }) };
    },
  });

/** The older pulls: offers onto a board (sync off), candidates into a source. */
const legacyPull = (action) =>
  bench("recruitee", action, {
    ...RC,
    async start(n, limit) {
      const jobs = action === "pull_job_list";
      const p = await start(jobs ? { jobs: n } : { candidates: n }, limit);
      if (jobs) for (const o of p.vendor.offers) o.kind = "job";
      const target = jobs
        ? { ...p.hrflow.auth, board_key: p.hrflow.addBoard(), sync: false }
        : {
            ...p.hrflow.auth,
            source_key: p.hrflow.addSource(undefined, { sync_parsing: true }),
            only_edit_fields: null,
          };
      return {
        ...p,
        options: {
          workflow_id: `bench-recruitee-${action}`,
          origin_parameters: legacyAuth(p.vendor),
          target_parameters: target,
        },
      };
    },
  });

/** Every Recruitee action, in the connector's declared order. */
export const RECRUITEE_BENCHES = [
  ...["create", "update", "archive"].map(candidates),
  push("create_profiles_in_recruitee"),
  push("update_profiles_in_recruitee"),
  push("archive_profiles_in_recruitee"),
  ...["create", "update", "archive"].map(offers),
  push("push_profile"),
  legacyPull("pull_job_list"),
  legacyPull("pull_profile_list"),
];
