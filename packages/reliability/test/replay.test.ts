import { readFileSync } from "node:fs";
import type { DeadLetterEntry } from "@hrflow-connectors/core";
import type { FaultKind } from "@hrflow-connectors/core/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, runCli } from "../../cli/test/helpers.js";
import type { Scenario } from "../src/harness.js";
import { failRun, scenario } from "./operations/dead-letters.js";

// A write whose answer was lost is dead-lettered with outcome "unknown" only when nothing could
// tell whether it landed. `replay` then looks before it resends, or refuses to resend blindly.

let dir: string;
const cleanups: (() => unknown)[] = [];
beforeAll(() => ensureBuilt(["core", "hrflow", "workable", "digitalrecruiters", "cli"]), BUILD_TIMEOUT);
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** One item of `s` through fault proxies (see failRun), cleaned up after the test. */
async function failOnce(s: Scenario, plan: (req: { method: string; url: string }) => FaultKind | null) {
  const failed = await failRun(s, 1, plan, { seed: 9, retry: { baseDelayMs: 2 } });
  cleanups.push(() => failed.close());
  dir = failed.dir;
  return failed;
}

describe("replay of writes of unknown outcome", () => {
  it("refuses to resend blindly where the vendor offers no lookup, and resends when told", async () => {
    // DigitalRecruiters' apply is held unanswered without reaching the fake: it did not land,
    // but nothing can tell.
    const s = scenario("digitalrecruiters", "push_profile");
    const { world, deadLetter, config, entries } = await failOnce(s, (req) =>
      req.method === "POST" && req.url.includes("/api/candidate/apply/") ? "timeout" : null,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ stage: "write", outcome: "unknown" });
    expect(world.held().size).toBe(0);

    const refused = await runCli(["replay", deadLetter, "-c", config, "--json"], { cwd: dir });
    // Every replayed item failed again: the replay run is fatal (exit 2), its item kept.
    expect(refused.code, refused.stdout).toBe(2);
    const report = JSON.parse(refused.stdout);
    expect(report).toMatchObject({ replayed: 1, written: 0, still_failing: 1 });
    const kept = JSON.parse(readFileSync(report.dead_letter, "utf8").trim()) as DeadLetterEntry;
    expect(kept).toMatchObject({ outcome: "unknown" });
    expect(kept.error).toMatch(/not resent.*--resend-unknown/);
    expect(world.held().size).toBe(0);

    const forced = await runCli(["replay", deadLetter, "-c", config, "--resend-unknown", "--json"], {
      cwd: dir,
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ replayed: 1, written: 1, still_failing: 0 });
    expect([...world.held().values()]).toEqual([1]);
  });

  it("looks a candidate up before resending it, and counts it written when it had landed", async () => {
    // Workable acts on the create, its answer is lost, and every lookup fails during the run.
    const s = scenario("workable", "create_profiles_in_workable");
    const { world, deadLetter, config, entries } = await failOnce(s, (req) =>
      req.method === "POST" && req.url.includes("/candidates")
        ? "lost"
        : req.method === "GET" && req.url.startsWith("/spi/v3/candidates")
          ? "status5xx"
          : null,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ stage: "write", outcome: "unknown" });
    expect([...world.held().values()]).toEqual([1]);

    const replay = await runCli(["replay", deadLetter, "-c", config, "--json"], { cwd: dir });
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ replayed: 1, written: 1, still_failing: 0 });
    // Found by the lookup: still one candidate, never posted twice.
    expect([...world.held().values()]).toEqual([1]);
  });
});
