import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startFakes } from "./harness.js";

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, "fixtures", "resume-child.ts");
const ROOT = resolve(here, "../../..");
const JOBS = 20;
const BATCH = 5;

interface ChildEnd {
  killed: boolean;
  batches: number;
  result: {
    status: string;
    reason: string;
    read: number;
    written: number;
    incremental_token: string | null;
  } | null;
}

/**
 * Runs the child once; kills it with SIGKILL on its `killAt`-th finished batch (never when null).
 * The child reads sources through the source condition, like the tests, with tsx for TypeScript.
 */
function runChild(args: unknown, killAt: number | null): Promise<ChildEnd> {
  const child = spawn(
    process.execPath,
    ["--conditions=@hrflow-connectors/source", "--import", "tsx", CHILD, JSON.stringify(args)],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PAUSE_AT_BATCH: killAt === null ? "0" : "1" },
    },
  );
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const end: ChildEnd = { killed: false, batches: 0, result: null };
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "BATCH" && ++end.batches === killAt) {
      end.killed = child.kill("SIGKILL");
    } else if (line.startsWith("RESULT ")) end.result = JSON.parse(line.slice(7));
  });
  return new Promise((ok, fail) =>
    child.on("close", (code, signal) => {
      if (signal === "SIGKILL" || code === 0) ok(end);
      else fail(new Error(`child exited with ${code}: ${stderr}`));
    }),
  );
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("crash-safe incremental resume (listing order differs from token order)", () => {
  it("SIGKILL at every batch boundary, then incremental re-runs: 0 missing, 0 duplicated", {
    timeout: 120_000,
  }, async () => {
    const fakes = await startFakes({ jobs: 0 });
    // SmartRecruiters lists jobs by id; their update dates are shuffled, so the token (updatedOn)
    // is not in listing order: a token saved mid-run would skip older jobs listed later.
    const start = Date.parse("2024-01-01T00:00:00Z");
    for (let i = 0; i < JOBS; i++) {
      const hours = (i * 7) % JOBS;
      fakes.sr.addJob({ updatedOn: new Date(start + hours * 3_600_000).toISOString() });
    }
    const created = fakes.sr.jobs.map((j) => j.updatedOn!);
    expect([...created].sort()).not.toEqual(created);
    const board = fakes.hrflow.addBoard();
    const stateDir = await mkdtemp(join(tmpdir(), "resume-"));
    dirs.push(stateDir);
    const args = {
      sr: { baseUrl: fakes.sr.baseUrl, auth: fakes.sr.auth },
      hrflow: { baseUrl: fakes.hrflow.baseUrl, auth: fakes.hrflow.auth },
      stateDir,
      deadLetter: join(stateDir, "dead.jsonl"),
      board,
    };

    // Each run is killed on its first finished batch, so over the chain every batch boundary of
    // the listing sees a SIGKILL; the last run ends on its own.
    const ends: ChildEnd[] = [];
    for (let run = 0; run < JOBS / BATCH + 2; run++) {
      const end = await runChild(args, 1);
      ends.push(end);
      if (!end.killed) break;
    }
    // Every batch boundary of the listing got its SIGKILL, then one run found the rest done.
    const kills = ends.filter((e) => e.killed).length;
    expect(kills).toBe(JOBS / BATCH);
    const last = ends.at(-1)!;
    expect(last.killed).toBe(false);
    expect(last.result).toMatchObject({ status: "success", reason: "none" });

    // The board holds every job exactly once.
    const refs = fakes.hrflow.jobs(board).map((j) => String(j.reference));
    const shortcodes = fakes.sr.jobs.map((j) => j.id);
    expect(refs.length).toBe(JOBS);
    expect(new Set(refs).size).toBe(JOBS);
    expect([...refs].sort()).toEqual([...shortcodes].sort());
    expect(fakes.hrflow.requests.count({ method: "POST", route: "/job/indexing" })).toBe(JOBS);
    // Nothing failed on the way, and the committed token is the newest update date.
    await expect(readFile(args.deadLetter)).rejects.toThrow();
    expect(last.result!.incremental_token).toBe([...created].sort().at(-1));

    // One more incremental run finds nothing new and writes nothing.
    const idle = await runChild(args, null);
    expect(idle.result).toMatchObject({ status: "success", read: 0, written: 0 });
    expect(fakes.hrflow.jobs(board)).toHaveLength(JOBS);
  });
});
