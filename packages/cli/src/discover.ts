import { readdir, readFile, realpath } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Connector } from "@hrflow-connectors/core";
import type { Action } from "@hrflow-connectors/core/tooling";
import { didYouMean } from "./suggest.js";

/** The package scope every connector package is published under. */
export const SCOPE = "@hrflow-connectors";

/** An installed package that declares `"hrflowConnector": { "export": "..." }`. */
export interface ConnectorPackage {
  name: string;
  version: string;
  directory: string;
  exportName: string;
  manifest: Record<string, unknown>;
}

/** A connector package imported: its module (for optional hooks) and the connector object. */
export interface LoadedConnector {
  pkg: ConnectorPackage;
  module: Record<string, unknown>;
  connector: Connector;
}

/** A command-line problem the user can fix; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Every `node_modules` directory from `start` up to the file system root. */
function nodeModulesUpward(start: string): string[] {
  const dirs: string[] = [];
  let dir = resolve(start);
  for (;;) {
    dirs.push(join(dir, "node_modules"));
    const parent = dirname(dir);
    if (parent === dir) return dirs;
    dir = parent;
  }
}

/**
 * Scans `node_modules/@hrflow-connectors/*` from the working directory upward, then from the CLI's
 * own location upward (a global install), for packages declaring a connector. The first copy of a
 * package name wins, so a project's local install shadows a global one.
 */
export async function findConnectorPackages(cwd = process.cwd()): Promise<ConnectorPackage[]> {
  const own = dirname(fileURLToPath(import.meta.url));
  const found = new Map<string, ConnectorPackage>();
  const seenDirs = new Set<string>();
  for (const modules of [...nodeModulesUpward(cwd), ...nodeModulesUpward(own)]) {
    const scope = join(modules, SCOPE);
    let entries: string[];
    try {
      entries = (await readdir(scope)).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      const directory = await realpath(join(scope, entry)).catch(() => null);
      if (!directory || seenDirs.has(directory)) continue;
      seenDirs.add(directory);
      const manifest = await readJson(join(directory, "package.json"));
      const decl = manifest?.hrflowConnector as { export?: unknown } | undefined;
      const name = typeof manifest?.name === "string" ? manifest.name : `${SCOPE}/${entry}`;
      if (!manifest || typeof decl?.export !== "string" || found.has(name)) continue;
      found.set(name, {
        name,
        version: typeof manifest.version === "string" ? manifest.version : "0.0.0",
        directory,
        exportName: decl.export,
        manifest,
      });
    }
  }
  return [...found.values()];
}

async function readJson(file: string): Promise<Record<string, any> | null> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return null;
  }
}

/** Picks the ESM entry of an `exports` target, ignoring conditions Node would not apply by default. */
function pickTarget(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) return target.map(pickTarget).find(Boolean);
  if (!target || typeof target !== "object") return undefined;
  const t = target as Record<string, unknown>;
  for (const key of ["import", "node", "default"]) {
    const picked = pickTarget(t[key]);
    if (picked) return picked;
  }
  return undefined;
}

/** The file Node would load for `import "<package>"`, resolved from the package's own manifest. */
export function entryFile(pkg: ConnectorPackage): string {
  const exp = pkg.manifest.exports as unknown;
  const root =
    exp && typeof exp === "object" && !Array.isArray(exp) && "." in (exp as object)
      ? (exp as Record<string, unknown>)["."]
      : exp;
  const rel =
    pickTarget(root) ??
    (typeof pkg.manifest.module === "string" ? pkg.manifest.module : undefined) ??
    (typeof pkg.manifest.main === "string" ? pkg.manifest.main : "index.js");
  return join(pkg.directory, rel);
}

/** Imports a connector package and returns the connector its manifest names. */
export async function loadConnector(pkg: ConnectorPackage): Promise<LoadedConnector> {
  // Imported by file so a package installed next to the user's project loads even when the CLI
  // itself is installed elsewhere (bare specifiers resolve from the CLI's location).
  const module = (await import(pathToFileURL(entryFile(pkg)).href)) as Record<string, unknown>;
  const connector = module[pkg.exportName] as Connector | undefined;
  if (!connector || typeof connector !== "object" || typeof connector.actions !== "object") {
    throw new Error(`${pkg.name} declares export '${pkg.exportName}' but does not export a connector by it`);
  }
  return { pkg, module, connector };
}

const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, "");

/**
 * Finds a connector by package name (`@hrflow-connectors/workable`, `workable`) or by connector
 * name or subtype, case-insensitively (`Workable`, `workable`).
 */
export function resolveConnector(query: string, cwd = process.cwd()): Promise<LoadedConnector> {
  return connectorResolver(cwd)(query);
}

/**
 * `resolveConnector` for commands that resolve several connectors (serve routes, replay groups):
 * the installed packages are scanned once and each is imported at most once.
 */
export function connectorResolver(cwd = process.cwd()): (query: string) => Promise<LoadedConnector> {
  let scanned: Promise<ConnectorPackage[]> | undefined;
  const loads = new Map<ConnectorPackage, Promise<LoadedConnector>>();
  const load = (pkg: ConnectorPackage) => {
    let loading = loads.get(pkg);
    if (!loading) {
      loading = loadConnector(pkg);
      loads.set(pkg, loading);
    }
    return loading;
  };
  return async (query) => {
    scanned ??= findConnectorPackages(cwd);
    const packages = await scanned;
    const q = query.toLowerCase();
    const byPackage = packages.find(
      (p) => p.name.toLowerCase() === q || p.name.toLowerCase() === `${SCOPE}/${q}`,
    );
    if (byPackage) return load(byPackage);
    for (const pkg of packages) {
      const loaded = await load(pkg).catch(() => null);
      if (!loaded) continue;
      const { connector } = loaded;
      if (norm(connector.name) === norm(query) || norm(connector.subtype) === norm(query)) return loaded;
    }
    const names = packages.map((p) => p.name).join(", ") || "none";
    const short = packages.map((p) => p.name.replace(`${SCOPE}/`, ""));
    throw new UsageError(
      `No installed connector matches '${query}'.${didYouMean(query, short)} (installed: ${names}). Install one with: npm install ${SCOPE}/<name>`,
    );
  };
}

/** Finds an action by its snake_case name, also accepting camelCase or kebab-case spellings. */
export function resolveAction(loaded: LoadedConnector, name: string): Action {
  const actions = Object.values(loaded.connector.actions);
  const found = actions.find((a) => a.name === name) ?? actions.find((a) => norm(a.name) === norm(name));
  if (!found) {
    throw new UsageError(
      `${loaded.connector.name} has no action '${name}'.${didYouMean(
        name,
        actions.map((a) => a.name),
      )} Actions: ${actions.map((a) => a.name).join(", ")}`,
    );
  }
  return found;
}
