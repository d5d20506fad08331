import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeAll } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { type CliProcess, ensureBuilt, startCli } from "../../../cli/test/helpers.js";
import { liveJobs } from "../../src/scenarios/common.js";

/** Workable jobs to copy into a fake HrFlow board with the real CLI (`node dist/bin.js`), as an operator would. */
export interface CliJobsWorld {
  workable: FakeWorkable;
  hrflow: FakeHrFlow;
  board: string;
  /** The run's config file (workflow `ops-jobs`, base URLs of the fakes). */
  config: string;
  /** The CLI's data directory (HRFLOW_CONNECTORS_HOME): state, leases, dead letters. */
  home: string;
  /** Starts `run workable create_jobs_in_hrflow -c <config> ...extra` (`--json` unless `json: false`). */
  start(extra?: string[], options?: { json?: boolean }): CliProcess;
  /** Requests that changed something on HrFlow (job creations and their lookups' writes). */
  writes(): number;
  /** How many times the board holds each Workable job. */
  held(): Map<string, number>;
  /** Jobs held more than once (the copies beyond the first) and jobs missing. */
  tally(): { duplicated: number; missing: number };
  close(): Promise<void>;
}

/** Starts the fakes (`jobs` Workable jobs, no rate limit) and writes the config. */
export async function cliJobsWorld(jobs: number, seed: number): Promise<CliJobsWorld> {
  ensureBuilt(["core", "hrflow", "workable", "cli"]);
  const workable = await startFakeWorkable({ jobs, seed, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  const board = hrflow.addBoard();
  const home = mkdtempSync(join(tmpdir(), "ops-cli-"));
  const config = join(home, "jobs.json");
  writeFileSync(
    config,
    JSON.stringify({
      workflow_id: "ops-jobs",
      connector_auth: workable.auth,
      hrflow_auth: hrflow.auth,
      pull_parameters: {},
      push_parameters: { board_key: board },
      base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
      http: { retries: 2 },
    }),
  );
  const held = () => liveJobs(hrflow, board);
  return {
    workable,
    hrflow,
    board,
    config,
    home,
    start: (extra = [], { json = true } = {}) =>
      startCli(
        ["run", "workable", "create_jobs_in_hrflow", "-c", config, ...(json ? ["--json"] : []), ...extra],
        {
          cwd: home,
          env: { HRFLOW_CONNECTORS_HOME: home, HRFLOW_CONNECTORS_LOG_LEVEL: "warn" },
        },
      ),
    writes: () => hrflow.requests.writes,
    held,
    tally: () => {
      const counts = held();
      let duplicated = 0;
      for (const n of counts.values()) duplicated += Math.max(0, n - 1);
      const missing = workable.jobs.filter((j) => !counts.has(j.shortcode)).length;
      return { duplicated, missing };
    },
    close: async () => {
      await closeAll(workable, hrflow);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Polls until `ready()` holds (every 20 ms); fails with `what` when the process ends first. */
export async function until(ready: () => boolean, cli: CliProcess, what: string): Promise<void> {
  let ended = false;
  void cli.exited.then(() => {
    ended = true;
  });
  while (!ready()) {
    if (ended) throw new Error(`the CLI ended before ${what}:\n${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
