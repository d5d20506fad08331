import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, runCli } from "./helpers.js";

// End to end: a state file of the wrong shape stops `run` with the way out, which `state` takes.
let dir: string;
let stateDir: string;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
const ref = (name: string) => `\${${name}}`;
const cli = (args: string[]) =>
  runCli(args, {
    cwd: dir,
    env: { WORKABLE_API_ACCESS_TOKEN: workable.token, HRFLOW_API_SECRET: hrflow.apiKey },
  });

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "hrflow-cli-state-"));
  stateDir = join(dir, "state");
  workable = await startFakeWorkable({ jobs: 4, rateLimit: null });
  hrflow = await startFakeHrFlow();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await workable?.close();
  await hrflow?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("state show|reset", () => {
  it("a wrong-shape state: run exits 2 naming the file and `state reset`; reset clears it; the run succeeds", async () => {
    const board = hrflow.addBoard();
    const config = join(dir, "jobs.json");
    writeFileSync(
      config,
      JSON.stringify({
        workflow_id: "shape",
        connector_auth: { api_access_token: ref("WORKABLE_API_ACCESS_TOKEN"), subdomain: workable.subdomain },
        hrflow_auth: { api_secret: ref("HRFLOW_API_SECRET"), api_user: hrflow.userEmail },
        pull_parameters: {},
        push_parameters: { board_key: board },
        base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
        http: { retries: 0, rate_limits: { workable: { requests: 1000, per_ms: 1000 } } },
      }),
    );
    const file = join(stateDir, "shape.json");
    const run = () =>
      cli([
        "run",
        "workable",
        "create_jobs_in_hrflow",
        "-c",
        config,
        "--incremental",
        "--state-dir",
        stateDir,
        "--json",
      ]);
    expect((await run()).code).toBe(0);
    writeFileSync(file, JSON.stringify({ incremental_token: { at: 3 } }));

    const refused = await run();
    expect(refused.code).toBe(2);
    const result = JSON.parse(refused.stdout);
    expect([result.status, result.reason]).toEqual(["fatal", "store_failure"]);
    expect(result.message).toContain(file);
    expect(result.message).toContain(`hrflow-connectors state reset "shape" --state-dir "${stateDir}"`);

    const shown = await cli(["state", "show", "shape", "--state-dir", stateDir]);
    expect(shown.code).toBe(2);
    expect(shown.stdout).toContain("not usable (incremental_token:");

    const reset = await cli(["state", "reset", "shape", "--state-dir", stateDir]);
    expect([reset.code, existsSync(file)]).toEqual([0, false]);
    expect(reset.stdout).toContain(`Deleted ${file}`);

    const again = await run();
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: "success", written: 0, skipped: 4 });
    const usable = await cli(["state", "show", "shape", "--state-dir", stateDir, "--json"]);
    expect(JSON.parse(usable.stdout)).toMatchObject({ usable: true, problems: [] });
  });

  it("refuses an unknown verb with the usage", async () => {
    const res = await cli(["state", "drop", "x"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("state show|reset <workflow_id>");
  });
});
