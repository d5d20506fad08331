#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { runDocgen } from "./run.js";

const USAGE = `Usage: hrflow-connectors-docgen [--check] [--root <dir>]

Renders packages/*/docs/<action>.md, each connector README's actions table, the root README's
connectors table and manifest.json from the connectors' schemas.
  --check   write nothing; exit 1 and name each file that is missing, stale or obsolete
  --root    the repository root (default: the nearest folder up from here with npm workspaces)`;

/** The nearest folder, from `start` up, whose package.json declares workspaces. */
function findRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file) && "workspaces" in JSON.parse(readFileSync(file, "utf8"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json with "workspaces" found from ${start} up`);
    dir = parent;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const check = argv.includes("--check");
  const rootAt = argv.indexOf("--root");
  const isRootValue = (i: number) => rootAt >= 0 && i === rootAt + 1;
  const unknown = argv.filter((a, i) => !["--check", "--root"].includes(a) && !isRootValue(i));
  if (unknown.length > 0 || (rootAt >= 0 && !argv[rootAt + 1])) {
    console.error(`Unknown arguments: ${unknown.join(" ") || "--root needs a folder"}\n\n${USAGE}`);
    return 2;
  }
  const root = rootAt >= 0 ? resolve(argv[rootAt + 1]!) : findRoot(process.cwd());
  const report = await runDocgen(root, { check });
  const found = report.connectors.length > 0 ? report.connectors.join(", ") : "none";
  console.log(`docgen: ${report.files} files for connectors: ${found}`);
  if (check) {
    if (report.drift.length === 0) {
      console.log("docgen --check: every generated file is up to date");
      return 0;
    }
    for (const d of report.drift) console.error(`${d.problem}: ${d.path}`);
    console.error(`docgen --check: ${report.drift.length} file(s) out of date; run \`npm run docs\``);
    return 1;
  }
  for (const d of report.drift) console.log(`${d.problem === "obsolete" ? "deleted" : "wrote"} ${d.path}`);
  if (report.drift.length === 0) console.log("docgen: nothing to change");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`docgen: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
