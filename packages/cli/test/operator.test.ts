import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closest, editDistance } from "../src/suggest.js";
import { BUILD_TIMEOUT, ensureBuilt, runCli } from "./helpers.js";

// The operator's side of `run`: typos answered with the near name, trial runs, and a run that stops
// at a first batch the target refuses whole.
let dir: string;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
const ref = (name: string) => `\${${name}}`;
const cli = (args: string[]) =>
  runCli(args, { cwd: dir, env: { WORKABLE_TOKEN: workable.token, HRFLOW_SECRET: hrflow.apiKey } });

function config(name: string, board: string): string {
  const file = join(dir, `${name}.json`);
  const config = {
    workflow_id: name,
    connector_auth: { api_access_token: ref("WORKABLE_TOKEN"), subdomain: workable.subdomain },
    hrflow_auth: { api_secret: ref("HRFLOW_SECRET"), api_user: hrflow.userEmail },
    pull_parameters: {},
    push_parameters: { board_key: board },
    base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
    http: { retries: 0, rate_limits: { workable: { requests: 1000, per_ms: 1000 } } },
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "hrflow-cli-operator-"));
  workable = await startFakeWorkable({ jobs: 12, rateLimit: null });
  hrflow = await startFakeHrFlow();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await workable?.close();
  await hrflow?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("did you mean", () => {
  it("measures edits and keeps only near names", () => {
    expect(editDistance("dryrun", "dry-run")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("rnu", "run")).toBe(1);
    expect(closest("--dryrun", ["--dry-run", "--config"])).toBe("--dry-run");
    expect(closest("workabel", ["workable", "lever"])).toBe("workable");
    expect(closest("zzzzzz", ["workable", "lever"])).toBeUndefined();
  });

  it("answers a misspelled flag, action, connector and command with the near name, exit 2", async () => {
    const file = config("typos", hrflow.addBoard());
    const flag = await cli(["run", "workable", "create_jobs_in_hrflow", "-c", file, "--dryrun"]);
    expect([flag.code, flag.stderr.trim()]).toEqual([
      2,
      "Unknown option '--dryrun'. Did you mean '--dry-run'?",
    ]);
    const action = await cli(["run", "workable", "create_jobs_in_hrflw", "-c", file]);
    expect(action.code).toBe(2);
    expect(action.stderr).toContain(
      "Workable has no action 'create_jobs_in_hrflw'. Did you mean 'create_jobs_in_hrflow'?",
    );
    const connector = await cli(["run", "workabel", "create_jobs_in_hrflow", "-c", file]);
    expect(connector.code).toBe(2);
    expect(connector.stderr).toContain("No installed connector matches 'workabel'. Did you mean 'workable'?");
    const command = await cli(["rnu"]);
    expect([command.code, command.stderr.split("\n")[0]]).toEqual([
      2,
      "Unknown command 'rnu'. Did you mean 'run'?",
    ]);
  });
});

describe("run", () => {
  it("--limit stops reading after n items", async () => {
    const board = hrflow.addBoard();
    const res = await cli([
      "run",
      "workable",
      "create_jobs_in_hrflow",
      "-c",
      config("limit", board),
      "--limit",
      "3",
      "--json",
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      status: "success",
      written: 3,
      events: { read_success: 3 },
    });
    expect(hrflow.jobs(board)).toHaveLength(3);
  });

  it("stops after the first batch when the target refuses all of it with one error", async () => {
    const file = config("no-board", "no-such-board");
    const res = await cli([
      "run",
      "workable",
      "create_jobs_in_hrflow",
      "-c",
      file,
      "--batch-size",
      "2",
      "--concurrency",
      "1",
      "--json",
    ]);
    expect(res.code).toBe(2);
    const result = JSON.parse(res.stdout);
    expect([result.status, result.reason]).toEqual(["fatal", "write_failure"]);
    expect(result.message).toMatch(
      /^Stopped after the first batch: the target refused every item of it with the same error: /,
    );
    expect(result.events.read_success).toBeLessThan(12);
  });
});
