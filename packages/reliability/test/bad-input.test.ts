import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import { type FaultProxy, hermeticRuntime, startFaultProxy } from "@hrflow-connectors/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../../cli/test/helpers.js";
import type { Scenario, World } from "../src/harness.js";
import { allScenarios } from "../src/scenarios/index.js";
import { leaks, secretsIn, withSecret } from "../src/secrets.js";

// Every action, called from code and from the CLI with one bad parameter at a time, must answer
// with a fatal result (exit 2) before any request reaches any fake. Counting proxies stand in
// front of every fake (no faults), so a request to any of them is seen.

type Options = Record<string, unknown>;

/** The parameter set that names where items go (flow: push_parameters; older: target_parameters). */
const targetKey = (options: Options) =>
  "push_parameters" in options ? "push_parameters" : "target_parameters";

/** Bad variants of valid options, each with a name; run options too. */
function badInputs(options: Options): { name: string; options: Options | undefined; runtime?: RunOptions }[] {
  const target = options[targetKey(options)] as Options | undefined;
  const cases: { name: string; options: Options | undefined; runtime?: RunOptions }[] = [
    { name: "an unknown top-level option", options: { ...options, pul_parameters: {} } },
    { name: "a target parameter of the wrong type", options: { ...options, [targetKey(options)]: 42 } },
    { name: "a negative batch size", options, runtime: { batchSize: -1 } },
    { name: "zero concurrency", options, runtime: { concurrency: 0 } },
    { name: "a negative timeout", options, runtime: { http: { timeoutMs: -5 } } },
  ];
  // A target that needs nothing (update_profiles_in_workable) may rightly be left out.
  if (target && Object.keys(target).length > 0)
    cases.push({ name: "no target parameters", options: { ...options, [targetKey(options)]: undefined } });
  const blank = withSecret(options, "   ");
  if (blank) cases.push({ name: "a whitespace-only secret", options: blank });
  if ("pull_parameters" in options) {
    cases.push({
      name: "a free-text updated_after",
      options: {
        ...options,
        pull_parameters: { ...(options.pull_parameters as Options), updated_after: "yesterday" },
      },
    });
  }
  return cases;
}

interface Rig {
  world: World;
  proxies: FaultProxy[];
  baseUrls: Record<string, string>;
  requests(): number;
  close(): Promise<unknown>;
}

async function rig(scenario: Scenario): Promise<Rig> {
  const world = await scenario.start(1, 5);
  const proxies: FaultProxy[] = [];
  const baseUrls: Record<string, string> = {};
  for (const e of world.endpoints) {
    const proxy = await startFaultProxy({ target: e.origin, rate: 0 });
    proxies.push(proxy);
    baseUrls[e.key] = proxy.url(e.baseUrl);
  }
  return {
    world,
    proxies,
    baseUrls,
    requests: () => proxies.reduce((n, p) => n + p.requests.length, 0),
    close: () => Promise.all([world.close(), ...proxies.map((p) => p.close())]),
  };
}

describe.each(allScenarios.map((s) => [`${s.connector} ${s.action}`, s] as const))(
  "%s",
  (_name, scenario) => {
    let r: Rig;
    let dir: string;
    beforeAll(async () => {
      r = await rig(scenario);
      dir = mkdtempSync(join(tmpdir(), "bad-input-"));
    });
    afterAll(async () => {
      await r?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("from code: called without options, answers a fatal result without any request", async () => {
      const result = await Promise.resolve()
        .then(() => r.world.sample.action(undefined, hermeticRuntime({ baseUrls: r.baseUrls }).options))
        .catch((err: Error) => ({ thrown: err.message }));
      expect(result).toMatchObject({ status: "fatal" });
      expect(r.requests()).toBe(0);
    });

    it("from code: every bad parameter ends fatal, naming it, before any request", async () => {
      for (const bad of badInputs(r.world.sample.options)) {
        const runtime = hermeticRuntime({ baseUrls: r.baseUrls, ...bad.runtime });
        const result = (await Promise.resolve()
          .then(() => r.world.sample.action(bad.options, runtime.options))
          .catch((err: Error) => ({ thrown: err.message }))) as RunResult | { thrown: string };
        expect(result, bad.name).toMatchObject({ status: "fatal" });
        expect(r.requests(), bad.name).toBe(0);
      }
    });

    it("from the CLI: every bad parameter exits 2 before any request", { timeout: 180_000 }, async () => {
      ensureBuilt(["core", "hrflow", "workable", "lever", "digitalrecruiters", "talentsoft", "cli"]);
      const connector = scenario.connector;
      for (const bad of badInputs(r.world.sample.options)) {
        if (bad.runtime) continue; // run options are CLI flags and config keys with their own bounds
        const file = join(dir, `${scenario.action}.json`);
        writeFileSync(
          file,
          JSON.stringify({ ...bad.options, base_urls: r.baseUrls, http: { retries: 0 } }, null, 2),
        );
        const res = await runCli(["run", connector, scenario.action, "-c", file, "--json"], {
          cwd: dir,
          env: { HRFLOW_CONNECTORS_STATE_DIR: dir },
        });
        expect(res.code, `${bad.name}\n${res.stderr}`).toBe(2);
        expect(r.requests(), bad.name).toBe(0);
        // Nothing the CLI printed repeats a credential of the config (whitespace-only ones aside).
        expect(leaks(secretsIn(bad.options), res.stdout, res.stderr), bad.name).toEqual([]);
      }
    });
  },
);
