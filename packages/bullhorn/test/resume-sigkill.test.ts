import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { decodeToken } from "../src/index.js";
import { startFakes } from "./harness.js";

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, "fixtures", "resume-child.ts");
const ROOT = resolve(here, "../../..");
const JOBS = 20;
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

/** Runs the child once; SIGKILLs it on its first finished batch unless `kill` is false. */
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

describe("crash-safe incremental resume", () => {
  it("SIGKILL at every batch boundary, then incremental re-runs: 0 missing, 0 duplicated", {
    timeout: 120_000,
  }, async () => {
    // Several job orders share each second: the (date, id) token must not skip or repeat them.
    const fakes = await startFakes({ jobs: JOBS });
    const board = fakes.hrflow.addBoard();
    const stateDir = await mkdtemp(join(tmpdir(), "bullhorn-resume-"));
    dirs.push(stateDir);
    const args = {
      bullhorn: { baseUrl: fakes.bullhorn.baseUrl, auth: fakes.bullhorn.auth },
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
    const last = ends.at(-1)!;
    expect(last.result).toMatchObject({ status: "success", reason: "none" });
    const refs = fakes.hrflow.jobs(board).map((j) => String(j.reference));
    expect(refs).toHaveLength(JOBS);
    expect(new Set(refs).size).toBe(JOBS);
    expect(fakes.hrflow.requests.count({ method: "POST", route: "/job/indexing" })).toBe(JOBS);
    await expect(readFile(args.deadLetter)).rejects.toThrow();
    const newest = fakes.bullhorn.jobs.at(-1)!;
    expect(decodeToken(last.result!.incremental_token!)).toEqual({ ms: newest.dateAdded, id: newest.id });
    const idle = await runChild(args, false);
    expect(idle.result).toMatchObject({ status: "success", read: 0, written: 0 });
  });
});
