import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = resolve(fileURLToPath(import.meta.url), "../../..");

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

const read = (file: string): Manifest => JSON.parse(readFileSync(file, "utf8"));

/** The package.json that Node would load for `name` from `from`, as installed. */
function installed(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "node_modules", name, "package.json");
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return null;
  }
}

/** Every package a package needs at run time (dependencies, transitively), with its engines range. */
function runtimeTree(manifestFile: string): Manifest[] {
  const seen = new Map<string, Manifest>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    const manifest = read(file);
    seen.set(file, manifest);
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const found = installed(dep, dirname(file));
      if (found) walk(found);
    }
  };
  walk(manifestFile);
  return [...seen.values()].slice(1);
}

const published = readdirSync(join(root, "packages"))
  .map((dir) => join(root, "packages", dir, "package.json"))
  .filter((file) => existsSync(file) && !read(file).private);

describe("engines are honest", () => {
  it("covers every published package", () => {
    expect(published.length).toBeGreaterThanOrEqual(8);
  });

  for (const file of published) {
    const manifest = read(file);
    it(`${manifest.name} claims no Node older than its dependencies need`, () => {
      const claimed = manifest.engines?.node;
      expect(claimed, "engines.node").toBeTruthy();
      const floor = semver.minVersion(claimed!)!;
      const tooOld = runtimeTree(file)
        .filter((dep) => dep.engines?.node && semver.validRange(dep.engines.node))
        .filter((dep) => !semver.satisfies(floor, dep.engines!.node!))
        .map((dep) => `${dep.name}@${dep.version} needs ${dep.engines!.node}`);
      expect(tooOld, `${manifest.name} claims ${claimed}`).toEqual([]);
    });
  }

  it("notices a dependency that needs a newer Node (the check can fail)", () => {
    expect(semver.satisfies(semver.minVersion(">=20.10")!, ">=20.19.0")).toBe(false);
  });
});
