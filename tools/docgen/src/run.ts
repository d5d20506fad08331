import { applyDrift, type Drift, findDrift } from "./check.js";
import { discoverConnectors, type Importer } from "./discover.js";
import { generate } from "./generate.js";

/** What one docgen run found, and did when not checking. */
export interface DocgenReport {
  connectors: string[];
  files: number;
  drift: Drift[];
  wrote: boolean;
}

/** Discovers connectors under `root`, renders everything, then checks or writes. */
export async function runDocgen(
  root: string,
  options: { check: boolean; importer?: Importer },
): Promise<DocgenReport> {
  const packages = await discoverConnectors(root, options.importer);
  const outputs = await generate(root, packages);
  const drift = await findDrift(root, outputs);
  if (!options.check) await applyDrift(root, outputs, drift);
  return {
    connectors: packages.map((p) => `${p.connector.name} (${p.packageName})`),
    files: outputs.files.size,
    drift,
    wrote: !options.check,
  };
}
