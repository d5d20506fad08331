import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BIN, BUILD_TIMEOUT, ensureBuilt, runCli, startCli } from "./helpers.js";

// The CLI explaining itself to a newcomer, end to end: the built binary, the Workable connector
// and both fakes.
let dir: string;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
const cli = (args: string[]) => runCli(args, { cwd: dir });

/** A config file for a Workable job flow pointing at the fakes; `auth` overrides credentials. */
function config(
  name: string,
  push: Record<string, unknown>,
  auth: { workable?: string; hrflow?: string } = {},
) {
  const file = join(dir, `${name}.json`);
  const body = {
    workflow_id: name,
    connector_auth: { api_access_token: auth.workable ?? workable.token, subdomain: workable.subdomain },
    hrflow_auth: { api_secret: auth.hrflow ?? hrflow.apiKey, api_user: hrflow.userEmail },
    pull_parameters: {},
    push_parameters: push,
    base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
    http: { retries: 0, rate_limits: { workable: { requests: 1000, per_ms: 1000 } } },
  };
  writeFileSync(file, JSON.stringify(body, null, 2));
  return file;
}

beforeAll(async () => {
  ensureBuilt(["core", "hrflow", "workable", "lever", "cli"]);
  dir = mkdtempSync(join(tmpdir(), "hrflow-cli-explain-"));
  workable = await startFakeWorkable({ jobs: 4, rateLimit: null });
  hrflow = await startFakeHrFlow();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await workable?.close();
  await hrflow?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("check", () => {
  it("validates the config, then reaches both sides with their credentials, writing nothing", async () => {
    const board = hrflow.addBoard("checked-board", "Checked board");
    const writes = hrflow.requests.writes;
    const res = await cli([
      "check",
      "workable",
      "update_jobs_in_hrflow",
      "-c",
      config("ok", { board_key: board }),
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("ok   origin Workable: read one job");
    expect(res.stdout).toContain("ok   target HrFlow.ai: GET /board: board 'checked-board' (Checked board)");
    expect(hrflow.requests.writes).toBe(writes);
    expect(hrflow.requests.count({ route: "/board", status: 200 })).toBeGreaterThan(0);
  });

  it("names the side whose credentials are refused, and exits 2", async () => {
    const board = hrflow.addBoard();
    const badHrFlow = await cli([
      "check",
      "workable",
      "update_jobs_in_hrflow",
      "--json",
      "-c",
      config("bad-hrflow", { board_key: board }, { hrflow: "ask_wrong_secret" }),
    ]);
    expect(badHrFlow.code).toBe(2);
    const checks = JSON.parse(badHrFlow.stdout).checks;
    expect(checks.map((c: { side: string; ok: boolean }) => [c.side, c.ok])).toEqual([
      ["origin", true],
      ["target", false],
    ]);
    expect(checks[1].detail).toContain("401");
    expect(badHrFlow.stdout).not.toContain("ask_wrong_secret");

    const badWorkable = await cli([
      "check",
      "workable",
      "create_jobs_in_hrflow",
      "-c",
      config("bad-workable", { board_key: board }, { workable: "wk_wrong_token" }),
    ]);
    expect(badWorkable.code).toBe(2);
    expect(badWorkable.stdout).toMatch(/FAIL origin Workable: .*401/);
    expect(badWorkable.stdout).toContain("ok   target HrFlow.ai");
  });
});

describe("check on older-style actions", () => {
  it("checks HrFlow.ai, and says so when a side cannot be checked without spending or guessing", async () => {
    const source = hrflow.addSource("legacy-source", { name: "Legacy source" });
    const hrflowSide = { api_secret: hrflow.apiKey, api_user: hrflow.userEmail, source_key: source };
    const push = join(dir, "push.json");
    writeFileSync(
      push,
      JSON.stringify({
        workflow_id: "push",
        origin_parameters: { ...hrflowSide, profile_key: "p-1" },
        target_parameters: { auth: workable.token, subdomain: workable.subdomain, shortcode: "ABC" },
        base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
      }),
    );
    const pushed = await cli(["check", "workable", "push_profile", "-c", push]);
    expect(pushed.code, pushed.stdout + pushed.stderr).toBe(0);
    expect(pushed.stdout).toContain(
      "ok   origin HrFlow.ai: GET /source: source 'legacy-source' (Legacy source)",
    );
    expect(pushed.stdout).toMatch(/skip target Workable: not checked/);

    const lever = join(dir, "lever.json");
    const leverRequests = hrflow.requests.count();
    writeFileSync(
      lever,
      JSON.stringify({
        workflow_id: "lever",
        origin_parameters: {
          auth_domain: "sandbox-lever.auth0.com",
          client_domain: "sandbox-lever.auth0.com",
          client_id: "client",
          client_secret: "secret",
          authorization_code: "one-time-code",
        },
        target_parameters: { ...hrflowSide, only_edit_fields: [] },
        base_urls: { lever: "http://127.0.0.1:9", lever_auth: "http://127.0.0.1:9", hrflow: hrflow.baseUrl },
      }),
    );
    const pulled = await cli(["check", "lever", "pull_profile_list", "-c", lever, "--json"]);
    expect(pulled.code, pulled.stdout + pulled.stderr).toBe(0);
    const checks = JSON.parse(pulled.stdout).checks;
    expect(checks[0]).toMatchObject({ side: "origin", ok: true, checked: false });
    expect(checks[0].detail).toContain("authorization_code");
    expect(checks[1]).toMatchObject({ side: "target", system: "HrFlow.ai", ok: true, checked: true });
    expect(hrflow.requests.count() - leverRequests).toBe(1);
  });
});

describe("config errors", () => {
  it("reports every missing field of {} at once", async () => {
    const file = join(dir, "empty.json");
    writeFileSync(file, "{}");
    const res = await cli(["run", "workable", "update_jobs_in_hrflow", "-c", file, "--json"]);
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stdout).issues.map((i: { path: string }) => i.path)).toEqual([
      "workflow_id",
      "connector_auth.api_access_token",
      "connector_auth.subdomain",
      "hrflow_auth.api_secret",
      "hrflow_auth.api_user",
      "push_parameters.board_key",
    ]);
  });

  it("places a JSON syntax error by line and column", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, '{\n  "workflow_id": "x",\n  "connector_auth": {,\n}\n');
    const res = await cli(["check", "workable", "update_jobs_in_hrflow", "-c", file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("at line 3, column 22");
    expect(res.stderr).toContain('  "connector_auth": {,');
  });
});

describe("describe --json-schema", () => {
  it("prints the JSON Schema of the action's config file", async () => {
    const res = await cli(["describe", "workable", "update_jobs_in_hrflow", "--json-schema"]);
    expect(res.code, res.stderr).toBe(0);
    const schema = JSON.parse(res.stdout);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.connector_auth.required).toEqual(["api_access_token", "subdomain"]);
    expect(schema.properties.push_parameters.required).toEqual(["board_key"]);
    expect(schema.properties.pull_parameters.properties.state.description).toMatch(/current state/);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["workflow_id", "base_urls", "batch_size", "http", "incremental"]),
    );
  });
});

