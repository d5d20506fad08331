// What the sync benchmark runs: every action of every connector, each with its fakes (started in
// the fakes process) and its options (run in the connector process). Everything crossing between
// the two processes is plain JSON: URLs, credentials and action options.
//
// `read` actions move N items from the vendor into HrFlow in one run; `write` actions read one
// HrFlow profile and write it to the vendor, one run per profile (as a workflow calls them), so N
// is the number of runs, made 4 at a time in one connector process.
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { BULLHORN_BENCHES } from "./bullhorn.mjs";
import { RECRUITEE_BENCHES } from "./recruitee.mjs";
import { smartRecruitersBenches } from "./smartrecruiters.mjs";
import { TEAMTAILOR_BENCHES } from "./teamtailor.mjs";

const workableFake = async (o) => (await import("@hrflow-connectors/workable/testing")).startFakeWorkable(o);
const leverFake = async (o) => (await import("@hrflow-connectors/lever/testing")).startFakeLever(o);
const drFake = async (o) =>
  (await import("@hrflow-connectors/digitalrecruiters/testing")).startFakeDigitalRecruiters(o);
const tsTesting = () => import("@hrflow-connectors/talentsoft/testing");
const tsFake = async (o) => (await tsTesting()).startFakeTalentSoft(o);
const ghFake = async (o) => (await import("@hrflow-connectors/greenhouse/testing")).startFakeGreenhouse(o);

/** Lever's token bucket from a window limit: the window's rate, its size as the burst. */
const leverBucket = (limit) =>
  limit ? { perSecond: (limit.requests * 1000) / limit.perMs, burst: limit.requests } : null;

/** `n` realistic HrFlow profiles in a new source (reference `hrflow-<i>`, a unique email): their keys. */
export function profilesToPush(hrflow, n, extra = () => ({})) {
  const source = hrflow.addSource();
  const keys = [];
  for (let i = 0; i < n; i++) {
    const profile = {
      reference: `hrflow-${i}`,
      created_at: "2024-05-02T10:00:00+0000",
      info: {
        full_name: `Ada${i} Lovelace${i}`,
        first_name: `Ada${i}`,
        last_name: `Lovelace${i}`,
        email: `ada.${i}@example.com`,
        phone: `+33 6 00 00 ${String(i).padStart(4, "0")}`,
        location: { text: "Paris, France", lat: null, lng: null },
        urls: [],
        summary: `Engineer number ${i}`,
        gender: i % 2 ? "female" : "male",
      },
      experiences: [{ company: "Analytical Engines", title: "Engineer", description: "Built things" }],
      educations: [{ school: "University of London", title: "MSc" }],
      skills: [{ name: "Mathematics", type: "hard", value: null }],
      tags: [],
      attachments: [],
      ...extra(i),
    };
    keys.push(hrflow.addProfile(source, profile).key);
  }
  return { source, keys };
}

/** One action: `start(n, limit)` starts its fakes and returns what the connector process needs. */
export function bench(connector, action, spec) {
  return { connector, action, direction: spec.direction ?? "read", ...spec };
}

let hrflowLimit = null;
/** The request ceiling the HrFlow fakes started from now on enforce (null: none). */
export const enforceHrflowLimit = (limit) => {
  hrflowLimit = limit;
};

/** A vendor fake, the HrFlow fake, and the base URLs that point the clients at them. */
export async function pair(vendor, vendorUrls) {
  const hrflow = await startFakeHrFlow({ rateLimit: hrflowLimit });
  return { fakes: [vendor, hrflow], vendor, hrflow, baseUrls: { ...vendorUrls, hrflow: hrflow.baseUrl } };
}

// ---- Workable: the v2 flows (jobs and candidates into HrFlow, profiles out) and the older actions.

const WORKABLE_LIMIT = { requests: 10, perMs: 10_000 };
const workableFlow = (w, h, pull, push) => ({
  workflow_id: "bench-workable",
  connector_auth: w.auth,
  hrflow_auth: h.auth,
  pull_parameters: pull,
  push_parameters: push,
});

