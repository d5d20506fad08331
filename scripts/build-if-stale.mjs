#!/usr/bin/env node
// Runs `nx run-many -t build` unless every project's dist is newer than every file its build reads.
// Why: .ci/run builds everything in `npm test`, and with NX_SKIP_NX_CACHE the docs check used to rebuild
// it all again (minutes on 2 cores). The inputs mirror nx.json's "production" named input (the project
// minus test/ and docs/, plus tsconfig.base.json and the OpenAPI generator); Markdown is left out because
// tsc never reads it and docgen rewrites READMEs. A project is fresh only if its OLDEST dist file is newer
// than its NEWEST input, so a partial or interrupted build counts as stale and is rebuilt.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const SKIP_DIRS = new Set(["dist", "node_modules", "test", "docs", "reports", ".nx", ".turbo", "coverage"]);
const SHARED_INPUTS = ["tsconfig.base.json", "scripts/openapi-generate.mjs"].map((f) => join(root, f));

/** Newest (or oldest) mtime of the files under dir, skipping SKIP_DIRS when filtering inputs. */
function mtimes(dir, pick, skipDirs) {
  let best;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (skipDirs && SKIP_DIRS.has(entry.name)) continue;
      const inner = mtimes(path, pick, skipDirs);
      if (inner !== undefined) best = best === undefined ? inner : pick(best, inner);
    } else if (entry.isFile() && !(skipDirs && entry.name.endsWith(".md"))) {
      const t = statSync(path).mtimeMs;
      best = best === undefined ? t : pick(best, t);
    }
  }
  return best;
}

/** Whether dir/dist exists and its oldest file is newer than the project's newest build input. */
export function isFresh(dir, sharedInputsMtime = 0) {
  const dist = join(dir, "dist");
  const oldestOutput = existsSync(dist) ? mtimes(dist, Math.min, false) : undefined;
  const newestInput = Math.max(sharedInputsMtime, mtimes(dir, Math.max, true) ?? 0);
  return oldestOutput !== undefined && oldestOutput >= newestInput;
}

/** Names the first project whose build output is missing or older than its inputs, or undefined. */
export function staleProject() {
  const shared = Math.max(...SHARED_INPUTS.filter(existsSync).map((f) => statSync(f).mtimeMs));
  for (const group of ["packages", "tools"]) {
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name);
      const manifest = join(dir, "package.json");
      if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, "utf8")).scripts?.build) continue;
      if (!isFresh(dir, shared)) return relative(root, dir);
    }
  }
  return undefined;
}

if (process.argv[1] === import.meta.filename) {
  const stale = staleProject();
  if (stale === undefined) {
    console.log("build-if-stale: every dist is newer than its sources; reusing the build");
  } else {
    console.log(`build-if-stale: ${stale} needs a build; building`);
    const run = spawnSync("npx", ["nx", "run-many", "-t", "build"], { cwd: root, stdio: "inherit" });
    process.exit(run.status ?? 1);
  }
}
