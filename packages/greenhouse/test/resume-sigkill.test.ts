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
const CANDIDATES = 10;
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

/** Runs the child once; SIGKILLs it on its first finished batch when `kill`. */
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

describe("crash-safe incremental resume (Greenhouse lists by id, tokens are creation times)", () => {
  it("SIGKILL at every batch boundary, then incremental re-runs: 0 missing, 0 duplicated", {
    timeout: 90_000,
  }, async () => {
    const fakes = await startFakes({ jobs: 1, candidates: CANDIDATES });
    // Creation times shuffled against the listing order: a token saved mid-run would skip some.
    const start = Date.parse("2026-01-01T00:00:00Z");
    fakes.greenhouse.candidates.forEach((c, i) => {
      c.created_at = new Date(start + ((i * 7) % CANDIDATES) * 3_600_000).toISOString();
    });
    const created = fakes.greenhouse.candidates.map((c) => c.created_at!);
    const source = fakes.hrflow.addSource();
    const stateDir = await mkdtemp(join(tmpdir(), "gh-resume-"));
    dirs.push(stateDir);
    const args = {
      baseUrls: { ...fakes.greenhouse.baseUrls, hrflow: fakes.hrflow.baseUrl },
      auth: fakes.greenhouse.auth,
      hrflow: { auth: fakes.hrflow.auth },
      stateDir,
      deadLetter: join(stateDir, "dead.jsonl"),
      source,
    };
    const ends: ChildEnd[] = [];
    for (let run = 0; run < CANDIDATES / BATCH + 2; run++) {
      const end = await runChild(args, true);
      ends.push(end);
      if (!end.killed) break;
    }
    expect(ends.filter((e) => e.killed)).toHaveLength(CANDIDATES / BATCH);
    const last = ends.at(-1)!;
    expect(last.result).toMatchObject({ status: "success", reason: "none" });
    const refs = fakes.hrflow.profiles(source).map((p) => String(p.reference));
    expect(refs.sort()).toEqual(fakes.greenhouse.candidates.map((c) => String(c.id)).sort());
    expect(fakes.hrflow.requests.count({ method: "POST", route: "/profile/indexing" })).toBe(CANDIDATES);
    await expect(readFile(args.deadLetter)).rejects.toThrow();
    expect(last.result!.incremental_token).toBe([...created].sort().at(-1));
    // One more run: `created_at=gt|<token>` finds nothing, nothing is written again.
    const idle = await runChild(args, false);
    expect(idle.result).toMatchObject({ status: "success", read: 0, written: 0 });
  });
});
