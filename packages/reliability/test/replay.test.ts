import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { type FaultKind, hermeticRuntime, startFaultProxy } from "@hrflow-connectors/core/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, runCli } from "../../cli/test/helpers.js";
import type { Scenario, World } from "../src/harness.js";
import { allScenarios } from "../src/scenarios/index.js";

// A write whose answer was lost is dead-lettered with outcome "unknown" only when nothing could
// tell whether it landed. `replay` then looks before it resends, or refuses to resend blindly.

const scenario = (connector: string, action: string): Scenario =>
  allScenarios.find((s) => s.connector === connector && s.action === action)!;

let dir: string;
const cleanups: (() => unknown)[] = [];
beforeAll(() => ensureBuilt(["core", "hrflow", "workable", "digitalrecruiters", "cli"]), BUILD_TIMEOUT);
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/**
 * Runs one item of `scenario` through proxies whose plan decides each request's fault, with a
 * JSONL dead letter; returns the world, the dead-letter file and a config file for the CLI that
 * points at the same fakes without faults.
 */
async function failOnce(
  s: Scenario,
  plan: (req: { method: string; url: string }) => FaultKind | null,
): Promise<{ world: World; deadLetter: string; config: string; entries: DeadLetterEntry[] }> {
  dir = mkdtempSync(join(tmpdir(), "replay-"));
  const world = await s.start(1, 9);
  cleanups.push(
    () => world.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const faulty: Record<string, string> = {};
  const direct: Record<string, string> = {};
  for (const e of world.endpoints) {
    const proxy = await startFaultProxy({ target: e.origin, plan, holdMs: 5_000 });
    cleanups.push(() => proxy.close());
    faulty[e.key] = proxy.url(e.baseUrl);
    direct[e.key] = e.baseUrl;
  }
  const deadLetter = join(dir, "failed.jsonl");
  const runtime = hermeticRuntime({
    baseUrls: faulty,
    deadLetter,
    http: { timeoutMs: 300, retry: { baseDelayMs: 2 } },
  });
  await world.run({ ...runtime.options, deadLetter });
  const entries = readFileSync(deadLetter, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as DeadLetterEntry);
  const config = join(dir, "config.json");
  writeFileSync(config, JSON.stringify({ ...world.sample.options, base_urls: direct }, null, 2));
  return { world, deadLetter, config, entries };
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
