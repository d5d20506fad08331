// What the sync benchmark runs per connector: its fakes (started in the fakes process) and its main
// read-and-write action (run in the connector process). Everything crossing between the two
// processes is plain JSON: URLs, credentials and action options.
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";

/** A board whose jobs already carry the references a run will update (seeded without requests). */
function seedBoard(hrflow, references) {
  const board = hrflow.addBoard();
  for (const reference of references) hrflow.addJob(board, { reference, name: reference });
  return board;
}

/**
 * A connector's older-style `pull_job_list` onto an empty HrFlow board: its fake (`fake`), the base
 * URLs the client must be pointed at (none when the fake's URL comes in the origin parameters), and
 * the origin parameters.
 */
function jobsToBoard({ vendor: name, vendorLimit, fake, baseUrls = () => ({}), origin }) {
  return {
    vendor: name,
    action: "pull_job_list",
    vendorLimit,
    async start(n, limit) {
      const vendor = await fake(n, limit);
      const hrflow = await startFakeHrFlow();
      const board = hrflow.addBoard();
      return {
        fakes: [vendor, hrflow],
        hrflow,
        vendor,
        baseUrls: { ...baseUrls(vendor), hrflow: hrflow.baseUrl },
        options: {
          workflow_id: `bench-${name}`,
          origin_parameters: origin(vendor, n),
          target_parameters: { ...hrflow.auth, board_key: board },
        },
      };
    },
  };
}

export const CONNECTORS = {
  workable: {
    vendor: "workable",
    action: "update_jobs_in_hrflow",
    // Workable's account-token window when `--limit vendor` is asked.
    vendorLimit: { requests: 10, perMs: 10_000 },
    async start(n, limit) {
      const { startFakeWorkable } = await import("@hrflow-connectors/workable/testing");
      const vendor = await startFakeWorkable({ jobs: n, rateLimit: limit });
      const hrflow = await startFakeHrFlow();
      const board = seedBoard(
        hrflow,
        vendor.jobs.map((j) => j.shortcode),
      );
      return {
        fakes: [vendor, hrflow],
        hrflow,
        vendor,
        baseUrls: { workable: vendor.baseUrl, hrflow: hrflow.baseUrl },
        options: {
          workflow_id: "bench-workable",
          connector_auth: vendor.auth,
          hrflow_auth: hrflow.auth,
          pull_parameters: {},
          push_parameters: { board_key: board },
        },
      };
    },
  },
  // The older-style job pulls: the vendor's jobs onto an empty board.
  lever: jobsToBoard({
    vendor: "lever",
    vendorLimit: { requests: 10, perMs: 1000 },
    async fake(n, limit) {
      const { startFakeLever } = await import("@hrflow-connectors/lever/testing");
      return startFakeLever({
        postings: n,
        rateLimit: limit ? { perSecond: (limit.requests * 1000) / limit.perMs, burst: limit.requests } : null,
      });
    },
    baseUrls: (vendor) => vendor.baseUrls,
    origin: (vendor) => vendor.credentials(),
  }),
  digitalrecruiters: jobsToBoard({
    vendor: "digitalrecruiters",
    vendorLimit: null,
    async fake(n) {
      const { startFakeDigitalRecruiters } = await import("@hrflow-connectors/digitalrecruiters/testing");
      return startFakeDigitalRecruiters({ jobAds: n });
    },
    origin: (vendor) => vendor.jobsParameters,
  }),
  talentsoft: jobsToBoard({
    vendor: "talentsoft",
    vendorLimit: null,
    async fake(n) {
      const { startFakeTalentSoft } = await import("@hrflow-connectors/talentsoft/testing");
      return startFakeTalentSoft({ vacancies: n });
    },
    origin: (vendor, n) => ({ ...vendor.backOffice, max_read: n }),
  }),
};

/** The package that exports a connector, and the name of its connector object. */
export const PACKAGES = {
  workable: ["@hrflow-connectors/workable", "Workable"],
  lever: ["@hrflow-connectors/lever", "Lever"],
  digitalrecruiters: ["@hrflow-connectors/digitalrecruiters", "DigitalRecruiters"],
  talentsoft: ["@hrflow-connectors/talentsoft", "TalentSoft"],
};
