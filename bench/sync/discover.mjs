// The connector packages of the work tree and the actions each declares, found as the docs
// generator finds them (`hrflowConnector.export` in packages/*/package.json), so that a new
// connector or action without a bench row is caught (`node bench/sync.mjs --check`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Each connector package: its bench key (the connector's folder), package name and export name. */
export function connectorPackages() {
  const found = [];
  for (const dir of readdirSync(join(root, "packages")).sort()) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    const exportName = manifest.hrflowConnector?.export;
    if (exportName) found.push({ key: dir, packageName: manifest.name, exportName });
  }
  return found;
}

/** The connector object a bench key names (imports its built package). */
export async function loadConnector(key) {
  const pkg = connectorPackages().find((p) => p.key === key);
  if (!pkg) throw new Error(`no connector package for ${key} under packages/`);
  const connector = (await import(pkg.packageName))[pkg.exportName];
  if (!connector?.actions)
    throw new Error(`${pkg.packageName} does not export a connector ${pkg.exportName}`);
  return connector;
}

/** Every declared action as "connector action", in each connector's declared order. */
export async function declaredActions() {
  const all = [];
  for (const { key } of connectorPackages())
    for (const action of Object.keys((await loadConnector(key)).actions)) all.push(`${key} ${action}`);
  return all;
}
