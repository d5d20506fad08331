// Smoke test of the published packages on every Node line we support: packs the built packages,
// installs the tarballs in a scratch project (as a user would, nothing from the workspace), and runs
// the README example against the fakes (in the CommonJS project `npm init -y` makes, then after
// `npm pkg set type=module`) plus `hrflow-connectors list` on the oldest Node the packages'
// engines allow, on 22 and on 24. Other Node versions come from the registry's `node` package (`npx -y node@<v>`).
// Usage: npm run build && npm run smoke (it packs the built dist). SMOKE_NODE_VERSIONS="20.19.0 24" narrows the list.
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const PACKAGES = ["core", "hrflow", "workable", "cli"];
// The oldest Node the installed set claims: the highest `engines.node` floor among the packed packages.
const floors = PACKAGES.map((p) => {
  const range = JSON.parse(readFileSync(join(root, "packages", p, "package.json"), "utf8")).engines.node;
  const m = /^>=(\d+)\.(\d+)$/.exec(range);
  if (!m) throw new Error(`packages/${p} engines.node '${range}' is not of the form >=MAJOR.MINOR`);
  return [Number(m[1]), Number(m[2])];
}).sort((a, b) => b[0] - a[0] || b[1] - a[1]);
const versions = (process.env.SMOKE_NODE_VERSIONS ?? `${floors[0][0]}.${floors[0][1]}.0 22 24`)
  .split(/\s+/)
  .filter(Boolean);

const work = mkdtempSync(join(tmpdir(), "hrflow-connectors-smoke-"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const quiet = { cwd: work, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" };

// Starts the fakes, runs the example file (argv[2]) in a child Node with the fakes' values in its
// environment, then checks the board. A child, because the example runs its main() without
// top-level await and the fakes must keep serving while it does.
const RUNNER = `import { spawn } from "node:child_process";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";

const file = process.argv[2];
const workable = await startFakeWorkable({ jobs: 4, seed: 3 });
const hrflow = await startFakeHrFlow();
const board = hrflow.addBoard();
const env = {
  ...process.env,
  WORKABLE_TOKEN: workable.auth.api_access_token,
  WORKABLE_SUBDOMAIN: workable.auth.subdomain,
  WORKABLE_BASE_URL: workable.baseUrl,
  HRFLOW_API_SECRET: hrflow.auth.api_secret,
  HRFLOW_API_USER: hrflow.auth.api_user,
  HRFLOW_BASE_URL: hrflow.baseUrl,
  HRFLOW_BOARD_KEY: board,
};
const child = spawn(process.execPath, [file], { env, stdio: ["ignore", "pipe", "inherit"] });
let out = "";
child.stdout.on("data", (d) => (out += d));
const code = await new Promise((done) => child.on("close", done));
const published = workable.jobs.filter((j) => j.state === "published").map((j) => j.shortcode).sort();
const onBoard = hrflow.jobs(board).map((j) => j.reference).sort();
await Promise.all([workable.close(), hrflow.close()]);
if (published.length === 0 || JSON.stringify(published) !== JSON.stringify(onBoard) || code !== 0) {
  console.error(out, "expected on the board", published, "found", onBoard, "exit code", code);
  process.exit(1);
}
console.log(\`node \${process.version}: \${file} put \${onBoard.length} published jobs on the board\`);
`;

let failed = 0;
try {
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  // Already built: packing must not rebuild (prepack), the build is the caller's.
  execFileSync(
    npm,
    [
      "pack",
      "--ignore-scripts",
      "--loglevel=warn",
      "--pack-destination",
      tarballs,
      ...PACKAGES.flatMap((p) => ["-w", `packages/${p}`]),
    ],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  const project = join(work, "project");
  mkdirSync(project);
  // As a user starts: `npm init -y` makes a CommonJS project.
  execFileSync(npm, ["init", "-y", "--loglevel=warn"], { ...quiet, cwd: project });
  execFileSync(
    npm,
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--loglevel=warn",
      ...readdirSync(tarballs).map((t) => join(tarballs, t)),
    ],
    { ...quiet, cwd: project },
  );
  const example = readFileSync(join(root, "examples/workable-jobs.ts"), "utf8");
  copyFileSync(join(root, "examples/workable-jobs.ts"), join(project, "workable-jobs.ts"));
  // What `npx tsx workable-jobs.ts` runs in a CommonJS project: the example compiled to CommonJS,
  // whose require() of our ES modules needs Node 20.19 or later.
  const transpile = (module) =>
    ts.transpileModule(example, { compilerOptions: { module, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(project, "workable-jobs.js"), transpile(ts.ModuleKind.CommonJS));
  writeFileSync(join(project, "workable-jobs.mjs"), transpile(ts.ModuleKind.ESNext));
  writeFileSync(join(project, "run.mjs"), RUNNER);

  const attempt = (version, label, file, extra = []) => {
    const env = { ...process.env, HRFLOW_CONNECTORS_HOME: join(work, `home-${version}-${label}`) };
    const node = (args) =>
      spawnSync(npx, ["-y", `node@${version}`, ...args], { cwd: project, env, encoding: "utf8" });
    const run = node(["run.mjs", file]);
    const list = extra.length ? node(extra) : { status: 0, stdout: "workable", stderr: "" };
    const ok = run.status === 0 && list.status === 0 && /workable/i.test(list.stdout);
    if (!ok) failed++;
    console.log(`${ok ? "ok  " : "FAIL"} node@${version} (${label}): ${run.stdout.trim() || "(no output)"}`);
    if (!ok) console.log(`${run.stderr}\n--- list (exit ${list.status}) ---\n${list.stdout}${list.stderr}`);
  };
  for (const version of versions) attempt(version, "commonjs, as npm init -y made it", "workable-jobs.js");
  // The one ESM step the README states; then Node 22.18+ runs the TypeScript file as written.
  execFileSync(npm, ["pkg", "set", "type=module"], { ...quiet, cwd: project });
  for (const version of versions) {
    const typescript = Number(version.split(".")[0]) >= 23;
    attempt(version, "type=module", typescript ? "workable-jobs.ts" : "workable-jobs.mjs", [
      "node_modules/@hrflow-connectors/cli/dist/bin.js",
      "list",
    ]);
  }
} finally {
  if (process.env.SMOKE_KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(
  failed ? `smoke: ${failed} Node version(s) failed` : `smoke: packages work on node ${versions.join(", ")}`,
);
process.exitCode = failed ? 1 : 0;
