import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./seeds.js";
import { ROOT_README } from "./tree.js";

const bin = resolve(fileURLToPath(import.meta.url), "../../src/bin.ts");
// The tsx loader by path: the CLI runs in a temp folder where a bare `tsx` would not resolve.
const tsx = pathToFileURL(resolve(repoRoot, "node_modules/tsx/dist/loader.mjs")).href;
const root = await mkdtemp(join(tmpdir(), "docgen-bin-"));
afterAll(() => rm(root, { recursive: true, force: true }));

/** Runs the CLI from source (tsx) in a repo with no connector package, returning code and output. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--conditions=@hrflow-connectors/source", "--import", tsx, bin, ...args],
      { cwd: root },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

describe("bin", () => {
  it("--check exits 1 naming each out-of-date file, then 0 once written", async () => {
    await writeFile(join(root, "package.json"), JSON.stringify({ workspaces: ["packages/*"] }));
    await writeFile(join(root, "README.md"), ROOT_README);
    const stale = await cli("--check");
    expect(stale.code).toBe(1);
    expect(stale.err).toContain("stale: README.md\nmissing: manifest.json\n");
    expect(stale.err).toContain("run `npm run docs`");
    const write = await cli();
    expect(write.code).toBe(0);
    expect(write.out).toContain("wrote manifest.json");
    expect(JSON.parse(await readFile(join(root, "manifest.json"), "utf8"))).toEqual({
      name: "HrFlow.ai Connectors",
      connectors: [],
    });
    expect(await cli("--check", "--root", root)).toMatchObject({ code: 0 });
  });

  it("exits 2 with a message on bad arguments or a missing root README", async () => {
    expect(await cli("--nope")).toMatchObject({ code: 2 });
    const empty = await mkdtemp(join(tmpdir(), "docgen-bin-empty-"));
    const res = await cli("--check", "--root", empty);
    await rm(empty, { recursive: true, force: true });
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/README.md is missing at the repo root/);
  });
});