describe("run", () => {
  it("--dry-run --show N prints the first N formatted items and writes nothing", async () => {
    const board = hrflow.addBoard();
    const writes = hrflow.requests.writes;
    const res = await cli([
      "run",
      "workable",
      "create_jobs_in_hrflow",
      "-c",
      config("show", { board_key: board }),
      "--dry-run",
      "--show",
      "2",
      "--json",
    ]);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.formatted_items.map((j: { reference: string }) => j.reference)).toEqual(
      workable.jobs.slice(0, 2).map((j) => j.shortcode),
    );
    expect(out.formatted_items[0].name).toBe(workable.jobs[0]!.title);
    expect(hrflow.requests.writes).toBe(writes);
    const usage = await cli([
      "run",
      "workable",
      "create_jobs_in_hrflow",
      "-c",
      config("x", {}),
      "--show",
      "1",
    ]);
    expect([usage.code, usage.stderr]).toEqual([
      2,
      expect.stringContaining("--show <n> goes with --dry-run"),
    ]);
  });

  it("shows the cause of a fatal run and points at check", async () => {
    const board = hrflow.addBoard();
    const file = config("fatal", { board_key: board }, { hrflow: "ask_wrong_secret" });
    const res = await cli(["run", "workable", "create_jobs_in_hrflow", "-c", file]);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain("fatal (write_failure)");
    // The first batch was refused whole with one error: the run stopped there and says why.
    expect(res.stdout).toMatch(
      /cause: Stopped after the first batch: the target refused every item of it with the same error: .*401/,
    );
    expect(res.stdout).toContain(`hrflow-connectors check workable create_jobs_in_hrflow --config ${file}`);
  });
});

