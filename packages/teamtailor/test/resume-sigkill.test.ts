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
const JOBS = 15;
const BATCH = 5;

interface ChildEnd {
  killed: boolean;
  result: {
    status: string;
    reason: string;
    read: number;
    written: number;
    incremental_token: string | null;
  } | null;
}

/** Runs the child once; SIGKILLs it on its first saved resume point unless `kill` is false. */
function runChild(args: unknown, kill: boolean): Promise<ChildEnd> {
  const child = spawn(
    process.execPath,
    ["--conditions=@hrflow-connectors/source", "--import", "tsx", CHILD, JSON.stringify(args)],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PAUSE_AT_BATCH: kill ? "1" : "0" },
    },
  );
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const end: ChildEnd = { killed: false, result: null };
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "BATCH" && kill && !end.killed) end.killed = child.kill("SIGKILL");
    else if (line.startsWith("RESULT ")) end.result = JSON.parse(line.slice(7));
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

describe("crash-safe incremental resume of Teamtailor jobs", () => {
  it("SIGKILL at every batch boundary, then incremental re-runs: 0 missing, 0 duplicated", {
    timeout: 90_000,
  }, async () => {
    const fakes = await startFakes({ jobs: JOBS });
    // Two jobs share the last creation instant: the (date, id) token must keep both.
    fakes.teamtailor.jobs.at(-1)!.attributes["created-at"] =
      fakes.teamtailor.jobs.at(-2)!.attributes["created-at"];
    const board = fakes.hrflow.addBoard();
    const stateDir = await mkdtemp(join(tmpdir(), "tt-resume-"));
    dirs.push(stateDir);
    const args = {
      teamtailor: { baseUrl: fakes.teamtailor.baseUrl, auth: fakes.teamtailor.auth },
      hrflow: { baseUrl: fakes.hrflow.baseUrl, auth: fakes.hrflow.auth },
      stateDir,
      deadLetter: join(stateDir, "dead.jsonl"),
      board,
    };
    const ends: ChildEnd[] = [];
    for (let run = 0; run < JOBS / BATCH + 2; run++) {
      const end = await runChild(args, true);
      ends.push(end);
      if (!end.killed) break;
    }
    expect(ends.filter((e) => e.killed)).toHaveLength(JOBS / BATCH);
    expect(ends.at(-1)!.result).toMatchObject({ status: "success" });
    const refs = fakes.hrflow.jobs(board).map((j) => String(j.reference));
    expect(refs.sort()).toEqual(fakes.teamtailor.jobs.map((j) => j.id).sort());
    expect(fakes.hrflow.requests.count({ method: "POST", route: "/job/indexing" })).toBe(JOBS);
    await expect(readFile(args.deadLetter)).rejects.toThrow();
    const idle = await runChild(args, false);
    expect(idle.result).toMatchObject({ status: "success", read: 0, written: 0 });
  });
});
