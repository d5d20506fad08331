import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, startCli } from "../../../cli/test/helpers.js";
import {
  candidateEvent,
  type Served,
  serveConfig,
  startServe,
  tally,
  until,
  WEBHOOK_SECRET,
} from "./serve.js";

// Vendors deliver webhooks at least once: a delivery they think failed comes again, sometimes
// while the first one still runs. `serve` must run each event once, answer 202 only once the
// event is on disk, and run after a crash what it had accepted.

let dir: string;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
const N = 8;
beforeAll(async () => {
  ensureBuilt(["core", "hrflow", "workable", "cli"]);
  dir = mkdtempSync(join(tmpdir(), "ops-webhooks-"));
  workable = await startFakeWorkable({ jobs: 2, candidates: 3 * N, rateLimit: null });
  hrflow = await startFakeHrFlow();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await workable?.close();
  await hrflow?.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ WORKABLE_API_ACCESS_TOKEN: workable.token, HRFLOW_API_SECRET: hrflow.apiKey });
/** References of the profiles in a source and how often each is there. */
const held = (source: string) => tally(hrflow.profiles(source).map((p) => String(p.reference)));

async function withServe<T>(source: string, spool: string, body: (s: Served) => Promise<T>): Promise<T> {
  const s = await startServe(serveConfig(dir, workable, hrflow, source), spool, join(dir, "state"), env());
  try {
    return await body(s);
  } finally {
    s.cli.child.kill("SIGKILL");
    await s.cli.exited;
  }
}

describe("serve under doubled deliveries", () => {
  it("runs each event once when it is delivered twice at the same moment, and once more later", async () => {
    const source = hrflow.addSource(undefined, { sync_parsing: true });
    const candidates = workable.candidates.slice(0, N);
    await withServe(source, join(dir, "spool-a"), async (s) => {
      const answers = await Promise.all(
        candidates.flatMap((c) => [s.post(candidateEvent(c)), s.post(candidateEvent(c))]),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(2 * N).fill(202));
      // One of each pair ran; the other was acknowledged as a duplicate.
      expect(answers.filter((a) => a.json.duplicate === true)).toHaveLength(N);
      await until(async () => {
        const h = await s.health();
        return (h.succeeded ?? 0) + (h.failed ?? 0) >= N;
      });
      // A vendor's retry after the run (within the window) is a duplicate too.
      const late = await s.post(candidateEvent(candidates[0]!));
      expect([late.status, late.json.duplicate]).toEqual([202, true]);
      const health = await s.health();
      expect(health).toMatchObject({ accepted: N, duplicates: N + 1, succeeded: N, failed: 0 });
    });
    const counts = held(source);
    // 0 missing, 0 duplicated.
    expect(candidates.filter((c) => !counts.has(c.id))).toEqual([]);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  });

  it("runs after a SIGKILL every event it had answered 202, and remembers what was done across restarts", async () => {
    const source = hrflow.addSource(undefined, { sync_parsing: true });
    const spool = join(dir, "spool-b");
    const candidates = workable.candidates.slice(N, 2 * N);
    const accepted = await withServe(source, spool, async (s) => {
      const answers = await Promise.all(candidates.map((c) => s.post(candidateEvent(c))));
      // Killed at once: with one run at a time most events are still waiting in the spool.
      s.cli.child.kill("SIGKILL");
      return answers.filter((a) => a.status === 202).length;
    });
    expect(accepted).toBe(N);
    const leftAfterKill = readdirSync(join(spool, "pending")).length;
    // One run at a time and killed at once: the kill really left accepted events undone.
    expect(leftAfterKill).toBeGreaterThan(0);
    await withServe(source, spool, async (s) => {
      await until(() => readdirSync(join(spool, "pending")).length === 0);
      await until(async () => {
        const h = await s.health();
        return h.queued === 0 && h.running === 0;
      });
      // Deliveries of events done before the kill or after the restart: all duplicates now.
      const again = await Promise.all(candidates.map((c) => s.post(candidateEvent(c))));
      expect(again.map((a) => a.json.duplicate)).toEqual(Array(N).fill(true));
      expect((await s.health()).succeeded).toBe(leftAfterKill);
    });
    const counts = held(source);
    expect(candidates.filter((c) => !counts.has(c.id))).toEqual([]);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  });

  it("answers 503 (never 202) when the event cannot be stored, and 202 again once it can", async () => {
    const source = hrflow.addSource(undefined, { sync_parsing: true });
    const spool = join(dir, "spool-c");
    const candidate = workable.candidates[2 * N]!;
    await withServe(source, spool, async (s) => {
      // The spool's folder turned into a file: every write there fails (ENOTDIR), even as root.
      rmSync(join(spool, "pending"), { recursive: true });
      writeFileSync(join(spool, "pending"), "not a directory");
      const refused = await s.post(candidateEvent(candidate));
      expect(refused.status).toBe(503);
      expect(hrflow.profiles(source)).toHaveLength(0);
      rmSync(join(spool, "pending"));
      mkdirSync(join(spool, "pending"));
      // The vendor's retry: stored, run once.
      const retried = await s.post(candidateEvent(candidate));
      expect([retried.status, retried.json.duplicate]).toEqual([202, undefined]);
      await until(async () => (await s.health()).succeeded === 1);
      expect((await s.health()).rejected).toBe(1);
    });
    expect([...held(source).entries()]).toEqual([[candidate.id, 1]]);
  });
});

describe("one serve per spool", () => {
  it("refuses a second serve on a spool in use, and takes over the spool of a killed one", async () => {
    const source = hrflow.addSource(undefined, { sync_parsing: true });
    const spool = join(dir, "spool-owned");
    const config = serveConfig(dir, workable, hrflow, source);
    const first = await startServe(config, spool, join(dir, "state"), env());
    try {
      const second = startCli(
        ["serve", "-c", config, "--spool-dir", spool, "--state-dir", join(dir, "state")],
        {
          env: { ...env(), WORKABLE_WEBHOOK_SECRET: WEBHOOK_SECRET },
        },
      );
      expect(await second.exited).toBe(2);
      expect(second.stderr()).toMatch(/spool .* is in use by another serve \(held by pid \d+/);
    } finally {
      first.cli.child.kill("SIGKILL");
      await first.cli.exited;
    }
    // The holder is gone: a new serve takes the spool over at once and runs.
    await withServe(source, spool, async (s) => {
      const answer = await s.post(candidateEvent(workable.candidates[3 * N - 1]!));
      expect(answer.status).toBe(202);
    });
  });
});
