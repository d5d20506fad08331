import { join } from "node:path";
import { actionDoc } from "./action-doc.js";
import type { ConnectorPackage } from "./discover.js";
import { readOptional } from "./files.js";
import { buildManifest, manifestText } from "./manifest.js";
import { OPTION_TYPES_FILE, optionTypes } from "./option-types.js";
import { connectorReadme, rootReadme } from "./readme.js";

/** Everything docgen owns: file contents by repo-relative path, and the docs folders it manages. */
export interface Outputs {
  files: Map<string, string>;
  /** Folders (repo-relative) whose `*.md` files are all generated: any not in `files` is obsolete. */
  docDirs: string[];
}

/** Renders every output in memory; nothing is written, so a failure leaves the tree untouched. */
export async function generate(root: string, packages: readonly ConnectorPackage[]): Promise<Outputs> {
  const files = new Map<string, string>();
  const docDirs: string[] = [];
  for (const pkg of packages) {
    docDirs.push(`${pkg.dir}/docs`);
    for (const action of Object.values(pkg.connector.actions)) {
      files.set(`${pkg.dir}/docs/${action.name}.md`, actionDoc(pkg, action));
    }
    files.set(`${pkg.dir}/${OPTION_TYPES_FILE}`, optionTypes(pkg));
    const readme = `${pkg.dir}/README.md`;
    files.set(readme, connectorReadme(await readOptional(join(root, readme)), pkg));
  }
  files.set("README.md", rootReadme(await readOptional(join(root, "README.md")), packages));
  files.set("manifest.json", manifestText(await buildManifest(root, packages)));
  return { files, docDirs };
}
