import type { Action, Endpoint, FlowAction, LegacyAction } from "@hrflow-connectors/core";
import type { ConnectorPackage } from "./discover.js";
import { type ExampleTarget, flowExample, legacyExample } from "./example.js";
import { LEGACY_ACTION_OVERRIDES, OTHER_PARAMETERS, type Row, rowsOf } from "./rows.js";
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

const LEGEND = ":red_circle: : *required*\n\n## Example\n\n";

// The blank lines between parts follow the original's template, so sections sit where the seeds have them.
function document(
  name: string,
  origin: string,
  target: string,
  description: string,
  endpoints: [string, string],
  tables: string[],
  example: string,
): string {
  return (
    `# ${actionTitle(name)}\n\`${origin}\` :arrow_right: \`${target}\`\n\n${description}\n\n` +
    `${endpoints[0]}\n${endpoints[1]}\n${tables.join("")}${LEGEND}${example}\n`
  );
}

const exampleTarget = (pkg: ConnectorPackage, action: Action): ExampleTarget => ({
  packageName: pkg.packageName,
  exportName: pkg.exportName,
  action: action.name,
});

/** The parameter sections of a flow-style action, in the seed's order. */
export function flowSections(pkg: ConnectorPackage, action: FlowAction): [string, Row[]][] {
  const where = (part: string) => `${pkg.packageName} ${action.name} ${part}`;
  return [
    [`${pkg.connector.name} Auth Parameters`, rowsOf(action.connectorAuth, where("connector auth"))],
    ["HrFlow.ai Auth Parameters", rowsOf(action.hrflowAuth, where("hrflow auth"))],
    [`Pull Parameters (${action.origin})`, rowsOf(action.pullParameters, where("pull parameters"))],
    [`Push Parameters (${action.target})`, rowsOf(action.pushParameters, where("push parameters"))],
    ["Other Parameters", [...OTHER_PARAMETERS]],
  ];
}

/** The doc of a flow-style action (seed 003's layout). */
export function flowDoc(pkg: ConnectorPackage, action: FlowAction): string {
  const sections = flowSections(pkg, action);
  const [auth, hrflow, pull, push] = sections.map(([, rows]) => rows) as [Row[], Row[], Row[], Row[]];
  const endpoint = (side: string, e: Endpoint | undefined) =>
    endpointBlock(`${side} endpoint used :`, "Endpoint", e ? [e] : []);
  return document(
    action.name,
    action.origin,
    action.target,
    action.description,
    [endpoint(action.origin, action.originEndpoint), endpoint(action.target, action.targetEndpoint)],
    sections.map(([heading, rows]) => table(heading, rows)),
    flowExample(
      exampleTarget(pkg, action),
      {
        connector_auth: auth,
        hrflow_auth: hrflow,
        pull_parameters: pull,
        push_parameters: push,
      },
      action.hasDefaultFormat,
    ),
  );
}

/** The parameter sections of an older-style action, in the seeds' order. */
export function legacySections(pkg: ConnectorPackage, action: LegacyAction): [string, Row[]][] {
  const where = (part: string) => `${pkg.packageName} ${action.name} ${part}`;
  return [
    [
      "Action Parameters",
      rowsOf(action.actionParameters, where("action_parameters"), LEGACY_ACTION_OVERRIDES),
    ],
    ["Source Parameters", rowsOf(action.origin.read!.parameters, where("origin_parameters"))],
    ["Destination Parameters", rowsOf(action.target.write!.parameters, where("target_parameters"))],
  ];
}

/** The doc of an older-style action (seeds 000, 001, 002, 004's layout). */
export function legacyDoc(pkg: ConnectorPackage, action: LegacyAction): string {
  const sections = legacySections(pkg, action);
  const [ap, origin, target] = sections.map(([, rows]) => rows) as [Row[], Row[], Row[]];
  const endpoints = (name: string, list: Endpoint[] | undefined) =>
    endpointBlock(`${name} endpoints used :`, "Endpoints", list ?? []);
  return document(
    action.name,
    action.origin.name,
    action.target.name,
    action.description,
    [
      endpoints(action.origin.name, action.origin.read?.endpoints),
      endpoints(action.target.name, action.target.write?.endpoints),
    ],
    sections.map(([heading, rows]) => table(heading, rows)),
    legacyExample(exampleTarget(pkg, action), {
      action_parameters: ap,
      origin_parameters: origin,
      target_parameters: target,
    }),
  );
}

/** The doc of any action. */
export function actionDoc(pkg: ConnectorPackage, action: Action): string {
  return action.kind === "flow" ? flowDoc(pkg, action) : legacyDoc(pkg, action);
}
