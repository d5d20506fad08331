// Packs every public package (packages/* not marked private) into installable tarballs in ./packed
// and prints the `npm install` line that uses them: the packages work before they are published.
// Usage: npm run pack (builds first). PACK_DIR=/some/dir chooses the folder.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const out = resolve(process.env.PACK_DIR ?? join(root, "packed"));

/** The public workspace packages under packages/, as { dir, name }. */
export function publicPackages() {
  return readdirSync(join(root, "packages"))
    .map((dir) => ({
      dir,
      pkg: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")),
    }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ dir, pkg }) => ({ dir: `packages/${dir}`, name: pkg.name }));
}

/** Packs the built packages into `destination` (emptied first); returns the tarball paths. */
export function packInto(destination) {
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  // The build is the caller's: prepack would rebuild every package once more.
  execFileSync(
    process.platform === "win32" ? "npm.cmd" : "npm",
    [
      "pack",
      "--ignore-scripts",
      "--loglevel=warn",
      "--pack-destination",
      destination,
      ...publicPackages().flatMap((p) => ["-w", p.dir]),
    ],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  return readdirSync(destination)
    .filter((f) => f.endsWith(".tgz"))
    .sort()
    .map((f) => join(destination, f));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tarballs = packInto(out);
  console.log(`Packed ${tarballs.length} packages into ${out}. In your project, install the ones you need;`);
  console.log("a connector needs core and hrflow beside it (npm resolves them from the tarballs given):\n");
  console.log(`npm install ${tarballs.join(" ")}`);
}
