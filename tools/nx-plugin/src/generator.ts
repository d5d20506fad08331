import { join } from "node:path";
import { connectorFiles, formatPackage, generateTypes } from "./generate.js";

/** The part of nx's virtual file tree a generator uses (nx passes its own; no @nx/devkit needed). */
export interface Tree {
  root: string;
  exists(path: string): boolean;
  write(path: string, content: string): void;
}

/**
 * `nx g @hrflow-connectors/nx-plugin:connector <name>`: writes the package into the tree, then,
 * once nx has flushed the files to disk, generates its OpenAPI types and formats it.
 */
export default async function connectorGenerator(tree: Tree, options: { name: string }): Promise<() => void> {
  const base = `packages/${options.name}`;
  if (tree.exists(base)) throw new Error(`${base} already exists`);
  for (const [path, content] of Object.entries(connectorFiles(options.name))) {
    tree.write(`${base}/${path}`, content);
  }
  return () => {
    generateTypes(join(tree.root, base), options.name);
    formatPackage(tree.root, join(tree.root, base));
  };
}
