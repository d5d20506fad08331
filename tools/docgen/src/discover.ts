import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Connector } from "@hrflow-connectors/core";

/** What docgen reads of a connector: its metadata and its action registry (not its typed methods). */
export type DocumentedConnector = Pick<
  Connector,
  "name" | "subtype" | "description" | "url" | "type" | "actions"
>;

/** A connector package found in the work tree, with its loaded connector object. */
export interface ConnectorPackage {
  /** The package folder relative to the repo root, with `/` separators (e.g. `packages/workable`). */
  dir: string;
  packageName: string;
  version: string;
  exportName: string;
  /** Shown in the root table; `hrflowConnector.status` in package.json, else open source. */
  status: string;
  connector: DocumentedConnector;
}

/** What package.json must declare for a package to be documented as a connector. */
interface ConnectorManifest {
  name?: string;
  version?: string;
  hrflowConnector?: { export?: string; status?: string };
}

/** Loads a module by package name; tests pass their own to serve fixtures. */
export type Importer = (packageName: string, dir: string) => Promise<Record<string, unknown>>;

export const DEFAULT_STATUS = ":book: Open source";

const defaultImporter: Importer = (packageName) => import(packageName);

function isConnector(value: unknown): value is DocumentedConnector {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as DocumentedConnector).name === "string" &&
    typeof (value as DocumentedConnector).actions === "object"
  );
}

/** The package folders under `packages/` whose package.json declares `hrflowConnector.export`, sorted. */
export async function findConnectorManifests(
  root: string,
): Promise<{ dir: string; manifest: ConnectorManifest }[]> {
  const found: { dir: string; manifest: ConnectorManifest }[] = [];
  let entries: string[];
  try {
    entries = (await readdir(join(root, "packages"), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return found;
  }
  for (const name of entries) {
    let text: string;
    try {
      text = await readFile(join(root, "packages", name, "package.json"), "utf8");
    } catch {
      continue;
    }
    const manifest = JSON.parse(text) as ConnectorManifest;
    if (manifest.hrflowConnector !== undefined) found.push({ dir: `packages/${name}`, manifest });
  }
  return found;
}

/** Discovers and imports every connector package; a misdeclared one fails with its folder named. */
export async function discoverConnectors(
  root: string,
  importer: Importer = defaultImporter,
): Promise<ConnectorPackage[]> {
  const packages: ConnectorPackage[] = [];
  for (const { dir, manifest } of await findConnectorManifests(root)) {
    const exportName = manifest.hrflowConnector?.export;
    if (!manifest.name || !exportName) {
      throw new Error(
        `${dir}/package.json: "hrflowConnector" needs { "export": "<ExportName>" } and a "name"`,
      );
    }
    let module: Record<string, unknown>;
    try {
      module = await importer(manifest.name, join(root, dir));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`Cannot import ${manifest.name} (${dir}); is it built and installed? ${reason}`);
    }
    const connector = module[exportName];
    if (!isConnector(connector)) {
      throw new Error(
        `${manifest.name} does not export a connector named ${exportName} (${dir}/package.json)`,
      );
    }
    packages.push({
      dir,
      packageName: manifest.name,
      version: manifest.version ?? "0.0.0",
      exportName,
      status: manifest.hrflowConnector?.status ?? DEFAULT_STATUS,
      connector,
    });
  }
  // Code-point order, not locale order, so every machine sorts alike.
  const keyOf = (p: ConnectorPackage) => `${p.connector.name.toLowerCase()}\u0000${p.dir}`;
  return packages.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
