// Release checks over every published package, run by CI after `npm test` (packages must be built):
// the metadata npm shows (repository with directory, homepage, bugs, keywords, a prepack build, the
// LICENSE), what the tarball really holds (LICENSE, source maps whose sources are inside it), then
// publint (package.json vs files: exports, types, fields) and arethetypeswrong with the ESM-only
// profile (the types each export resolves to, as TypeScript's node16/bundler resolutions see them).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const bin = (name) => join(root, "node_modules/.bin", name);
const license = readFileSync(join(root, "LICENSE"), "utf8");
const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

const dirs = ["packages", "tools"].flatMap((top) =>
  readdirSync(join(root, top), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${top}/${d.name}`),
);
const published = [];
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  if (pkg.repository?.directory !== dir) fail(dir, `repository.directory should be '${dir}'`);
  if (!pkg.repository?.url) fail(dir, "no repository.url");
  if (!pkg.homepage) fail(dir, "no homepage");
  if (!pkg.bugs?.url) fail(dir, "no bugs.url");
  if (!Array.isArray(pkg.keywords) || pkg.keywords.length === 0) fail(dir, "no keywords");
  if (pkg.private) continue;
  published.push({ dir, name: pkg.name });
  if (!pkg.scripts?.prepack?.includes("build"))
    fail(dir, "no prepack build (a publish must never ship a stale dist)");
  if (!pkg.files?.includes("LICENSE")) fail(dir, "files does not list LICENSE");
  let own = "";
  try {
    own = readFileSync(join(root, dir, "LICENSE"), "utf8");
  } catch {}
  if (own !== license) fail(dir, "LICENSE missing or different from the root LICENSE");
}

const work = mkdtempSync(join(tmpdir(), "hrflow-connectors-pack-"));
try {
  for (const { dir, name } of published) {
    // Built by `npm test` already; --ignore-scripts keeps prepack from building again.
    const [info] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {
        cwd: join(root, dir),
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
    const tarball = join(work, info.filename);
    const files = new Set(info.files.map((f) => f.path));
    if (!files.has("LICENSE")) fail(name, "the tarball holds no LICENSE");
    let maps = 0;
    for (const file of files) {
      if (!file.endsWith(".map")) continue;
      maps++;
      const map = JSON.parse(readFileSync(join(root, dir, file), "utf8"));
      for (const source of map.sources ?? []) {
        const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? "", source));
        if (!files.has(target) && !map.sourcesContent)
          fail(name, `${file} points at ${target}, which the tarball does not hold`);
      }
    }
    const publint = spawnSync(bin("publint"), ["run", tarball, "--strict"], { encoding: "utf8" });
    if (publint.status !== 0) fail(name, `publint:\n${publint.stdout}${publint.stderr}`);
    const attw = spawnSync(bin("attw"), [tarball, "--profile", "esm-only", "--format", "table-flipped"], {
      encoding: "utf8",
    });
    if (attw.status !== 0) fail(name, `arethetypeswrong:\n${attw.stdout}${attw.stderr}`);
    console.log(
      `${publint.status === 0 && attw.status === 0 ? "ok  " : "FAIL"} ${name}: ${files.size} files, ${maps} source maps, ${(info.size / 1024).toFixed(1)} kB packed`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`\n${problems.length} packaging problem(s):\n${problems.map((p) => `- ${p}`).join("\n")}`);
  process.exitCode = 1;
} else console.log(`check:packages: ${published.length} packages ready to publish`);
