import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { type FaultKind, hermeticRuntime, startFaultProxy } from "@hrflow-connectors/core/testing";
import type { Scenario, World } from "../../src/harness.js";
import { allScenarios } from "../../src/scenarios/index.js";

/** A scenario of the fault proof by connector and action. */
export const scenario = (connector: string, action: string): Scenario =>
  allScenarios.find((s) => s.connector === connector && s.action === action)!;

/** A world whose run left a dead-letter file, and a CLI config pointing at the same fakes without faults. */
export interface Failed {
  world: World;
  dir: string;
  deadLetter: string;
  config: string;
  entries: DeadLetterEntry[];
  close(): Promise<void>;
}

/**
 * Runs `n` items of a scenario through fault proxies whose plan decides each request's fault,
 * with a JSONL dead-letter file; what the plan refuses ends in that file.
 */
export async function failRun(
  s: Scenario,
  n: number,
  plan: (req: { method: string; url: string }) => FaultKind | null,
  {
    seed = 7,
    retry = { retries: 1, baseDelayMs: 2 },
  }: { seed?: number; retry?: { retries?: number; baseDelayMs: number } } = {},
): Promise<Failed> {
  const dir = mkdtempSync(join(tmpdir(), "ops-dead-letters-"));
  const world = await s.start(n, seed);
  const closers: (() => unknown)[] = [
    () => world.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  ];
  const faulty: Record<string, string> = {};
  const direct: Record<string, string> = {};
  for (const e of world.endpoints) {
    const proxy = await startFaultProxy({ target: e.origin, plan, holdMs: 5_000 });
    closers.unshift(() => proxy.close());
    faulty[e.key] = proxy.url(e.baseUrl);
    direct[e.key] = e.baseUrl;
  }
  const deadLetter = join(dir, "failed.jsonl");
  const runtime = hermeticRuntime({
    baseUrls: faulty,
    deadLetter,
    http: { timeoutMs: 300, retry },
  });
  await world.run({ ...runtime.options, deadLetter });
  const entries = readFileSync(deadLetter, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as DeadLetterEntry);
  const config = join(dir, "config.json");
  writeFileSync(config, JSON.stringify({ ...world.sample.options, base_urls: direct }, null, 2));
  return {
    world,
    dir,
    deadLetter,
    config,
    entries,
    close: async () => {
      for (const c of closers) await c();
    },
  };
}

/** Ids the target holds more than once, and ids of `ids` it holds neither in the target nor in `kept`. */
export function proof(world: World, kept: DeadLetterEntry[] = []) {
  const held = world.held();
  const keptIds = new Set(kept.map((e) => world.idOf(e)));
  return {
    missing: world.ids.filter((id) => !held.has(id) && !keptIds.has(id)),
    duplicated: [...held].filter(([, n]) => n > 1).map(([id]) => id),
  };
}
