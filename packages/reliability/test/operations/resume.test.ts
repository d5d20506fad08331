import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { RunOptions } from "@hrflow-connectors/core";
import { FileStore } from "@hrflow-connectors/core/store";
import { closeAll, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Workable } from "@hrflow-connectors/workable";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterEach, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, "fixtures", "full-run-child.ts");
const ROOT = resolve(here, "../../../..");
const WORKFLOW = "full-resume";
const INDEXING = { route: "/job/indexing" };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** Workable jobs into an HrFlow board with a file store, run in full (not incrementally). */
async function world(jobs: number) {
  const workable = await startFakeWorkable({ jobs, seed: 19, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  const dir = await mkdtemp(join(tmpdir(), "full-resume-"));
  cleanups.push(
    () => closeAll(workable, hrflow),
    () => rm(dir, { recursive: true, force: true }),
  );
  const board = hrflow.addBoard();
  const store = new FileStore(dir);
  const options = (pull: Record<string, unknown>) => ({
    workflow_id: WORKFLOW,
    connector_auth: workable.auth,
    hrflow_auth: hrflow.auth,
    pull_parameters: pull,
    push_parameters: { board_key: board },
  });
  const run = (extra: RunOptions = {}, pull: Record<string, unknown> = {}) =>
    Workable.createJobsInHrflow(
      options(pull),
      hermeticRuntime({
        store,
        baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
        batchSize: 5,
        concurrency: 1,
        ...extra,
      }).options,
    );
  /** How many times the board holds each Workable job, in listing order. */
  const held = () => {
    const counts = new Map<string, number>();
    for (const j of hrflow.jobs(board))
      counts.set(String(j.reference), (counts.get(String(j.reference)) ?? 0) + 1);
    return workable.jobs.map((j) => counts.get(j.shortcode) ?? 0);
  };
  const posts = () => hrflow.requests.count({ method: "POST", ...INDEXING });
  const lookups = () => hrflow.requests.count({ method: "GET", ...INDEXING });
  const listings = () => hrflow.requests.count({ method: "GET", route: "/jobs/searching" });
  return { workable, hrflow, dir, board, store, run, held, posts, lookups, listings };
}

/** Stops the run gracefully once `n` items went through, as a worker's SIGTERM does. */
function stopAfter(n: number): { stop: AbortSignal; logics: ((item: unknown) => unknown)[] } {
  const ctrl = new AbortController();
  let seen = 0;
  return {
    stop: ctrl.signal,
    logics: [
      (item) => {
        if (++seen === n) ctrl.abort();
        return item;
      },
    ],
  };
}

describe("a full (non-incremental) run stopped gracefully resumes past what it finished", () => {
  it("stopped after 23 of 60 jobs: the next run reads and writes only the other 37", async () => {
    const w = await world(60);
    const { stop, logics } = stopAfter(23);
    const first = await Workable.createJobsInHrflow(
      {
        workflow_id: WORKFLOW,
        connector_auth: w.workable.auth,
        hrflow_auth: w.hrflow.auth,
        pull_parameters: {},
        push_parameters: { board_key: w.board },
        logics,
      },
      hermeticRuntime({
        store: w.store,
        baseUrls: { workable: w.workable.baseUrl, hrflow: w.hrflow.baseUrl },
        batchSize: 5,
        concurrency: 1,
        stop,
      }).options,
    );
    expect([first.status, first.reason, first.written]).toEqual(["fatal", "aborted", 23]);
    expect(first.resume).toMatchObject({ from: null, done: 23 });
    // A run's first 10 creates are looked up; after them the board is listed once (one page).
    expect([w.posts(), w.lookups(), w.listings()]).toEqual([23, 10, 1]);

    const second = await w.run();
    expect([second.status, second.events.read_success, second.written, second.skipped]).toEqual([
      "success",
      37,
      37,
      0,
    ]);
    // No request at all for the finished part: neither a lookup nor a write.
    expect([w.posts(), w.lookups(), w.listings()]).toEqual([60, 20, 2]);
    expect(w.held()).toEqual(Array(60).fill(1));
    // A completed run clears the resume point: the next scheduled run reads everything again.
    expect(((await w.store.load(WORKFLOW)) as { resume?: unknown }).resume).toBeUndefined();
    const third = await w.run();
    expect([third.events.read_success, third.written, third.skipped]).toEqual([60, 0, 60]);
    expect(w.posts()).toBe(60);
  });

  it("changed parameters, or a point older than 6 hours, mean reading everything again", async () => {
    const w = await world(20);
    const stopped = async () => {
      const { stop, logics } = stopAfter(10);
      const res = await Workable.createJobsInHrflow(
        {
          workflow_id: WORKFLOW,
          connector_auth: w.workable.auth,
          hrflow_auth: w.hrflow.auth,
          pull_parameters: {},
          push_parameters: { board_key: w.board },
          logics,
        },
        hermeticRuntime({
          store: w.store,
          baseUrls: { workable: w.workable.baseUrl, hrflow: w.hrflow.baseUrl },
          batchSize: 5,
          concurrency: 1,
          stop,
        }).options,
      );
      expect(res.resume?.done).toBe(10);
    };
    await stopped();
    // Other parameters (here the same listing, asked differently): another run, read in full.
    const other = await w.run({}, { created_after: "2000-01-01T00:00:00Z" });
    expect(other.events.read_success).toBe(20);

    await stopped();
    const state = (await w.store.load(WORKFLOW)) as { resume: { at: string } };
    state.resume.at = new Date(Date.now() - 7 * 3_600_000).toISOString();
    await w.store.save(WORKFLOW, state);
    const stale = await w.run();
    expect(stale.events.read_success).toBe(20);
    expect(w.held()).toEqual(Array(20).fill(1));
  });
});

interface ChildEnd {
  killed: boolean;
  result: { status: string; read: number; written: number; skipped: number } | null;
}

/** Runs the child once; SIGKILLs it on its `killAt`-th saved resume point (never when null). */
function runChild(args: unknown, killAt: number | null): Promise<ChildEnd> {
  const child = spawn(
    process.execPath,
    ["--conditions=@hrflow-connectors/source", "--import", "tsx", CHILD, JSON.stringify(args)],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PAUSE_AT_BATCH: String(killAt ?? 0) },
    },
  );
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const end: ChildEnd = { killed: false, result: null };
  let batches = 0;
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line === "BATCH" && ++batches === killAt) end.killed = child.kill("SIGKILL");
    else if (line.startsWith("RESULT ")) end.result = JSON.parse(line.slice(7));
  });
  return new Promise((ok, fail) =>
    child.on("close", (code, signal) => {
      if (signal === "SIGKILL" || code === 0) ok(end);
      else fail(new Error(`child exited with ${code}: ${stderr}`));
    }),
  );
}

