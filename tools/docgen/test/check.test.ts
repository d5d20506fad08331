import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runDocgen } from "../src/run.js";
import { ACME_README, acmeImporter, makeTree, removeTree } from "./tree.js";

const roots: string[] = [];
async function tree(options?: Parameters<typeof makeTree>[0]) {
  const root = await makeTree(options);
  roots.push(root);
  return root;
}
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTree));
});

const paths = (drift: { path: string; problem: string }[]) => drift.map((d) => `${d.problem}: ${d.path}`);

describe("docgen write and --check", () => {
  it("writes every output, then --check finds nothing to change", async () => {
    const root = await tree();
    const first = await runDocgen(root, { check: false, importer: acmeImporter() });
    expect(paths(first.drift)).toEqual([
      "stale: README.md",
      "missing: manifest.json",
      "stale: packages/acme/README.md",
      "missing: packages/acme/docs/create_jobs_in_hrflow.md",
      "missing: packages/acme/docs/pull_profile_list.md",
      "missing: packages/acme/docs/push_profile.md",
      "missing: packages/acme/docs/update_jobs_in_hrflow.md",
      "missing: packages/acme/src/actions.generated.ts",
    ]);
    const check = await runDocgen(root, { check: true, importer: acmeImporter() });
    expect(check.drift).toEqual([]);
    expect((await readdir(join(root, "packages", "acme", "docs"))).sort()).toEqual([
      "create_jobs_in_hrflow.md",
      "pull_profile_list.md",
      "push_profile.md",
      "update_jobs_in_hrflow.md",
    ]);
  });

  it("names each stale file after a schema description changes, and writes nothing", async () => {
    const root = await tree();
    await runDocgen(root, { check: false, importer: acmeImporter() });
    const before = await readFile(join(root, "manifest.json"), "utf8");
    const changed = acmeImporter({ boardKeyDescription: "The board to write jobs to" });
    const check = await runDocgen(root, { check: true, importer: changed });
    expect(paths(check.drift)).toEqual([
      "stale: manifest.json",
      "stale: packages/acme/docs/create_jobs_in_hrflow.md",
      "stale: packages/acme/docs/update_jobs_in_hrflow.md",
      "stale: packages/acme/src/actions.generated.ts",
    ]);
    expect(await readFile(join(root, "manifest.json"), "utf8")).toBe(before);
    await runDocgen(root, { check: false, importer: changed });
    const doc = await readFile(join(root, "packages/acme/docs/update_jobs_in_hrflow.md"), "utf8");
    expect(doc).toContain("| `board_key` :red_circle: | `string` | None | The board to write jobs to |");
  });

  it("names docs of actions that no longer exist, and deletes them when writing", async () => {
    const root = await tree();
    await runDocgen(root, { check: false, importer: acmeImporter() });
    const fewer = acmeImporter({ withoutLegacyActions: true });
    const check = await runDocgen(root, { check: true, importer: fewer });
    expect(paths(check.drift)).toEqual([
      "stale: README.md",
      "stale: manifest.json",
      "stale: packages/acme/README.md",
      "obsolete: packages/acme/docs/pull_profile_list.md",
      "obsolete: packages/acme/docs/push_profile.md",
      "stale: packages/acme/src/actions.generated.ts",
    ]);
    await runDocgen(root, { check: false, importer: fewer });
    expect((await readdir(join(root, "packages", "acme", "docs"))).sort()).toEqual([
      "create_jobs_in_hrflow.md",
      "update_jobs_in_hrflow.md",
    ]);
  });

  it("names a hand-edited doc and a deleted one", async () => {
    const root = await tree();
    await runDocgen(root, { check: false, importer: acmeImporter() });
    await writeFile(join(root, "packages/acme/docs/push_profile.md"), "edited by hand\n");
    await rm(join(root, "packages/acme/docs/pull_profile_list.md"));
    const check = await runDocgen(root, { check: true, importer: acmeImporter() });
    expect(paths(check.drift)).toEqual([
      "missing: packages/acme/docs/pull_profile_list.md",
      "stale: packages/acme/docs/push_profile.md",
    ]);
  });

  it("renders byte-identical output on every run, each file ending with one newline", async () => {
    const a = await tree();
    const b = await tree();
    await runDocgen(a, { check: false, importer: acmeImporter() });
    await runDocgen(b, { check: false, importer: acmeImporter() });
    for (const file of [
      "README.md",
      "manifest.json",
      "packages/acme/README.md",
      "packages/acme/docs/update_jobs_in_hrflow.md",
      "packages/acme/docs/push_profile.md",
    ]) {
      const text = await readFile(join(a, file), "utf8");
      expect(await readFile(join(b, file), "utf8"), file).toBe(text);
      expect(text.endsWith("\n") && !text.endsWith("\n\n"), `${file} ends with exactly one newline`).toBe(
        true,
      );
    }
  });

  it("keeps the hand-written parts of the READMEs", async () => {
    const root = await tree();
    await runDocgen(root, { check: false, importer: acmeImporter() });
    const readme = await readFile(join(root, "packages/acme/README.md"), "utf8");
    expect(readme.startsWith("# Acme\n\nHand-written.\n\n<!-- actions:start -->\n| Action | Method |")).toBe(
      true,
    );
    expect(readme.endsWith("<!-- actions:end -->\n\n## Notes\n\nKept.\n")).toBe(true);
    expect(readme).toContain(
      "| [**Update jobs in hrflow**](docs/update_jobs_in_hrflow.md) | `Acme.updateJobsInHrflow` | Send **updated** 'job(s)' _from_ Acme _to_ HrFlow |",
    );
    const root_ = await readFile(join(root, "README.md"), "utf8");
    expect(root_).toContain(
      "| [**Acme**](packages/acme/README.md) | ATS | [`@hrflow-connectors/acme`](packages/acme) | 1.2.3 | 4 | :book: Open source |",
    );
    expect(root_.endsWith("<!-- connectors:end -->\n\nHand-written outro.\n")).toBe(true);
    expect(ACME_README).not.toContain("| Action |");
  });

  it("fails with a clear message when the root README or its markers are missing", async () => {
    const none = await tree({ rootReadme: null });
    await expect(runDocgen(none, { check: true, importer: acmeImporter() })).rejects.toThrow(
      /README.md is missing at the repo root: create it with <!-- connectors:start --> and <!-- connectors:end -->/,
    );
    const bare = await tree({ rootReadme: "# Hello\n" });
    await expect(runDocgen(bare, { check: false, importer: acmeImporter() })).rejects.toThrow(
      /README.md has no <!-- connectors:start --> marker/,
    );
    // A failed run writes nothing.
    await expect(readdir(join(bare, "packages", "acme", "docs"))).rejects.toThrow(/ENOENT/);
  });

  it("creates a connector README with markers when the package has none", async () => {
    const root = await tree();
    await rm(join(root, "packages/acme/README.md"));
    await runDocgen(root, { check: false, importer: acmeImporter() });
    const readme = await readFile(join(root, "packages/acme/README.md"), "utf8");
    expect(readme).toMatch(/^# Acme\n\n> A fixture ATS\n/);
    expect(readme).toMatch(
      /<!-- actions:start -->\n\| Action \| Method \| Description \|[\s\S]*<!-- actions:end -->\n$/,
    );
  });

  it("rejects a package whose declared export is not a connector", async () => {
    const root = await tree();
    const wrong = async () => ({ Acme: { hello: "world" } });
    await expect(runDocgen(root, { check: true, importer: wrong })).rejects.toThrow(
      /@hrflow-connectors\/acme does not export a connector named Acme \(packages\/acme\/package.json\)/,
    );
  });
});
