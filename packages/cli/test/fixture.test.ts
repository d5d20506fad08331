import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureProject } from "./fixture.js";
import { BUILD_TIMEOUT, ensureBuilt, logLines, runCli } from "./helpers.js";

let project: string;
/** A `${NAME}` reference as a config file holds it. */
const ref = (name: string) => `\${${name}}`;
const items = (ids: number[]) => ids.map((id) => ({ id, title: `job ${id}` }));
const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

/** Writes a config for the fixture's flow action; `out` is the file the target appends to. */
function flowConfig(name: string, extra: Record<string, unknown> = {}) {
  const file = join(project, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      workflow_id: name,
      connector_auth: { token: ref("FIXTURE_TOKEN") },
      hrflow_auth: { api_secret: ref("FIXTURE_HRFLOW_SECRET"), api_user: "ops@example.com" },
      pull_parameters: { file: join(project, "items.json") },
      push_parameters: { out: join(project, `${name}.out.jsonl`) },
      ...extra,
    }),
  );
  return { config: file, out: join(project, `${name}.out.jsonl`) };
}

const env = { FIXTURE_TOKEN: "fixture-token-123", FIXTURE_HRFLOW_SECRET: "hrflow-secret-456" };
const cli = (args: string[], extraEnv: Record<string, string | undefined> = {}) =>
  runCli(args, { cwd: project, env: { ...env, ...extraEnv } });
/** `run fixture create_jobs_in_hrflow -c <config> ...flags`. */
const runFlow = (config: string, flags: string[] = [], extraEnv: Record<string, string | undefined> = {}) =>
  cli(["run", "fixture", "create_jobs_in_hrflow", "-c", config, ...flags], extraEnv);