describe("a full run killed (SIGKILL) resumes past what it finished", () => {
  it("killed on its 3rd saved resume point: the next process writes the rest of 40, each once", {
    timeout: 120_000,
  }, async () => {
    const w = await world(40);
    const args = {
      workable: { baseUrl: w.workable.baseUrl, auth: w.workable.auth },
      hrflow: { baseUrl: w.hrflow.baseUrl, auth: w.hrflow.auth },
      stateDir: w.dir,
      deadLetter: join(w.dir, "dead.jsonl"),
      board: w.board,
      batchSize: 5,
    };
    const killed = await runChild(args, 3);
    expect(killed.killed).toBe(true);
    // Saves are coalesced: the 3rd saved point covers at least 3 batches. Writes go on while a
    // save is under way, so more may have landed than the point says (how many depends on the
    // machine's load): the resumed run looks those up.
    const saved = (await w.store.load(WORKFLOW)) as { resume: { done: number } };
    const done = saved.resume.done;
    expect(done % 5).toBe(0);
    expect(done).toBeGreaterThanOrEqual(15);
    const landed = w.posts();
    expect(landed).toBeGreaterThanOrEqual(done);
    const lookedUp = w.lookups();

    const resumed = await runChild(args, null);
    // The rest is read again; a job that landed before the kill is looked up and skipped.
    expect(resumed.result).toMatchObject({ status: "success", read: 40 - done, written: 40 - landed });
    expect(resumed.result!.skipped).toBe(landed - done);
    // Nothing of the finished part is asked for again; nothing lands twice. The rest's first 10
    // creates are looked up, the others found in the board's listing.
    expect(w.lookups() - lookedUp).toBe(Math.min(40 - done, 10));
    expect(w.posts()).toBe(40);
    expect(w.held()).toEqual(Array(40).fill(1));
    await expect(readFile(args.deadLetter)).rejects.toThrow();
  });
});
