import { describe, expect, it } from "vitest";
import { actionDoc } from "../src/action-doc.js";
import { discoverConnectors } from "../src/discover.js";
import { Acme } from "./fixtures/connector.js";
import { parseDoc } from "./parse-doc.js";
import {
  expectSameRows,
  fixtureDir,
  loadOriginalSeeds,
  loadSeedFixture,
  repoRoot,
  seedsDir,
  seedsPresent,
} from "./seeds.js";
import { acmePackage } from "./tree.js";

// The seeds' parameter tables are the project's contract. They are committed as a fixture
// (test/fixtures/seeds/*.json), so every clone checks them; where the original seed documents sit
// beside the clone (../shared/seeds), a second check proves the fixture still says what they say.
const seeds = loadSeedFixture();

describe("seed contract (committed fixture)", () => {
  it("holds the five seed actions", () => {
    expect([...seeds.values()].map((s) => `${s.target.exportName}.${s.target.action}`)).toEqual([
      "Workable.push_profile",
      "DigitalRecruiters.push_profile",
      "TalentSoft.push_profile",
      "Workable.update_jobs_in_hrflow",
      "Lever.pull_profile_list",
    ]);
  });

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

  describe("connector packages in the repo", async () => {
    const packages = await discoverConnectors(repoRoot);
    for (const [file, seed] of seeds) {
      const { exportName, action } = seed.target;
      it(`${file}: ${exportName} ${action} has the seed's sections and rows`, () => {
        const pkg = packages.find((p) => p.exportName === exportName);
        expect(pkg, `a connector package must export ${exportName}`).toBeDefined();
        const found = pkg!.connector.actions[action];
        expect(found, `${pkg!.packageName} must define the seed action ${action}`).toBeDefined();
        const ours = parseDoc(actionDoc(pkg!, found!));
        expect(ours.title).toBe(seed.title);
        expect(ours.headings).toEqual(seed.headings);
        expectSameRows(ours, seed, `${pkg!.packageName} ${action} vs ${file}`);
      });
    }
  });
});

describe.runIf(seedsPresent)(`the committed fixture matches the seed documents (${seedsDir})`, () => {
  it(`${fixtureDir} says what every seed says`, () => {
    const originals = loadOriginalSeeds();
    expect([...seeds.keys()]).toEqual([...originals.keys()]);
    for (const [file, original] of originals) expect(seeds.get(file), file).toEqual(original);
  });
});
