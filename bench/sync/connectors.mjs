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
  lever: {
    vendor: "lever",
    action: "pull_job_list",
    vendorLimit: { requests: 10, perMs: 1000 },
    async start(n, limit) {
      const { startFakeLever } = await import("@hrflow-connectors/lever/testing");
      const vendor = await startFakeLever({
        postings: n,
        rateLimit: limit ? { perSecond: (limit.requests * 1000) / limit.perMs, burst: limit.requests } : null,
      });
      const hrflow = await startFakeHrFlow();
      const board = hrflow.addBoard();
      return {
        fakes: [vendor, hrflow],
        hrflow,
        vendor,
        baseUrls: { ...vendor.baseUrls, hrflow: hrflow.baseUrl },
        options: {
          workflow_id: "bench-lever",
          origin_parameters: vendor.credentials(),
          target_parameters: { ...hrflow.auth, board_key: board },
        },
      };
    },
  },
  digitalrecruiters: {
    vendor: "digitalrecruiters",
    action: "pull_job_list",
    vendorLimit: null,
    async start(n) {
      const { startFakeDigitalRecruiters } = await import("@hrflow-connectors/digitalrecruiters/testing");
      const vendor = await startFakeDigitalRecruiters({ jobAds: n });
      const hrflow = await startFakeHrFlow();
      const board = hrflow.addBoard();
      return {
        fakes: [vendor, hrflow],
        hrflow,
        vendor,
        baseUrls: { hrflow: hrflow.baseUrl },
        options: {
          workflow_id: "bench-dr",
          origin_parameters: vendor.jobsParameters,
          target_parameters: { ...hrflow.auth, board_key: board },
        },
      };
    },
  },
  talentsoft: {
    vendor: "talentsoft",
    action: "pull_job_list",
    vendorLimit: null,
    async start(n) {
      const { startFakeTalentSoft } = await import("@hrflow-connectors/talentsoft/testing");
      const vendor = await startFakeTalentSoft({ vacancies: n });
      const hrflow = await startFakeHrFlow();
      const board = hrflow.addBoard();
      return {
        fakes: [vendor, hrflow],
        hrflow,
        vendor,
        baseUrls: { hrflow: hrflow.baseUrl },
        options: {
          workflow_id: "bench-ts",
          origin_parameters: { ...vendor.backOffice, max_read: n },
          target_parameters: { ...hrflow.auth, board_key: board },
        },
      };
    },
  },
};

/** The package that exports a connector, and the name of its connector object. */
export const PACKAGES = {
  workable: ["@hrflow-connectors/workable", "Workable"],
  lever: ["@hrflow-connectors/lever", "Lever"],
  digitalrecruiters: ["@hrflow-connectors/digitalrecruiters", "DigitalRecruiters"],
  talentsoft: ["@hrflow-connectors/talentsoft", "TalentSoft"],
};
