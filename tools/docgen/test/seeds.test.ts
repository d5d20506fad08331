import { describe, expect, it } from "vitest";
import { actionDoc } from "../src/action-doc.js";
import { discoverConnectors } from "../src/discover.js";
import { Acme } from "./fixtures/connector.js";
import { parseDoc, seedTarget } from "./parse-doc.js";
import { expectSameRows, loadSeeds, noSeeds, repoRoot, seedsDir } from "./seeds.js";
import { acmePackage } from "./tree.js";

if (noSeeds) {
  console.warn(`HRFLOW_CONNECTORS_NO_SEEDS=1: the seed comparison is skipped (${seedsDir} not read)`);
  describe("seed comparison", () => {
    it.skip("skipped because HRFLOW_CONNECTORS_NO_SEEDS=1 is set", () => {});
  });
} else {
  const seeds = (() => {
    try {
      return loadSeeds();
    } catch (err) {
      return err as Error;
    }
  })();

  describe("seed comparison", () => {
    if (seeds instanceof Error) {
      it("finds the seeds folder", () => {
        throw seeds;
      });
      return;
    }

    // The renderer itself, on a fixture whose schemas copy the seeds', whether or not the real packages exist.
    const fixtureCases: [string, string][] = [
      ["000_0b5df56f6cef0c4d.txt", "push_profile"],
      ["003_eb6305a80c8e0e0f.txt", "update_jobs_in_hrflow"],
      ["004_3b87e23612a4cc1d.txt", "pull_profile_list"],
    ];
    for (const [file, action] of fixtureCases) {
      it(`renders the fixture's ${action} with the rows of seed ${file}`, () => {
        const seed = seeds.get(file);
        expect(seed, `seed ${file}`).toBeDefined();
        const ours = parseDoc(actionDoc(acmePackage, Acme.actions[action]!));
        expect(ours.title).toBe(seed!.title);
        expectSameRows(ours, seed!, `fixture ${action} vs ${file}`);
      });
    }

    it("fails on a row that differs from the seed (the comparison can fail)", () => {
      const seed = seeds.get("000_0b5df56f6cef0c4d.txt")!;
      const text = actionDoc(acmePackage, Acme.actions.push_profile!).replace(
        "| Job shortcode |",
        "| The job |",
      );
      expect(() => expectSameRows(parseDoc(text), seed, "altered")).toThrow(/Destination Parameters/);
      const unlinked = actionDoc(acmePackage, Acme.actions.push_profile!).replace("(../src/format.ts)", "");
      expect(() => expectSameRows(parseDoc(unlinked), seed, "unlinked")).toThrow(/Action Parameters/);
    });

    describe("connector packages present in the repo", async () => {
      const packages = await discoverConnectors(repoRoot);
      for (const [file, seed] of seeds) {
        const { exportName, action } = seedTarget(seed);
        const pkg = packages.find((p) => p.exportName === exportName);
        if (!pkg) {
          it.skip(`${file}: ${exportName}.${action} — no connector package exports ${exportName} yet`, () => {});
          continue;
        }
        it(`${file}: ${pkg.packageName} ${action} has the seed's sections and rows`, () => {
          const found = pkg.connector.actions[action];
          expect(found, `${pkg.packageName} must define the seed action ${action}`).toBeDefined();
          const ours = parseDoc(actionDoc(pkg, found!));
          expect(ours.title).toBe(seed.title);
          expect(ours.headings).toEqual(seed.headings);
          expectSameRows(ours, seed, `${pkg.packageName} ${action} vs ${file}`);
        });
      }
    });
  });
}
