import type { ActionShape } from "@hrflow-connectors/core/tooling";
import { parse } from "../common.js";
import { findConnectorPackages, loadConnector, UsageError } from "../discover.js";

export const listHelp = `Usage: hrflow-connectors list [--json]

Lists the installed connector packages (node_modules/@hrflow-connectors/* declaring
"hrflowConnector" in package.json, from the working directory upward) and their actions.`;

/** A description without markdown emphasis, for a terminal. */
export function plain(text: string): string {
  return text.replace(/\*{2,3}(.+?)\*{2,3}/g, "$1").replace(/(^|\s)_(.+?)_(?=\s|$)/g, "$1$2");
}

/** Short facts about an action: style, direction or trigger, incremental support. */
export function actionTraits(action: ActionShape): string[] {
  return [...action.traits, ...(action.supportsIncremental ? ["incremental"] : [])];
}

/** `list`: installed connectors and their actions. */
export async function listCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${listHelp}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`list takes no arguments\n\n${listHelp}`);
  const packages = await findConnectorPackages();
  const rows = [];
  for (const pkg of packages) {
    try {
      const { connector } = await loadConnector(pkg);
      rows.push({
        package: pkg.name,
        version: pkg.version,
        connector: connector.name,
        subtype: connector.subtype,
        type: connector.type,
        actions: Object.values(connector.actions).map((a) => ({
          name: a.name,
          kind: a.kind,
          traits: actionTraits(a),
          description: plain(a.description),
        })),
      });
    } catch (err) {
      rows.push({ package: pkg.name, version: pkg.version, error: (err as Error).message });
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    process.stderr.write(
      "No connector packages found. Install one next to the CLI, e.g. npm install @hrflow-connectors/workable\n",
    );
    return 0;
  }
  const out: string[] = [];
  for (const row of rows) {
    if ("error" in row) {
      out.push(`${row.package} ${row.version}: cannot load (${row.error})`, "");
      continue;
    }
    out.push(`${row.connector} (${row.type}) ${row.package}@${row.version}`);
    const width = Math.max(...row.actions.map((a) => a.name.length), 0);
    for (const a of row.actions) {
      out.push(`  ${a.name.padEnd(width)}  ${a.traits.join(", ").padEnd(28)}  ${a.description}`);
    }
    out.push("");
  }
  process.stdout.write(`${out.join("\n")}`);
  return 0;
}