describe("fakes", () => {
  it("starts fake HrFlow.ai and Workable servers, prints what a config needs, and stops on SIGTERM", async () => {
    const fakes = startCli(["fakes", "workable", "--jobs", "3", "--json"], { cwd: dir });
    await vi.waitFor(() => expect(fakes.stdout()).toMatch(/\}\s*$/), { timeout: 20_000, interval: 100 });
    const printed = JSON.parse(fakes.stdout());
    expect(Object.keys(printed.base_urls).sort()).toEqual(["hrflow", "workable"]);
    // What it printed is enough to run a check against them.
    const file = join(dir, "fakes.json");
    writeFileSync(
      file,
      JSON.stringify({
        workflow_id: "fakes",
        connector_auth: printed.fakes.workable.auth,
        hrflow_auth: printed.fakes.hrflow.auth,
        push_parameters: { board_key: printed.fakes.hrflow.board_key },
        base_urls: printed.base_urls,
      }),
    );
    const check = await cli(["check", "workable", "create_jobs_in_hrflow", "-c", file]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    fakes.child.kill("SIGTERM");
    expect(await fakes.exited).toBe(0);
  });
});

describe("serve", () => {
  it("stops when the process that started it goes away (npx does not pass SIGTERM on)", async () => {
    const board = hrflow.addBoard();
    const action = JSON.parse(readFileSync(config("orphan", { board_key: board }), "utf8"));
    const serveConfig = join(dir, "serve-orphan.json");
    const source = hrflow.addSource();
    writeFileSync(
      serveConfig,
      JSON.stringify({
        port: 0,
        actions: [
          {
            connector: "workable",
            action: "create_profiles_in_hrflow",
            webhook_secret: "whsec-orphan-0123456789",
            ...action,
            push_parameters: { source_key: source },
          },
        ],
      }),
    );
    // A shell stands for npm: it starts the server, prints its pid, and is then killed outright.
    const log = join(dir, "serve-orphan.log");
    const shell = spawn(
      "sh",
      [
        "-c",
        `"${process.execPath}" "${BIN}" serve -c "${serveConfig}" --spool-dir "${join(dir, "spool-orphan")}" 2>"${log}" & echo $!; wait`,
      ],
      {
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let out = "";
    shell.stdout.on("data", (d) => {
      out += d;
    });
    await vi.waitFor(() => expect(out).toMatch(/^\d+\n/), { timeout: 20_000 });
    const pid = Number(out.trim());
    // Gone, or a zombie nobody reaped yet (a container's init may never reap it).
    const alive = () => {
      try {
        return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
      } catch {
        try {
          process.kill(pid, 0);
          return process.platform !== "linux";
        } catch {
          return false;
        }
      }
    };
    await vi.waitFor(() => expect(readFileSync(log, "utf8")).toContain("Listening on"), { timeout: 20_000 });
    expect(alive()).toBe(true);
    shell.kill("SIGKILL");
    await vi.waitFor(() => expect(alive()).toBe(false), { timeout: 20_000, interval: 100 });
    expect(readFileSync(log, "utf8")).toContain("Parent process is gone: stopping as on SIGTERM");
  });
});
