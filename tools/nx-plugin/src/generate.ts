import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { namesOf } from "./names.js";
import { apiFiles } from "./templates-api.js";
import { sourceFiles } from "./templates-src.js";
import { testFiles } from "./templates-test.js";

/** Every file of a new connector package, by path inside the package. */
export function connectorFiles(name: string): Record<string, string> {
  const names = namesOf(name);
  return { ...apiFiles(names), ...sourceFiles(names), ...testFiles(names) };
}

/** The repo's shared OpenAPI generator (types and zod schemas); the same path from src and dist. */
export const OPENAPI_GENERATE = fileURLToPath(
  new URL("../../../scripts/openapi-generate.mjs", import.meta.url),
);

/** Runs the shared OpenAPI generator on the package's openapi.yaml, as its `generate` script does. */
export function generateTypes(packageDir: string, name: string): void {
  execFileSync(process.execPath, [OPENAPI_GENERATE, "openapi.yaml", `src/generated/${name}`], {
    cwd: packageDir,
    stdio: "pipe",
  });
}

/** Formats and sorts imports with the repo's biome settings, so the new package lints clean. */
export function formatPackage(root: string, packageDir: string): void {
  const biome = join(
    dirname(createRequire(import.meta.url).resolve("@biomejs/biome/package.json")),
    "bin/biome",
  );
  execFileSync(process.execPath, [biome, "check", "--write", packageDir], { cwd: root, stdio: "pipe" });
}

/**
 * Writes a new connector under `<root>/packages/<name>` (refusing to overwrite one) and generates
 * its OpenAPI types and zod schemas; returns the package folder.
 */
export async function writeConnector(root: string, name: string): Promise<string> {
  const dir = join(root, "packages", name);
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  for (const [path, content] of Object.entries(connectorFiles(name))) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  // npm shows the package's own LICENSE, and check:packages requires it: the workspace's one.
  if (existsSync(join(root, "LICENSE"))) await copyFile(join(root, "LICENSE"), join(dir, "LICENSE"));
  generateTypes(dir, name);
  formatPackage(root, dir);
  return dir;
}
