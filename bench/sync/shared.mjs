// What every connector's rows of the sync benchmark share: the row itself, the HrFlow fake paired
// with a vendor fake, HrFlow profiles to push, and the shapes every connector repeats (a v2 flow's
// options, jobs onto a board, profiles into a source, one profile out per run). Each connector's
// file (bench/sync/<connector>.mjs) only says what is its own: its fake, its parameters, its seeds.
//
// `read` rows move N items from the vendor into HrFlow in one run; `write` rows read one HrFlow
// profile and write it to the vendor, one run per profile (as a workflow calls them), so N is the
// number of runs, made 4 at a time in one connector process.
import { hrflowProfile } from "@hrflow-connectors/hrflow/testing";

/**
 * One row: `start(n, limit)` starts its fakes (in the fakes process) and returns what the connector
 * process needs. `vendorLimit` is the vendor's published limit (null: it publishes none), which
 * `--limit vendor` sets on the fake and the client; `pace` is the client's own default pace, which
 * `--limit client` sets instead (defaults to the published limit).
 */
export function bench(connector, action, spec) {
  return { connector, action, vendor: connector, ...spec, direction: spec.direction ?? "read" };
}

/**
 * What a row says of its vendor, passed on by every shape below: `vendor` (the key of its limits,
 * default the connector), `vendorLimit`, `pace`, and `outsideWindow`, the routes its fake's rate
 * window does not count (a token server, another host), left out of the share of its ceiling.
 */
const traits = ({ vendor, vendorLimit, pace, outsideWindow }) =>
  Object.fromEntries(
    Object.entries({ vendor, vendorLimit, pace, outsideWindow }).filter(([, v]) => v !== undefined),
  );

let hrflowLimit = null;
/** The request ceiling the HrFlow fakes started from now on enforce (null: none). */
export const enforceHrflowLimit = (limit) => {
  hrflowLimit = limit;
};

let stored = "attached";
/**
 * What the source holds before an update or archive run: `attached` (default) the profiles a prior
 * create left, each with its resume file; `bare` profiles indexed without one, so that every resume
 * that comes is parsed again (the update's costliest path: a parsing per item on top of its read and edit).
 */
export const seedStoredProfiles = (kind) => {
  if (kind !== "attached" && kind !== "bare") throw new Error(`--stored: attached or bare, not ${kind}`);
  stored = kind;
};

/** A stored profile as `--stored` says the source holds it. */
export const storedProfile = (reference, fields = {}) => ({
  reference,
  ...fields,
  attachments:
    stored === "bare"
      ? []
      : [
          {
            type: "original",
            file_name: `${reference}.pdf`,
            public_url: `https://storage.example/${reference}.pdf`,
          },
        ],
});

/** A vendor fake, the HrFlow fake, and the base URLs that point the clients at them. */
export async function pair(vendor, vendorUrls) {
  // Imported here, not at the top: the connector process loads this module's registry too, and
  // must not carry the fake's modules in its peak RSS.
  const { startFakeHrFlow } = await import("@hrflow-connectors/hrflow/testing");
  const hrflow = await startFakeHrFlow({ rateLimit: hrflowLimit });
  return { fakes: [vendor, hrflow], vendor, hrflow, baseUrls: { ...vendorUrls, hrflow: hrflow.baseUrl } };
}

/** `n` realistic HrFlow profiles in a new source (reference `hrflow-<i>`, a unique email): their keys. */
export function profilesToPush(hrflow, n, extra = () => ({})) {
  const source = hrflow.addSource();
  const keys = [];
  for (let i = 0; i < n; i++) {
    const profile = hrflowProfile(i, extra(i));
    keys.push(hrflow.addProfile(source, profile).key);
  }
  return { source, keys };
}

/** A v2 flow's options: the vendor's `connector_auth`, HrFlow's, and both sides' parameters. */
export const flowOptions = (connector, connectorAuth, hrflow, pull, push) => ({
  workflow_id: `bench-${connector}`,
  connector_auth: connectorAuth,
  hrflow_auth: hrflow.auth,
  pull_parameters: pull,
  push_parameters: push,
});

/** An older-style action's options: origin and target parameters. */
export const legacyOptions = (connector, action, origin, target) => ({
  workflow_id: `bench-${connector}-${action}`,
  origin_parameters: origin,
  target_parameters: target,
});

/**
 * A v2 `<mode>_jobs_in_hrflow`: the board is empty for creates (a first sync) and holds every job
 * otherwise (seeded without requests). `start(n, limit)` returns the pair; `prepare(vendor)` makes
 * the vendor's jobs fit the mode (an archive reads closed jobs); `pull(vendor)` the pull parameters.
 */
