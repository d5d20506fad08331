// Every action doc's TypeScript example, run as a user copies it: the object literal of the committed
// docs/<action>.md is evaluated as written, only its `your_<key>` placeholders are filled with the
// fakes' values (credentials, board and source keys), and the run must succeed against the fakes.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryDeadLetter } from "@hrflow-connectors/core/engine";
import { MemoryStore } from "@hrflow-connectors/core/store";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { World } from "../src/harness.js";
import { allScenarios } from "../src/scenarios/index.js";

const root = resolve(fileURLToPath(import.meta.url), "../../../..");

/** The options object the doc's example passes, evaluated as JavaScript (the example has no types). */
function exampleOptions(connector: string, action: string): Record<string, unknown> {
  const doc = readFileSync(join(root, "packages", connector, "docs", `${action}.md`), "utf8");
  const code = /## Example\n\n```typescript\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!code) throw new Error(`${connector}/docs/${action}.md has no TypeScript example`);
  const call = /await \w+\.\w+\((\{[\s\S]*?\n\})\);/.exec(code)?.[1];
  if (!call) throw new Error(`${connector}/docs/${action}.md: no action call in its example`);
  return new Function(`return (${call});`)() as Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The example with each `your_<key>` placeholder replaced by the working options' value for that key. */
function fill(example: Record<string, unknown>, working: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(example)) {
    const real = working[key];
    if (isObject(value) && isObject(real)) out[key] = fill(value, real);
    else if (value === `your_${key}`) out[key] = real;
    else out[key] = value;
  }
  return out;
}

describe("doc examples run as copied against the fakes", () => {
  let world: World | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await world?.close();
    world = undefined;
  });

  for (const scenario of allScenarios) {
    it(`${scenario.connector} ${scenario.action}`, { timeout: 120_000 }, async () => {
      world = await scenario.start(2, 7);
      const example = exampleOptions(scenario.connector, scenario.action);
      expect(example, "an identity format would replace the connector's mapping").not.toHaveProperty(
        "format",
      );
      const options = fill(example, world.sample.options);
      const unfilled = JSON.stringify(options).match(/"your_\w+"/g);
      expect(unfilled, "placeholders the fakes have no value for").toBeNull();
      // The example's callback prints the events.
      vi.spyOn(console, "log").mockImplementation(() => {});
      const result = await world.sample.action(options, {
        baseUrls: Object.fromEntries(world.endpoints.map((e) => [e.key, e.baseUrl])),
        store: new MemoryStore(),
        deadLetter: new MemoryDeadLetter(),
      });
      expect([result.status, result.reason, result.message]).toEqual(["success", "none", undefined]);
      expect(result.written).toBeGreaterThan(0);
    });
  }
});
