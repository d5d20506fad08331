// The memory floor: what a process holds with a connector's modules loaded, before any item. Each
// row is a fresh Node process that imports the listed modules in order and reports its RSS, V8
// heap (used, and the young generation's size) and the import's time, then which files were
// loaded, by package. Usage: node bench/floor.mjs [module ...] (default: core, hrflow, each connector).
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";

const DEFAULT = [
  "zod",
  "@hrflow-connectors/core",
  "@hrflow-connectors/hrflow",
  "@hrflow-connectors/workable",
  "@hrflow-connectors/lever",
  "@hrflow-connectors/digitalrecruiters",
  "@hrflow-connectors/talentsoft",
];
const MB = 2 ** 20;

if (process.env.BENCH_FLOOR_CHILD) {
  // In the child: import the modules, then report; files are counted through a loader hook.
  const files = new Map();
  registerHooks({
    load(url, context, next) {
      const out = next(url, context);
      if (url.startsWith("file:")) files.set(url, statSync(fileURLToPath(url)).size);
      return out;
    },
  });
  const started = performance.now();
  for (const m of process.argv.slice(2)) await import(m);
  const ms = performance.now() - started;
  const space = (name) => v8.getHeapSpaceStatistics().find((s) => s.space_name === name).space_size / MB;
  const byPackage = {};
  for (const [url, bytes] of files) {
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? /packages\/([^/]+)/.exec(url)?.[1] ?? url;
    byPackage[pkg] ??= { files: 0, kb: 0 };
    byPackage[pkg].files++;
    byPackage[pkg].kb += bytes / 1024;
  }
  console.log(
    JSON.stringify({
      rssMB: process.memoryUsage().rss / MB,
      heapUsedMB: process.memoryUsage().heapUsed / MB,
      newSpaceMB: space("new_space"),
      ms,
      byPackage,
    }),
  );
  process.exit(0);
}

const modules = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT;
const run = (mods) =>
  JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), ...mods], {
      env: { ...process.env, BENCH_FLOOR_CHILD: "1" },
      encoding: "utf8",
    }),
  );
const pad = (s, n) => String(s).padStart(n);
console.log(`node ${process.version}; each row: a fresh process importing the modules above it and its own`);
console.log(
  `${"modules loaded".padEnd(40)} ${pad("RSS MB", 8)} ${pad("heap used", 10)} ${pad("new space", 10)} ${pad("import ms", 10)}`,
);
const bare = run([]);
console.log(
  `${"(bare node)".padEnd(40)} ${pad(bare.rssMB.toFixed(1), 8)} ${pad(bare.heapUsedMB.toFixed(1), 10)} ${pad(bare.newSpaceMB.toFixed(1), 10)} ${pad("-", 10)}`,
);
let last = bare;
for (let i = 0; i < modules.length; i++) {
  // The connectors each load on top of core and hrflow only, as one action's process would.
  const mods = i < 3 ? modules.slice(0, i + 1) : [...modules.slice(0, 3), modules[i]];
  last = run(mods);
  console.log(
    `${`+ ${modules[i]}`.padEnd(40)} ${pad(last.rssMB.toFixed(1), 8)} ${pad(last.heapUsedMB.toFixed(1), 10)} ${pad(last.newSpaceMB.toFixed(1), 10)} ${pad(last.ms.toFixed(0), 10)}`,
  );
}
console.log("\nfiles loaded by the last row, by package:");
for (const [pkg, { files, kb }] of Object.entries(last.byPackage).sort((a, b) => b[1].kb - a[1].kb)) {
  console.log(`${pad(files, 5)} files ${pad(kb.toFixed(0), 6)} KB  ${pkg}`);
}
