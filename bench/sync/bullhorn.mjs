// Bullhorn's rows of the sync benchmark: the v2 flows (job orders and candidates into HrFlow) and
// the older actions. Listed in connectors.mjs's BENCHES.
import {
  bench,
  legacyJobs,
  legacyOptions,
  legacyProfiles,
  legacyPush,
  pair,
  v2Jobs,
  v2Profiles,
} from "./shared.mjs";

const fake = async (o) => (await import("@hrflow-connectors/bullhorn/testing")).startFakeBullhorn(o);
/** Bullhorn publishes no request rate (only "on 429 wait a second"); the client's pace is 20 per second. */
// The login hosts (loginInfo, OAuth, login) are outside the REST API's window.
const BH = {
  vendorLimit: null,
  pace: { requests: 20, perMs: 1_000 },
  outsideWindow: /^\/(oauth|login|loginInfo)\b|^redirect /,
};
/** Every generated row was added and last changed after this date. */
const SINCE = "2024-01-01T00:00:00Z";
const start = async (options, limit) => {
  const v = await fake({ ...options, rateLimit: limit });
  return pair(v, { bullhorn: v.baseUrl });
};
/**
 * Rows fit for the mode: updates read rows changed since they were added (never-changed ones are
 * left out), archives deleted ones. Set in place: the fake's `change` looks each row up.
 */
function changed(rows, mode) {
  if (mode === "update") for (const r of rows) r.dateLastModified = r.dateAdded + 1000;
  if (mode === "archive") for (const r of rows) r.isDeleted = true;
}
/** The older reads' origin: credentials, a date, a query and a page size (all required). */
const legacyRead = (v, fields) => ({
  ...v.auth,
  last_modified_date: SINCE,
  fields,
  query: "isDeleted:0",
  count: 200,
});

/** Every Bullhorn action, in the connector's declared order. */
export const BULLHORN_BENCHES = [
  // Job orders into a board; the archive flow reads closed or deleted ones (fields=id).
  ...["create", "update", "archive"].map((mode) =>
    v2Jobs("bullhorn", mode, {
      ...BH,
      start: (n, limit) => start({ jobs: n }, limit),
      prepare: (v) => changed(v.jobs, mode),
      jobs: (v) => v.jobs,
      reference: (j) => String(j.id),
      pull: () => (mode === "create" ? { created_date: SINCE } : { last_modified_date: SINCE }),
    }),
  ),
  // Candidates (rows and resume each) into a synchronous-parsing source; archive: deleted ones.
  ...["create", "update", "archive"].map((mode) =>
    v2Profiles("bullhorn", mode, {
      ...BH,
      syncParsing: true,
      start: (n, limit) => start({ candidates: n }, limit),
      candidates: (v) => v.candidates,
      reference: (c) => String(c.id),
      prepare: (v) => changed(v.candidates, mode),
      pull: () =>
        mode === "create"
          ? { created_date: SINCE, parse_resume: true }
          : mode === "update"
            ? { last_modified_date: SINCE, parse_resume: true }
            : { last_modified_date: SINCE },
    }),
  ),
  legacyPush("bullhorn", { ...BH, start: (_n, limit) => start({}, limit), target: (v) => v.auth }),
  legacyJobs("bullhorn", {
    ...BH,
    async start(n, limit) {
      const p = await start({ jobs: n }, limit);
      p.vendor.jobFields = (await import("@hrflow-connectors/bullhorn")).DEFAULT_JOB_FIELDS;
      return p;
    },
    origin: (v) => legacyRead(v, v.jobFields),
  }),
  // Each candidate's newest resume sent to parsing.
  bench("bullhorn", "pull_resume_attachment_list", {
    ...BH,
    async start(n, limit) {
      const p = await start({ candidates: n }, limit);
      const source = p.hrflow.addSource(undefined, { sync_parsing: true });
      const target = { ...p.hrflow.auth, source_key: source };
      return { ...p, options: legacyOptions("bullhorn", "resumes", legacyRead(p.vendor, "id"), target) };
    },
  }),
  legacyProfiles("bullhorn", "pull_profile_list", {
    ...BH,
    start: (n, limit) => start({ candidates: n }, limit),
    origin: (v) => v.auth,
    target: { edit: false, only_edit_fields: null },
  }),
  // The candidate created, then submitted to the job order.
  legacyPush("bullhorn", {
    ...BH,
    action: "push_application",
    start: (_n, limit) => start({ jobs: 1 }, limit),
    target: (v) => ({
      ...v.auth,
      job_id: String(v.jobs[0].id),
      status_when_created: "New Lead",
      source: "HrFlow",
    }),
  }),
];