/** Workable jobs into a board: empty for creates (a first sync), holding every job otherwise. */
const workableJobs = (mode) =>
  bench("workable", `${mode}_jobs_in_hrflow`, {
    vendor: "workable",
    vendorLimit: WORKABLE_LIMIT,
    async start(n, limit) {
      const p = await pair(await workableFake({ jobs: n, rateLimit: limit }), {});
      p.baseUrls.workable = p.vendor.baseUrl;
      const board = p.hrflow.addBoard();
      if (mode !== "create")
        for (const j of p.vendor.jobs) p.hrflow.addJob(board, { reference: j.shortcode, name: "old" });
      return { ...p, options: workableFlow(p.vendor, p.hrflow, {}, { board_key: board }) };
    },
  });

/** Workable candidates (detail and resume each) into a source: empty for creates, holding them otherwise. */
const workableCandidates = (mode) =>
  bench("workable", `${mode}_profiles_in_hrflow`, {
    vendor: "workable",
    vendorLimit: WORKABLE_LIMIT,
    async start(n, limit) {
      const p = await pair(await workableFake({ jobs: 3, candidates: n, rateLimit: limit }), {});
      p.baseUrls.workable = p.vendor.baseUrl;
      const source = p.hrflow.addSource(undefined, { sync_parsing: true });
      if (mode !== "create")
        for (const c of p.vendor.candidates)
          p.hrflow.addProfile(source, { reference: c.id, info: { full_name: "old" }, attachments: [] });
      return { ...p, options: workableFlow(p.vendor, p.hrflow, {}, { source_key: source }) };
    },
  });

/** HrFlow profiles into Workable, one run per profile: the v2 flows and the older push_profile. */
const workablePush = (action) =>
  bench("workable", action, {
    direction: "write",
    vendor: "workable",
    vendorLimit: WORKABLE_LIMIT,
    async start(n, limit) {
      const update = action === "update_profiles_in_workable";
      const p = await pair(await workableFake({ jobs: 1, candidates: update ? n : 0, rateLimit: limit }), {});
      p.baseUrls.workable = p.vendor.baseUrl;
      const ids = p.vendor.candidates.map((c) => c.id);
      const { source, keys } = profilesToPush(p.hrflow, n, (i) => (update ? { reference: ids[i] } : {}));
      const shortcode = p.vendor.jobs[0].shortcode;
      const runs = keys.map((key) =>
        action === "push_profile"
          ? {
              workflow_id: "bench-workable-push",
              origin_parameters: { ...p.hrflow.auth, source_key: source, profile_key: key },
              target_parameters: { auth: p.vendor.token, subdomain: p.vendor.subdomain, shortcode },
            }
          : workableFlow(
              p.vendor,
              p.hrflow,
              { source_key: source, profile_key: key },
              update ? {} : { job_shortcode: shortcode },
            ),
      );
      return { ...p, runs };
    },
  });

// ---- The older-style connectors: jobs onto a board, profiles into a source, one profile pushed per run.

/** A connector's `pull_job_list` onto an empty board (a first sync; sync off). */
const jobsToBoard = (connector, { vendor, vendorLimit, fake, urls = () => ({}), origin }) =>
  bench(connector, "pull_job_list", {
    vendor,
    vendorLimit,
    async start(n, limit) {
      const v = await fake(n, limit);
      const p = await pair(v, urls(v));
      const board = p.hrflow.addBoard();
      return {
        ...p,
        options: {
          workflow_id: `bench-${connector}`,
          origin_parameters: origin(v, n),
          target_parameters: { ...p.hrflow.auth, board_key: board, sync: false },
        },
      };
    },
  });

/** A connector's profile read into an empty source (or one `seed` fills). */
const profilesToSource = (
  connector,
  action,
  { vendor, vendorLimit, fake, urls = () => ({}), origin, target = {}, seed = () => {} },
) =>
  bench(connector, action, {
    vendor,
    vendorLimit,
    async start(n, limit) {
      const v = await fake(n, limit);
      const p = await pair(v, urls(v));
      const source = p.hrflow.addSource();
      seed(p, source);
      return {
        ...p,
        options: {
          workflow_id: `bench-${connector}-${action}`,
          origin_parameters: origin(v),
          target_parameters: { ...p.hrflow.auth, source_key: source, ...target },
        },
      };
    },
  });

