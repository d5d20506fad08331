import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import { type FaultProxy, hermeticRuntime, startFaultProxy } from "@hrflow-connectors/core/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../../cli/test/helpers.js";
import type { World } from "../src/harness.js";
import { allScenarios } from "../src/scenarios/index.js";
import { leaks, secretsIn, withSecret } from "../src/secrets.js";

// Every action, called from code and from the CLI with one bad parameter at a time, must answer
// with a fatal result (exit 2) before any request reaches any fake. Counting proxies stand in
// front of every fake (no faults), so a request to any of them is seen.

type Options = Record<string, unknown>;

/** The parameter set that names where items go (flow: push_parameters; older: target_parameters). */
const targetKey = (options: Options) =>
  "push_parameters" in options ? "push_parameters" : "target_parameters";

/** One bad input: the options (and run options) it makes from valid ones, or null where it does not apply. */
interface BadCase {
  name: string;
  /** The field the fatal result's message must name. */
  names?: string;
  make(options: Options): { options: Options | undefined; runtime?: RunOptions } | null;
}

const CASES: BadCase[] = [
  { name: "no options at all", make: () => ({ options: undefined }) },
  { name: "an unknown top-level option", make: (o) => ({ options: { ...o, pul_parameters: {} } }) },
  {
    name: "no target parameters",
    // A target that needs nothing (update_profiles_in_workable) may rightly be left out.
    make: (o) => {
      const target = o[targetKey(o)] as Options | undefined;
      return target && Object.keys(target).length > 0
        ? { options: { ...o, [targetKey(o)]: undefined } }
        : null;
    },
  },
  { name: "target parameters of the wrong type", make: (o) => ({ options: { ...o, [targetKey(o)]: 42 } }) },
  {
    name: "a whitespace-only secret",
    make: (o) => (withSecret(o, "   ") ? { options: withSecret(o, "   ")! } : null),
  },
  {
    name: "a free-text updated_after",
    make: (o) =>
      "pull_parameters" in o
        ? {
            options: {
              ...o,
              pull_parameters: { ...(o.pull_parameters as Options), updated_after: "yesterday" },
            },
          }
        : null,
  },
  ...(
    [
      ["logics: 42", "logics", 42],
      ["logics: [42]", "logics", [42]],
      ["format: 42", "format", 42],
    ] as const
  ).map(
    ([name, names, value]): BadCase => ({
      name,
      names,
      // The user functions sit at the top (flow style) or in action_parameters (older style).
      make: (o) => {
        if ("push_parameters" in o) return { options: { ...o, [names]: value } };
        return {
          options: { ...o, action_parameters: { ...(o.action_parameters as Options), [names]: value } },
        };
      },
    }),
  ),
  { name: "a negative batch size", make: (o) => ({ options: o, runtime: { batchSize: -1 } }) },
  { name: "zero concurrency", make: (o) => ({ options: o, runtime: { concurrency: 0 } }) },
  { name: "a negative timeout", make: (o) => ({ options: o, runtime: { http: { timeoutMs: -5 } } }) },
];

/**
 * Counting proxies (no faults) in front of every fake of a world, fresh for each test: a request
 * a previous test's run left in flight reaches that test's proxies, never this one's.
 */
interface Counting {
  baseUrls: Record<string, string>;
  requests(): number;
  close(): Promise<unknown>;
}

async function counting(world: World): Promise<Counting> {
  const proxies: FaultProxy[] = [];
  const baseUrls: Record<string, string> = {};
  for (const e of world.endpoints) {
    const proxy = await startFaultProxy({ target: e.origin, rate: 0 });
    proxies.push(proxy);
    baseUrls[e.key] = proxy.url(e.baseUrl);
  }
  return {
    baseUrls,
    requests: () => proxies.reduce((n, p) => n + p.requests.length, 0),
    close: () => Promise.all(proxies.map((p) => p.close())),
  };
}

describe.each(allScenarios.map((s) => [`${s.connector} ${s.action}`, s] as const))(
  "%s",
  (_name, scenario) => {
    let world: World;
    let r: Counting;
    let dir: string;
    beforeAll(async () => {
      world = await scenario.start(1, 5);
      dir = mkdtempSync(join(tmpdir(), "bad-input-"));
    });
    beforeEach(async () => {
      r = await counting(world);
    });
    afterEach(() => r?.close());
    afterAll(async () => {
      await world?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const bad of CASES) {
      it(`from code: ${bad.name} ends fatal before any request`, async (ctx) => {
        const input = bad.make(world.sample.options);
        if (!input) return ctx.skip();
        const runtime = hermeticRuntime({ baseUrls: r.baseUrls, ...input.runtime });
        const result = (await Promise.resolve()
          .then(() => world.sample.action(input.options, runtime.options))
          .catch((err: Error) => ({ thrown: err.message }))) as RunResult | { thrown: string };
        expect(result).toMatchObject({ status: "fatal" });
        if (bad.names) expect((result as RunResult).message).toContain(bad.names);
        expect(r.requests()).toBe(0);
      });
    }

    // Run options are CLI flags and config keys with their own bounds: only parameter cases here.
    // Each CLI run spawns a process (about a second on a busy machine): every action gets one
    // parameter case through the CLI, in rotation, so every case is covered by several actions.
    const cliCases = CASES.filter((c) => !c.make({ push_parameters: { x: 1 } })?.runtime);
    it("from the CLI: a bad parameter (one case per action, in rotation) exits 2 before any request", {
      timeout: 180_000,
    }, async () => {
      // The first case, from this action's place in the rotation on, that applies to it.
      const start = allScenarios.indexOf(scenario);
      const picked = cliCases
        .map((_, i) => cliCases[(start + i) % cliCases.length]!)
        .map((c) => ({ name: c.name, input: c.make(world.sample.options) }))
        .find((c) => c.input?.options !== undefined)!;
      const bad = { name: picked.name };
      const input = picked.input!;
      ensureBuilt([
        "core",
        "hrflow",
        "workable",
        "lever",
        "digitalrecruiters",
        "talentsoft",
        "bullhorn",
        "cli",
      ]);
      const file = join(dir, `${scenario.action}.json`);
      writeFileSync(
        file,
        JSON.stringify({ ...input.options, base_urls: r.baseUrls, http: { retries: 0 } }, null, 2),
      );
      const res = await runCli(["run", scenario.connector, scenario.action, "-c", file, "--json"], {
        cwd: dir,
        env: { HRFLOW_CONNECTORS_STATE_DIR: dir },
      });
      expect(res.code, `${bad.name}\n${res.stderr}`).toBe(2);
      expect(r.requests(), bad.name).toBe(0);
      // Nothing the CLI printed repeats a credential of the config.
      expect(leaks(secretsIn(input.options), res.stdout, res.stderr), bad.name).toEqual([]);
    });
  },
);
