import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunResult } from "@hrflow-connectors/core";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, runCli } from "../../../cli/test/helpers.js";
import { tally } from "./serve.js";

// A dead-letter file on a full disk, on a directory or under a file: the run must end with a
// result (fatal, exit 2, the path and what to do), never a stack trace, and a second run with a
// working location must leave every job on the board once or in its dead-letter file.

let dir: string;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
const JOBS = 60;
beforeAll(async () => {
  ensureBuilt(["core", "hrflow", "workable", "cli"]);
  dir = mkdtempSync(join(tmpdir(), "ops-sinks-"));
  workable = await startFakeWorkable({ jobs: JOBS, rateLimit: null, seed: 3 });
  hrflow = await startFakeHrFlow();
  // Every fourth job of the listing is refused by a logic: each one must reach the dead letter.
  writeFileSync(
    join(dir, "logics.mjs"),
    'export default (job) => { if (job.shortcode.charCodeAt(job.shortcode.length - 1) % 4 === 0) throw new Error("refused"); return job; };\n',
  );
  writeFileSync(join(dir, "a-file"), "not a directory");
}, BUILD_TIMEOUT);
afterAll(async () => {
  await workable?.close();
  await hrflow?.close();
  rmSync(dir, { recursive: true, force: true });
});

function config(board: string): string {
  const file = join(dir, `${board}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      workflow_id: `sinks-${board}`,
      connector_auth: workable.auth,
      hrflow_auth: hrflow.auth,
      pull_parameters: {},
      push_parameters: { board_key: board },
      base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
      http: { retries: 0, rate_limits: { workable: { requests: 1000, per_ms: 1000 } } },
    }),
  );
  return file;
}

const run = (board: string, deadLetter: string) =>
  runCli(
    [
      "run",
      "workable",
      "create_jobs_in_hrflow",
      "-c",
      config(board),
      "--logics",
      join(dir, "logics.mjs"),
      "--dead-letter",
      deadLetter,
      "--batch-size",
      "5",
      "--state-dir",
      join(dir, "state"),
      "--json",
    ],
    { cwd: dir },
  );

const refused = () => workable.jobs.filter((j) => j.shortcode.charCodeAt(j.shortcode.length - 1) % 4 === 0);

describe("a dead-letter location that cannot be written", () => {
  const cases: [string, () => string][] = [
    ["a full disk (/dev/full)", () => "/dev/full"],
    ["a directory", () => mkdirSync(join(dir, "dl-dir"), { recursive: true }) ?? join(dir, "dl-dir")],
    ["a path under a file", () => join(dir, "a-file", "dl.jsonl")],
  ];
  it.each(cases)(
    "%s: fatal with the path and exit 2, then a good run leaves 0 missing, 0 duplicated",
    async (_, where) => {
      if (process.platform !== "linux") return;
      expect(refused().length).toBeGreaterThan(0);
      const board = hrflow.addBoard();
      const path = where();
      const bad = await run(board, path);
      expect(bad.code, bad.stderr).toBe(2);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
      const result = JSON.parse(bad.stdout) as RunResult;
      expect([result.status, result.reason]).toEqual(["fatal", "dead_letter_failure"]);
      expect(result.message).toContain(path);
      expect(result.message).toMatch(/free space or fix the path/);
      expect(result.dead_letter.count).toBe(0);
      expect(result.dead_letter.unrecorded).toBeGreaterThan(0);
      expect(result.accounting_error).toBeUndefined();
      // What the result calls written is exactly what the board holds.
      expect(hrflow.jobs(board)).toHaveLength(result.written);

      const goodFile = join(dir, `${board}-good.jsonl`);
      const good = await run(board, goodFile);
      expect(good.code, good.stderr).toBe(1);
      const kept = readFileSync(goodFile, "utf8")
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { item: { shortcode: string } }).item.shortcode);
      const held = tally(hrflow.jobs(board).map((j) => String(j.reference)));
      const missing = workable.jobs.map((j) => j.shortcode).filter((s) => !held.has(s) && !kept.includes(s));
      expect(missing).toEqual([]);
      expect([...held.values()].filter((n) => n > 1)).toEqual([]);
      expect(kept.sort()).toEqual(
        refused()
          .map((j) => j.shortcode)
          .sort(),
      );
    },
  );
});