/** A connector's `push_profile`: one HrFlow profile per run to the vendor. */
export function pushProfile(connector, { vendor, vendorLimit, fake, urls = () => ({}), target, extra }) {
  return bench(connector, "push_profile", {
    direction: "write",
    vendor,
    vendorLimit,
    async start(n, limit) {
      const v = await fake(limit);
      const p = await pair(v, urls(v));
      const more = extra ? await extra() : null;
      const { source, keys } = profilesToPush(p.hrflow, n, more ? (i) => more(v, i) : undefined);
      const runs = keys.map((key) => ({
        workflow_id: `bench-${connector}-push`,
        origin_parameters: { ...p.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: target(v),
      }));
      return { ...p, runs };
    },
  });
}

const LEVER = { vendor: "lever", vendorLimit: { requests: 10, perMs: 1000 }, urls: (v) => v.baseUrls };
const DR = { vendor: "digitalrecruiters", vendorLimit: null };
const TS = { vendor: "talentsoft", vendorLimit: null };
const GH = { vendor: "greenhouse", vendorLimit: { requests: 50, perMs: 10_000 }, urls: (v) => v.baseUrls };
const ghFlow = (v, h, pull, push) => ({
  workflow_id: "bench-greenhouse",
  connector_auth: v.auth,
  hrflow_auth: h.auth,
  pull_parameters: pull,
  push_parameters: push,
});
/** A Greenhouse v2 flow: candidates (joined 50 per call) or jobs into HrFlow, or one profile out per run. */
const greenhouse = (action, entity) =>
  bench("greenhouse", action, {
    ...GH,
    direction: entity === "out" ? "write" : "read",
    async start(n, limit) {
      const v = await ghFake({
        jobs: entity === "job" ? n : 2,
        candidates: entity === "profile" ? n : 0,
        rateLimit: limit,
      });
      const p = await pair(v, v.baseUrls);
      if (entity === "job")
        return { ...p, options: ghFlow(v, p.hrflow, {}, { board_key: p.hrflow.addBoard() }) };
      if (entity === "profile")
        return { ...p, options: ghFlow(v, p.hrflow, {}, { source_key: p.hrflow.addSource() }) };
      const { source, keys } = profilesToPush(p.hrflow, n);
      return {
        ...p,
        runs: keys.map((key) => ghFlow(v, p.hrflow, { source_key: source, profile_key: key }, {})),
      };
    },
  });

export const BENCHES = [
  workableJobs("create"),
  workableJobs("update"),
  workableJobs("archive"),
  workableCandidates("create"),
  workableCandidates("update"),
  workableCandidates("archive"),
  bench("workable", "pull_job_list", {
    vendor: "workable",
    vendorLimit: WORKABLE_LIMIT,
    async start(n, limit) {
      const p = await pair(await workableFake({ jobs: n, rateLimit: limit }), {});
      p.baseUrls.workable = p.vendor.baseUrl;
      const board = p.hrflow.addBoard();
      return {
        ...p,
        options: {
          workflow_id: "bench-workable-legacy",
          origin_parameters: { auth: p.vendor.token, subdomain: p.vendor.subdomain },
          target_parameters: { ...p.hrflow.auth, board_key: board, sync: false },
        },
      };
    },
  }),
  workablePush("create_profiles_in_workable"),
  workablePush("update_profiles_in_workable"),
  workablePush("push_profile"),
  jobsToBoard("lever", {
    ...LEVER,
    fake: (n, limit) => leverFake({ postings: n, rateLimit: leverBucket(limit) }),
    origin: (v) => v.credentials(),
  }),
  profilesToSource("lever", "pull_profile_list", {
    ...LEVER,
    fake: (n, limit) => leverFake({ opportunities: n, rateLimit: leverBucket(limit) }),
    origin: (v) => ({ ...v.credentials(), limit: 100 }),
    target: { only_edit_fields: null },
  }),
  // Each run exchanges its own single-use authorization code, as the original's push did.
  bench("lever", "push_profile", {
    direction: "write",
    ...LEVER,
    async start(n, limit) {
      const v = await leverFake({ rateLimit: leverBucket(limit) });
      const p = await pair(v, v.baseUrls);
      const { source, keys } = profilesToPush(p.hrflow, n);
      const runs = keys.map((key) => ({
        workflow_id: "bench-lever-push",
        origin_parameters: { ...p.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { ...v.credentials(), perform_as: "u-recruiter" },
      }));
      return { ...p, runs };
    },
  }),
  jobsToBoard("digitalrecruiters", {
    ...DR,
    fake: (n) => drFake({ jobAds: n }),
    origin: (v) => v.jobsParameters,
  }),
  profilesToSource("digitalrecruiters", "pull_profile_list", {
    ...DR,
    fake: (n) => drFake({ jobAds: 2, applications: n }),
    origin: (v) => ({ ...v.profilesParameters, limit: 50 }),
  }),
  pushProfile("digitalrecruiters", {
    ...DR,
    fake: () => drFake({ jobAds: 1 }),
    target: (v) => ({
      token: v.token,
      environment_url: v.baseUrl,
      job_reference: String(v.jobAds[0].reference),
    }),
  }),
  jobsToBoard("talentsoft", {
    ...TS,
    fake: (n) => tsFake({ vacancies: n }),
    origin: (v, n) => ({ ...v.backOffice, max_read: n }),
  }),
  ...["pull_profile_list", "applicant_new", "applicant_resume_update", "applicant_update"].map((action) =>
    profilesToSource("talentsoft", action, {
      ...TS,
      fake: (n) => tsFake({ candidates: n }),
      origin: (v) => v.backOffice,
      // applicant_update edits the tags of profiles the source already holds.
      seed: (p, source) => {
        if (action !== "applicant_update") return;
        for (const c of p.vendor.candidates)
          p.hrflow.addProfile(source, {
            reference: String(c.detail.candidateDetail.id),
            tags: [],
            attachments: [],
          });
      },
    }),
  ),
  pushProfile("talentsoft", {
    ...TS,
    fake: () => tsFake({}),
    target: (v) => ({ ...v.frontOffice, job_reference: "2024-0007" }),
    // Each profile with a resume on the fake's storage, which the push downloads and sends.
    extra: async () => {
      const { fakePdf } = await tsTesting();
      return (v, i) => ({
        attachments: [
          {
            type: "resume",
            public_url: v.addFile(`cv-${i}.pdf`, fakePdf(`Ada ${i}`)),
            original_file_name: `cv-${i}.pdf`,
          },
        ],
      });
    },
  }),
  greenhouse("create_jobs_in_hrflow", "job"),
  greenhouse("create_profiles_in_hrflow", "profile"),
  greenhouse("create_profiles_in_greenhouse", "out"),
  jobsToBoard("greenhouse", {
    ...GH,
    // Every job open: each is a published post of the board.
    fake: async (n, limit) => {
      const v = await ghFake({ jobs: n, rateLimit: limit });
      for (const j of v.jobs) j.status = "open";
      return v;
    },
    origin: (v) => ({ board_token: v.boardToken }),
  }),
  ...BULLHORN_BENCHES,
  ...TEAMTAILOR_BENCHES,
  ...RECRUITEE_BENCHES,
  ...smartRecruitersBenches({ bench, pair, profilesToPush }),
];

/** The package that exports a connector, and the name of its connector object. */
export const PACKAGES = {
  workable: ["@hrflow-connectors/workable", "Workable"],
  lever: ["@hrflow-connectors/lever", "Lever"],
  digitalrecruiters: ["@hrflow-connectors/digitalrecruiters", "DigitalRecruiters"],
  talentsoft: ["@hrflow-connectors/talentsoft", "TalentSoft"],
  greenhouse: ["@hrflow-connectors/greenhouse", "Greenhouse"],
  teamtailor: ["@hrflow-connectors/teamtailor", "Teamtailor"],
  recruitee: ["@hrflow-connectors/recruitee", "Recruitee"],
  bullhorn: ["@hrflow-connectors/bullhorn", "Bullhorn"],
  smartrecruiters: ["@hrflow-connectors/smartrecruiters", "SmartRecruiters"],
};
