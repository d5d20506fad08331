import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConnectorPackage, Importer } from "../src/discover.js";
import { Acme, type AcmeOptions, makeAcme } from "./fixtures/connector.js";

export const ROOT_README = `# Connectors\n\nHand-written intro.\n\n<!-- connectors:start -->\n<!-- connectors:end -->\n\nHand-written outro.\n`;
export const ACME_README = `# Acme\n\nHand-written.\n\n<!-- actions:start -->\n<!-- actions:end -->\n\n## Notes\n\nKept.\n`;

/** A throw-away repo root holding one connector package (`packages/acme`) and the root README. */
export async function makeTree(options: { rootReadme?: string | null } = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "docgen-"));
  await writeFile(join(root, "package.json"), JSON.stringify({ name: "tree", workspaces: ["packages/*"] }));
  if (options.rootReadme !== null)
    await writeFile(join(root, "README.md"), options.rootReadme ?? ROOT_README);
  await mkdir(join(root, "packages", "acme"), { recursive: true });
  await mkdir(join(root, "packages", "other"), { recursive: true });
  await writeFile(
    join(root, "packages", "acme", "package.json"),
    JSON.stringify({
      name: "@hrflow-connectors/acme",
      version: "1.2.3",
      hrflowConnector: { export: "Acme" },
    }),
  );
  await writeFile(join(root, "packages", "acme", "README.md"), ACME_README);
  // Not a connector: no hrflowConnector key, so it is never imported.
  await writeFile(join(root, "packages", "other", "package.json"), JSON.stringify({ name: "other" }));
  return root;
}

/** Serves the fixture connector, built with `options`, in place of a real package import. */
export function acmeImporter(options: AcmeOptions = {}): Importer {
  return async (name) => {
    if (name !== "@hrflow-connectors/acme") throw new Error(`unexpected import of ${name}`);
    return { Acme: makeAcme(options) };
  };
}

export const removeTree = (root: string) => rm(root, { recursive: true, force: true });

/** The fixture connector as discovery would report it from `packages/acme`. */
export const acmePackage: ConnectorPackage = {
  dir: "packages/acme",
  packageName: "@hrflow-connectors/acme",
  version: "0.1.0",
  exportName: "Acme",
  status: "",
  connector: Acme,
};