export const v2Jobs = (connector, mode, o) =>
  bench(connector, `${mode}_jobs_in_hrflow`, {
    ...traits(o),
    async start(n, limit) {
      const p = await o.start(n, limit);
      o.prepare?.(p.vendor, mode);
      const board = p.hrflow.addBoard();
      if (mode !== "create")
        for (const j of o.jobs(p.vendor)) p.hrflow.addJob(board, { reference: o.reference(j), name: "old" });
      const pull = o.pull?.(p.vendor, mode) ?? {};
      return { ...p, options: flowOptions(connector, p.vendor.auth, p.hrflow, pull, { board_key: board }) };
    },
  });

/**
 * A v2 `<mode>_profiles_in_hrflow`: the source is empty for creates and holds every candidate
 * otherwise; `syncParsing` makes it a synchronous-parsing source (resumes parsed in the request).
 */
export const v2Profiles = (connector, mode, o) =>
  bench(connector, `${mode}_profiles_in_hrflow`, {
    ...traits(o),
    async start(n, limit) {
      const p = await o.start(n, limit);
      const source = p.hrflow.addSource(undefined, o.syncParsing ? { sync_parsing: true } : undefined);
      const ids = o.candidates(p.vendor).map(o.reference);
      if (mode !== "create")
        for (const reference of ids)
          p.hrflow.addProfile(source, storedProfile(reference, { info: { full_name: "old" } }));
      o.prepare?.(p.vendor, mode, ids);
      const pull = o.pull?.(p.vendor, mode, ids) ?? {};
      return { ...p, options: flowOptions(connector, p.vendor.auth, p.hrflow, pull, { source_key: source }) };
    },
  });

/**
 * HrFlow profiles to the vendor, one run per profile. `existing(action)` says whether the run
 * names a candidate the vendor holds (updates, archives: `start` then seeds N of them and each
 * profile's reference is one's id); `runOptions(p, source, key)` builds the older actions' options
 * (default: the v2 flow's, `push(vendor)` its push parameters).
 */
export const profilesOut = (connector, action, o) =>
  bench(connector, action, {
    direction: "write",
    ...traits(o),
    async start(n, limit) {
      const existing = o.existing?.(action) ?? false;
      const p = await o.start(n, limit, existing);
      const ids = existing ? o.candidates(p.vendor).map(o.reference) : [];
      const { source, keys } = profilesToPush(p.hrflow, n, (i) => ({
        ...(existing ? { reference: ids[i] } : {}),
        ...o.extra?.(p.vendor, i),
      }));
      const runs = keys.map((key) =>
        o.runOptions
          ? o.runOptions(p, source, key)
          : flowOptions(
              connector,
              p.vendor.auth,
              p.hrflow,
              { source_key: source, profile_key: key },
              o.push?.(p.vendor) ?? {},
            ),
      );
      return { ...p, runs };
    },
  });

/** An older-style `pull_job_list` onto an empty board (a first sync; sync off). */
export const legacyJobs = (connector, o) =>
  bench(connector, o.action ?? "pull_job_list", {
    ...traits(o),
    async start(n, limit) {
      const p = await o.start(n, limit);
      const board = p.hrflow.addBoard();
      const target = { ...p.hrflow.auth, board_key: board, sync: false };
      return { ...p, options: legacyOptions(connector, "pull_job_list", o.origin(p.vendor, n), target) };
    },
  });

/** An older-style profile read into an empty source (or one `seed` fills). */
export const legacyProfiles = (connector, action, o) =>
  bench(connector, action, {
    ...traits(o),
    async start(n, limit) {
      const p = await o.start(n, limit);
      const source = p.hrflow.addSource(undefined, o.syncParsing ? { sync_parsing: true } : undefined);
      o.seed?.(p, source);
      const target = { ...p.hrflow.auth, source_key: source, ...o.target };
      return { ...p, options: legacyOptions(connector, action, o.origin(p.vendor), target) };
    },
  });

/** An older-style `push_profile` (or `push_application`): one HrFlow profile per run to the vendor. */
export const legacyPush = (connector, o) =>
  profilesOut(connector, o.action ?? "push_profile", {
    ...o,
    runOptions: (p, source, key) =>
      legacyOptions(
        connector,
        o.action ?? "push_profile",
        { ...p.hrflow.auth, source_key: source, profile_key: key },
        o.target(p.vendor),
      ),
  });
