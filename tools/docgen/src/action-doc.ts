import type { Endpoint } from "@hrflow-connectors/core";
import type { ActionShape } from "@hrflow-connectors/core/tooling";
import type { ConnectorPackage } from "./discover.js";
import { actionExample, type ExampleTarget } from "./example.js";
import { LEGACY_ACTION_OVERRIDES, OTHER_PARAMETERS, type Row, type RowOverrides, rowsOf } from "./rows.js";
import { cell } from "./types.js";

/** `update_jobs_in_hrflow` -> `Update jobs in hrflow`, as the original's title filter renders it. */
export function actionTitle(name: string): string {
  const spaced = name.replace(/_/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

const TABLE_HEAD = "| Field | Type | Default | Description |\n| ----- | ---- | ------- | ----------- |";

/** One parameters section: heading, header, one row per field, then a blank line. */
export function table(heading: string, rows: readonly Row[]): string {
  const lines = rows.map((r) => {
    const marker = r.required ? ":red_circle:" : "";
    return `\n| \`${r.field}\` ${marker} | \`${cell(r.type)}\` | ${cell(r.default)} | ${cell(r.description)} |`;
  });
  return `## ${heading}\n\n${TABLE_HEAD}${lines.join("")}\n\n`;
}

function endpointBlock(title: string, header: string, endpoints: readonly Endpoint[]): string {
  if (endpoints.length === 0) return "";
  const rows = endpoints.map((e) => `| [**${e.name}**](${e.url}) | ${cell(e.description)} |\n`).join("");
  return `\n**${title}**\n| ${header} | Description |\n| --------- | ----------- |\n${rows}\n`;
}

const LEGEND = ":red_circle: : *required*\n\n";

/**
 * The tables keep the original connector's Default and Description words (the seeds are the
 * contract), so each page says what those words mean in TypeScript, naming only the ones it shows.
 */
export function typescriptNote(sections: readonly [string, readonly Row[]][]): string {
  const rows = sections.flatMap(([, rows]) => rows);
  const parts = [
    "`None` as a default means there is none: a required key must be given, an optional one may be left out",
  ];
  if (rows.some((r) => r.default === "True" || r.default === "False"))
    parts.push("`True` / `False` are `true` / `false`");
  const readMode = rows.find((r) => r.default.startsWith("ReadMode."));
  if (readMode) parts.push(`\`${readMode.default}\` is \`"${readMode.default.slice("ReadMode.".length)}"\``);
  if (rows.some((r) => r.field === "logics" && r.required)) parts.push("`logics` may be left out (no logic)");
  return (
    "**In TypeScript.** The Default and Description columns keep the original connector's words, which " +
    `these parameters are checked against: ${parts.join("; ")}. Editors show each parameter's description ` +
    "on hover.\n\n## Example\n\n"
  );
}

// The blank lines between parts follow the original's template, so sections sit where the seeds have them.
function document(
  name: string,
  origin: string,
  target: string,
  description: string,
  endpoints: [string, string],
  tables: string[],
  note: string,
  example: string,
): string {
  return (
    `# ${actionTitle(name)}\n\`${origin}\` :arrow_right: \`${target}\`\n\n${description}\n\n` +
    `${endpoints[0]}\n${endpoints[1]}\n${tables.join("")}${LEGEND}${note}${example}\n`
  );
}

const exampleTarget = (pkg: ConnectorPackage, action: ActionShape): ExampleTarget => ({
  packageName: pkg.packageName,
  exportName: pkg.exportName,
  action: action.name,
});

/** Tables docgen renders from fixed rows instead of a schema (the flow style's run options). */
const FIXED_ROWS: Readonly<Record<string, readonly Row[]>> = { run_options: OTHER_PARAMETERS };
/** How the tables of core's own parameter sets name their types (keyed by set label). */
const SET_OVERRIDES: Readonly<Record<string, RowOverrides>> = { action_parameters: LEGACY_ACTION_OVERRIDES };

/** The parameter sections of an action, in the documented order, as core's doc model lists them. */
export function actionSections(pkg: ConnectorPackage, action: ActionShape): [string, Row[]][] {
  return action.doc.sections.map(({ heading, label }) => {
    const fixed = FIXED_ROWS[label];
    if (fixed) return [heading, [...fixed]];
    const set = action.parameterSets.find((s) => s.label === label);
    if (!set) throw new Error(`${pkg.packageName} ${action.name}: no parameter set ${label} to document`);
    const where = `${pkg.packageName} ${action.name} ${label}`;
    return [heading, rowsOf(set.schema, where, SET_OVERRIDES[label])];
  });
}

/** The doc of any action (the seeds' layout: 003's for flows, 000, 001, 002, 004's for the older style). */
export function actionDoc(pkg: ConnectorPackage, action: ActionShape): string {
  const { doc } = action;
  const sections = actionSections(pkg, action);
  const one = doc.endpoints.perSide === "one";
  const endpoints = (name: string, list: readonly Endpoint[]) =>
    endpointBlock(`${name} ${one ? "endpoint" : "endpoints"} used :`, one ? "Endpoint" : "Endpoints", list);
  // Only parameter sets appear in the example (fixed tables document the other options).
  const blocks = Object.fromEntries(
    sections.flatMap(([, rows], i) => {
      const label = doc.sections[i]?.label ?? "";
      return FIXED_ROWS[label] ? [] : [[label, rows] as const];
    }),
  );
  return document(
    action.name,
    doc.origin,
    doc.target,
    action.description,
    [endpoints(doc.origin, doc.endpoints.origin), endpoints(doc.target, doc.endpoints.target)],
    sections.map(([heading, rows]) => table(heading, rows)),
    typescriptNote(sections),
    actionExample(exampleTarget(pkg, action), blocks, doc.example),
  );
}