beforeAll(() => {
  ensureBuilt(["core", "cli"]);
  project = fixtureProject();
  writeFileSync(join(project, "items.json"), JSON.stringify(items([1, 2, 3, 4, 5])));
}, BUILD_TIMEOUT);
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("list and describe", () => {
  it("finds the connector installed in the working directory's node_modules", async () => {
    const res = await cli(["list", "--json"]);
    expect(res.code).toBe(0);
    const fixture = JSON.parse(res.stdout).find((r: any) => r.package === "@hrflow-connectors/fixture");
    expect(fixture).toMatchObject({ connector: "Fixture", version: "1.2.3" });
    expect(fixture.actions.map((a: any) => a.name)).toEqual(["create_jobs_in_hrflow", "pull_job_list"]);
  });

  it("marks required parameters and prints an example config whose secrets are variables", async () => {
    const res = await cli(["describe", "Fixture", "create_jobs_in_hrflow"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/\* token\s+string\s+Vendor token \(secret\)/);
    expect(res.stdout).toMatch(/ {4}limit\s+integer/);
    const example = JSON.parse(
      (await cli(["describe", "fixture", "create_jobs_in_hrflow", "--example"])).stdout,
    );
    expect(example.connector_auth).toEqual({ token: ref("FIXTURE_TOKEN") });
    expect(example.push_parameters).toEqual({ out: "<out>", reject: [] });
  });

  it("exits 2 naming the installed connectors when the connector is unknown", async () => {
    const res = await cli(["describe", "nope", "x"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("No installed connector matches 'nope'");
    expect(res.stderr).toContain("@hrflow-connectors/fixture");
  });
});

describe("run", () => {
  it("runs a flow action, prints the RunResult with --json and keeps state in the file store", async () => {
    const { config, out } = flowConfig("full");
    const res = await cli(["run", "fixture", "create_jobs_in_hrflow", "--config", config, "--json"]);
    expect(res.code, res.stderr).toBe(0);
    const result = JSON.parse(res.stdout);
    expect(result).toMatchObject({ status: "success", written: 5, persist: true });
    expect(lines(out).map((i) => i.formatted)).toEqual([true, true, true, true, true]);
    // State goes to the data directory (HRFLOW_CONNECTORS_HOME here), never to the working directory.
    expect(existsSync(join(process.env.HRFLOW_CONNECTORS_HOME!, "state/full.json"))).toBe(true);
    expect(existsSync(join(project, ".hrflow-connectors"))).toBe(false);
    // Secrets from the environment never reach the logs.
    expect(res.stderr).not.toContain(env.FIXTURE_TOKEN);
    expect(logLines(res.stderr).some((l) => l.message === "progress" && l.data.phase === "done")).toBe(true);
  });

  it("--incremental reads only what is newer than the stored token", async () => {
    const { config, out } = flowConfig("incr");
    const state = join(project, "incr-state");
    const flags = ["--incremental", "--state-dir", state];
    expect((await runFlow(config, flags)).code).toBe(0);
    writeFileSync(join(project, "items.json"), JSON.stringify(items([1, 2, 3, 4, 5, 6, 7])));
    const second = await runFlow(config, flags);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("read 2, written 2, failed 0");
    expect(lines(out).map((i) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    writeFileSync(join(project, "items.json"), JSON.stringify(items([1, 2, 3, 4, 5])));
  });

  it("--dry-run reads and formats but writes nothing", async () => {
    const { config, out } = flowConfig("dry");
    const res = await runFlow(config, ["--dry-run", "--json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ persist: false, written: 0 });
    expect(JSON.parse(res.stdout).events.read_success).toBe(5);
    expect(existsSync(out)).toBe(false);
  });

  it("loads --logics and --format from TypeScript modules", async () => {
    const { config, out } = flowConfig("fns");
    writeFileSync(
      join(project, "logics.ts"),
      "export const logics = [(item: { id: number }) => (item.id % 2 === 0 ? null : item)];\n",
    );
    writeFileSync(
      join(project, "format.ts"),
      "export default (item: { id: number; title: string }) => ({ id: item.id, title: item.title.toUpperCase() });\n",
    );
    const res = await runFlow(config, [
      "--logics",
      join(project, "logics.ts"),
      "--format",
      join(project, "format.ts"),
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(lines(out)).toEqual([
      { id: 1, title: "JOB 1" },
      { id: 3, title: "JOB 3" },
      { id: 5, title: "JOB 5" },
    ]);
  });

  it("runs an older-style action from a YAML config", async () => {
    const out = join(project, "legacy.out.jsonl");
    const config = join(project, "legacy.yaml");
    writeFileSync(
      config,
      [
        "workflow_id: legacy",
        "action_parameters:",
        "  read_mode: sync",
        "origin_parameters:",
        `  token: ${ref("FIXTURE_TOKEN")}`,
        `  file: ${join(project, "items.json")}`,
        "  limit: 2",
        "target_parameters:",
        `  out: ${out}`,
      ].join("\n"),
    );
    const dry = await cli(["run", "fixture", "pull_job_list", "-c", config, "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(existsSync(out)).toBe(false);
    const res = await cli(["run", "fixture", "pull_job_list", "-c", config]);
    expect(res.code, res.stderr).toBe(0);
    expect(lines(out).map((i) => i.legacy)).toEqual([true, true]);
  });

  it("rejects a bad config before any I/O, naming every bad field", async () => {
    const { config, out } = flowConfig("bad", {
      connector_auth: { tokn: "x" },
      push_parameters: { out: join(project, "bad.out.jsonl"), reject: "all" },
      pull_parameter: {},
    });
    const res = await runFlow(config);
    expect(res.code).toBe(2);
    for (const field of [
      "pull_parameter",
      "connector_auth.token",
      "connector_auth.tokn",
      "push_parameters.reject",
    ]) {
      expect(res.stderr).toContain(`- ${field}:`);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("names a missing environment variable", async () => {
    const { config } = flowConfig("noenv");
    const res = await runFlow(config, [], {
      FIXTURE_TOKEN: undefined,
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("FIXTURE_TOKEN");
    expect(res.stderr).toContain("connector_auth.token");
  });
});

describe("replay", () => {
  it("exits 1 when items fail, then replays the dead letters once the cause is fixed", async () => {
    const deadLetter = join(project, "failed.jsonl");
    const { config, out } = flowConfig("replay", {
      push_parameters: { out: join(project, "replay.out.jsonl"), reject: [2, 4] },
    });
    const res = await runFlow(config, ["--dead-letter", deadLetter]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("2 failed item(s) kept in");
    expect(lines(deadLetter).map((e) => [e.stage, e.item.id, e.item.formatted])).toEqual([
      ["write", 2, true],
      ["write", 4, true],
    ]);

    // Still refused: the replay reports it and keeps the item in a new file.
    const { config: half } = flowConfig("replay", {
      push_parameters: { out: join(project, "replay.out.jsonl"), reject: [4] },
    });
    const partial = await cli(["replay", deadLetter, "-c", half, "--json"]);
    expect(partial.code).toBe(1);
    const report = JSON.parse(partial.stdout);
    expect(report).toMatchObject({ replayed: 2, written: 1, still_failing: 1 });
    expect(lines(report.dead_letter).map((e) => e.item.id)).toEqual([4]);
    expect(lines(out).map((i) => i.id)).toEqual([1, 3, 5, 2]);
    // Write-stage items are sent as they were formatted, not formatted twice.
    expect(lines(out).every((i) => i.formatted === true && Object.keys(i).length === 3)).toBe(true);

    const { config: fixed } = flowConfig("replay");
    const done = await cli(["replay", report.dead_letter, "-c", fixed]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("1 written, 0 still failing");
    expect(lines(out).map((i) => i.id)).toEqual([1, 3, 5, 2, 4]);
    // One new dead-letter file: the second replay had nothing left failing (journals aside).
    const replayFiles = readdirSync(project).filter((f) => f.startsWith("failed.replay-"));
    expect(replayFiles.filter((f) => !f.endsWith(".replayed.jsonl"))).toHaveLength(1);
    // Each replayed file has its journal of what was delivered: item 2, then item 4.
    expect(replayFiles.filter((f) => f.endsWith(".replayed.jsonl"))).toHaveLength(1);
    expect(lines(join(project, "failed.replayed.jsonl")).flatMap((e) => e.lines)).toEqual([1]);
  });

  it("sends logics/format-stage items through the format again", async () => {
    const deadLetter = join(project, "format-failed.jsonl");
    writeFileSync(
      deadLetter,
      `${JSON.stringify({
        run_id: "r",
        workflow_id: "replay-raw",
        connector: "Fixture",
        action_name: "create_jobs_in_hrflow",
        mode: "create",
        stage: "format",
        error: "Error: boom",
        item: { id: 9, title: "job 9" },
        at: new Date().toISOString(),
      })}\n`,
    );
    const { config, out } = flowConfig("replay-raw");
    const res = await cli(["replay", deadLetter, "-c", config]);
    expect(res.code, res.stderr).toBe(0);
    expect(lines(out)).toEqual([{ id: 9, title: "job 9", formatted: true }]);
  });
});
