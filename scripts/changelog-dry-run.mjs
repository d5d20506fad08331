// The release a user would read, without touching the repository: copies the workspace manifests and
// the pending changesets to a scratch folder, runs `changeset version` there, and checks that every
// public package gets a CHANGELOG.md entry and no private package is versioned. Prints each entry.
// Usage: npm run changelog:check (CI runs it). CHANGELOG_KEEP=1 keeps the scratch folder.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const work = mkdtempSync(join(tmpdir(), "hrflow-connectors-changelog-"));
const manifests = ["packages", "tools"].flatMap((group) =>
  readdirSync(join(root, group))
    .map((dir) => `${group}/${dir}/package.json`)
    .filter((file) => existsSync(join(root, file))),
);

let problems = 0;
try {
  // The lockfile tells the workspace tool (npm) apart.
  for (const file of ["package.json", "package-lock.json", ...manifests]) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    cpSync(join(root, file), join(work, file));
  }
  cpSync(join(root, ".changeset"), join(work, ".changeset"), { recursive: true });
  // The changelog generator named in .changeset/config.json resolves from the repository's modules.
  symlinkSync(join(root, "node_modules"), join(work, "node_modules"), "dir");
  const version = spawnSync(
    process.execPath,
    [join(root, "node_modules/@changesets/cli/bin.js"), "version"],
    {
      cwd: work,
      encoding: "utf8",
    },
  );
  if (version.status !== 0) throw new Error(`changeset version failed:\n${version.stdout}${version.stderr}`);
  for (const file of manifests) {
    const before = JSON.parse(readFileSync(join(root, file), "utf8"));
    const after = JSON.parse(readFileSync(join(work, file), "utf8"));
    const changelog = join(work, dirname(file), "CHANGELOG.md");
    if (before.private) {
      if (after.version !== before.version || existsSync(changelog)) {
        console.log(`FAIL ${before.name}: a private package must not be versioned`);
        problems++;
      }
      continue;
    }
    if (!existsSync(changelog) || after.version === before.version) {
      console.log(`FAIL ${before.name}: no CHANGELOG entry (add a changeset written for its users)`);
      problems++;
      continue;
    }
    console.log(
      `ok   ${before.name} ${before.version} -> ${after.version}\n${readFileSync(changelog, "utf8")}`,
    );
  }
} finally {
  if (process.env.CHANGELOG_KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(problems ? `changelog: ${problems} problem(s)` : "changelog: every public package has its entry");
process.exitCode = problems ? 1 : 0;
