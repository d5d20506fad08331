import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_NODE_FLAGS, missingNodeFlags, NODE_FLAGS_APPLIED } from "../src/v8-flags.js";
import { BIN, BUILD_TIMEOUT, ensureBuilt, ROOT } from "./helpers.js";

interface Load {
  pid: number;
  execArgv: string[];
}

let dir: string;
let probe: string;

beforeAll(() => {
  ensureBuilt(["core", "hrflow", "cli"]);
  dir = mkdtempSync(join(tmpdir(), "cli-v8-flags-"));
  // Preloaded through NODE_OPTIONS, which execve passes on: it runs once per program the pid runs.
  probe = join(dir, "probe.mjs");
  writeFileSync(
    probe,
    `import { appendFileSync } from "node:fs";
appendFileSync(process.env.PROBE_OUT, JSON.stringify({ pid: process.pid, execArgv: process.execArgv }) + "\\n");
`,
  );
}, BUILD_TIMEOUT);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `hrflow-connectors --version` and returns each program the process ran, in order. */
function loads(name: string, env: Record<string, string>, nodeArgs: string[] = []): Load[] {
  const out = join(dir, `${name}.jsonl`);
  const res = spawnSync(process.execPath, [...nodeArgs, BIN, "--version"], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      HRFLOW_CONNECTORS_NODE_FLAGS: undefined,
      ...env,
      PROBE_OUT: out,
      NODE_OPTIONS: `--import=${probe}`,
    },
    timeout: 60_000,
  });
  expect(res.status, res.stderr).toBe(0);
  expect(res.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  return readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Load);
}

const count = (args: string[], flag: string) => args.filter((a) => a === flag).length;

describe("the CLI's V8 flags", () => {
  it("replaces its own program once, in the same process, with each flag given once", () => {
    const runs = loads("default", {});
    expect(runs).toHaveLength(2);
    const [first, second] = runs as [Load, Load];
    expect(second.pid).toBe(first.pid);
    for (const flag of DEFAULT_NODE_FLAGS) {
      expect(count(first.execArgv, flag)).toBe(0);
      expect(count(second.execArgv, flag)).toBe(1);
    }
  }, 120_000);

  it("runs as it is when the flags are already on Node's command line", () => {
    const runs = loads("given", {}, [...DEFAULT_NODE_FLAGS]);
    expect(runs).toHaveLength(1);
  }, 60_000);

  it("runs under V8's defaults when HRFLOW_CONNECTORS_NODE_FLAGS is empty", () => {
    const runs = loads("empty", { HRFLOW_CONNECTORS_NODE_FLAGS: "" });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.execArgv).toEqual([]);
  }, 60_000);

  it("never replaces itself twice, even if Node reported no flag after the first time", () => {
    // The mark execve sets: a Node that hid its flags from execArgv would otherwise loop forever.
    const runs = loads("marked", { [NODE_FLAGS_APPLIED]: "1" });
    expect(runs).toHaveLength(1);
  }, 60_000);

  it("counts a flag spelled with underscores or set in NODE_OPTIONS as in force", () => {
    expect(missingNodeFlags({}, ["--max_semi_space_size=2", "--heap-growing-percent=30"])).toEqual([]);
    expect(missingNodeFlags({ NODE_OPTIONS: "--max-semi-space-size=2" }, [])).toEqual([
      "--heap-growing-percent=20",
    ]);
    expect(missingNodeFlags({ HRFLOW_CONNECTORS_NODE_FLAGS: "--stack-size=2000" }, [])).toEqual([
      "--stack-size=2000",
    ]);
  });
});
