import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { runDocgen } from "@hrflow-connectors/docgen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectorFiles, writeConnector } from "../src/generate.js";

// Generates a connector into a temporary workspace (the repo's node_modules linked in, as in a
// clone), then runs what CI runs on it: typecheck, its own tests, and the docs renderer.

const run = promisify(execFile);
const repo = resolve(fileURLToPath(import.meta.url), "../../../..");
let root = "";
let dir = "";

async function files(from: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(from, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)));
  }
  return out.sort();
}

/**
 * Workable's files for what only some connectors have: the older-style actions, webhooks,
 * incremental and reconciled writes, and a fake rich enough for the reliability suite.
 */
const WORKABLE_OWN = [
  "src/format-helpers.ts",
  "src/incremental.ts",
  "src/legacy.ts",
  "src/reconcile.ts",
  "src/webhook.ts",
  "src/testing/data.ts",
  "src/testing/state.ts",
  "src/testing/words.ts",
];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hrflow-connector-gen-"));
  await symlink(join(repo, "node_modules"), join(root, "node_modules"), "dir");
  for (const file of ["tsconfig.base.json", "biome.json", "LICENSE"])
    await copyFile(join(repo, file), join(root, file));
  // The package's `generate` script runs the workspace's shared generator, as in the repo.
  await mkdir(join(root, "scripts"));
  await copyFile(join(repo, "scripts/openapi-generate.mjs"), join(root, "scripts/openapi-generate.mjs"));
  await writeFile(join(root, "README.md"), "# test\n\n<!-- connectors:start -->\n<!-- connectors:end -->\n");
  dir = await writeConnector(root, "acme");
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the connector generator", () => {
  it("writes every room of a connector package", async () => {
    expect(await files(dir)).toEqual(
      [
        ...Object.keys(connectorFiles("acme")),
        "LICENSE",
        "src/generated/acme.ts",
        "src/generated/acme.zod.ts",
      ].sort(),
    );
    const types = await readFile(join(dir, "src/generated/acme.ts"), "utf8");
    expect(types).toContain('"/jobs"');
    const zod = await readFile(join(dir, "src/generated/acme.zod.ts"), "utf8");
    expect(zod).toContain("export const JobSchema = ");
    expect(() => connectorFiles("Acme Corp")).toThrow(/must match/);
    await expect(writeConnector(root, "acme")).rejects.toThrow(/already exists/);
  });

  it("has the rooms of a real connector: Workable's, but for the files of Workable's own features", async () => {
    const { stdout } = await run("git", ["ls-files", "packages/workable"], { cwd: repo });
    const workable = stdout
      .split("\n")
      .filter(Boolean)
      .map((f) => f.slice("packages/workable/".length));
    // Tests and docs are per vendor and per action; each side has its own (checked below).
    const rooms = (list: string[], name: string) =>
      list
        .filter((f) => !f.startsWith("docs/") && !f.startsWith("test/"))
        .map((f) => f.replace(`src/generated/${name}.`, "src/generated/<name>."))
        .sort();
    const generated = await files(dir);
    expect(rooms(generated, "acme")).toEqual(
      rooms(workable, "workable").filter((f) => !WORKABLE_OWN.includes(f)),
    );
    for (const list of [generated, workable]) {
      expect(list).toContain("test/types.test-d.ts");
      expect(list.some((f) => /^test\/[^/]+\.test\.ts$/.test(f))).toBe(true);
    }
  });

  it("typechecks and lints as generated (its type test included)", async () => {
    const tsc = join(repo, "node_modules/typescript/bin/tsc");
    await run(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { cwd: root });
    const biome = join(repo, "node_modules/@biomejs/biome/bin/biome");
    await run(process.execPath, [biome, "check", dir], { cwd: root });
  }, 120_000);

  it("passes its own tests against its fake server", async () => {
    const vitest = join(repo, "node_modules/vitest/vitest.mjs");
    const out = join(root, "report.json");
    await run(process.execPath, [vitest, "run", "--root", dir, "--reporter=json", `--outputFile=${out}`], {
      cwd: root,
    });
    const report = JSON.parse(await readFile(out, "utf8"));
    expect([report.numPassedTests, report.numFailedTests]).toEqual([3, 0]);
  }, 120_000);

  it("renders its docs, which then check clean", async () => {
    const importer = (_name: string, at: string) => import(join(at, "src/index.ts"));
    const first = await runDocgen(root, { check: false, importer });
    expect(first.connectors).toEqual(["Acme (@hrflow-connectors/acme)"]);
    const doc = await readFile(join(dir, "docs/create_jobs_in_hrflow.md"), "utf8");
    expect(doc).toContain("board_key");
    expect(await readFile(join(dir, "README.md"), "utf8")).toContain("update_jobs_in_hrflow");
    expect((await runDocgen(root, { check: true, importer })).drift).toEqual([]);
  }, 60_000);
});
