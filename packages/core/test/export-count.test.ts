import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { exportNames } from "../../../scripts/export-count.mjs";

// The root entry is the authoring and user surface; anything else belongs on a subpath. Raising
// the budget is a decision: say why in the pull request and update CONTRIBUTING.md.
const BUDGET = 70;
const entry = new URL("../src/index.ts", import.meta.url);
const contributing = new URL("../../../CONTRIBUTING.md", import.meta.url);

describe("the root entry of @hrflow-connectors/core", { timeout: 60_000 }, () => {
  let runtime: string[] = [];
  let types: string[] = [];
  // The TypeScript program behind the count takes a few seconds on a busy machine.
  beforeAll(() => {
    ({ runtime, types } = exportNames(entry.pathname));
  });

  it(`exports at most ${BUDGET} names, the count CONTRIBUTING.md states`, () => {
    expect(runtime.length + types.length).toBeLessThanOrEqual(BUDGET);
    const stated = /root entry exports (\d+) names \((\d+) at runtime, (\d+) types\)/.exec(
      readFileSync(contributing, "utf8"),
    );
    expect(stated?.slice(1).map(Number)).toEqual([
      runtime.length + types.length,
      runtime.length,
      types.length,
    ]);
  });

  it("counts what the module really exports at runtime", async () => {
    const loaded = await import("../src/index.js");
    expect(Object.keys(loaded).sort()).toEqual([...runtime].sort());
  });

  it("lists its names one by one and leaves the internals to subpaths", () => {
    expect(readFileSync(entry, "utf8")).not.toMatch(/^export \*/m);
    for (const internal of [
      "leanFetch",
      "LeanRequest",
      "BufferedResponse",
      "setLimiterFactory",
      "policyFetch",
    ]) {
      expect([...runtime, ...types]).not.toContain(internal);
    }
  });
});
