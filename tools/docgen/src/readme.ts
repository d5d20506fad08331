import { camelCase } from "@hrflow-connectors/core/contracts";
import { actionTitle } from "./action-doc.js";
import type { ConnectorPackage } from "./discover.js";
import { cell } from "./types.js";

export const ACTIONS_START = "<!-- actions:start -->";
export const ACTIONS_END = "<!-- actions:end -->";
export const CONNECTORS_START = "<!-- connectors:start -->";
export const CONNECTORS_END = "<!-- connectors:end -->";

/** Raised when a README lacks the marker comments that delimit its generated part. */
export class MissingMarkersError extends Error {
  override name = "MissingMarkersError";
}

/** Replaces what lies between two marker comments, keeping everything else byte for byte. */
export function replaceBetween(text: string, start: string, end: string, body: string, file: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const hint = `add the two lines ${start} and ${end} where the generated table belongs`;
  if (from < 0 || to < 0)
    throw new MissingMarkersError(`${file} has no ${from < 0 ? start : end} marker: ${hint}`);
  if (text.indexOf(start, from + 1) >= 0 || text.indexOf(end, to + 1) >= 0) {
    throw new MissingMarkersError(`${file} has more than one ${start} / ${end} pair`);
  }
  if (to < from) throw new MissingMarkersError(`${file}: ${end} comes before ${start}`);
  return `${text.slice(0, from + start.length)}\n${body}${text.slice(to)}`;
}

/** The actions table of a connector README: one row per action, linked to its doc. */
export function actionsTable(pkg: ConnectorPackage): string {
  const rows = Object.values(pkg.connector.actions).map(
    (a) =>
      `| [**${actionTitle(a.name)}**](docs/${a.name}.md) | \`${pkg.exportName}.${camelCase(a.name)}\` | ${cell(a.description)} |\n`,
  );
  return `| Action | Method | Description |\n| ------ | ------ | ----------- |\n${rows.join("")}`;
}

/** A connector README with its actions table regenerated (or a new README when there is none). */
export function connectorReadme(existing: string | undefined, pkg: ConnectorPackage): string {
  const file = `${pkg.dir}/README.md`;
  const base =
    existing ??
    [
      `# ${pkg.connector.name}`,
      "",
      ...(pkg.connector.description ? [`> ${pkg.connector.description}`, ""] : []),
      `\`npm install ${pkg.packageName}\``,
      "",
      "## Actions",
      "",
      ACTIONS_START,
      ACTIONS_END,
      "",
    ].join("\n");
  return replaceBetween(base, ACTIONS_START, ACTIONS_END, actionsTable(pkg), file);
}

/** The root connectors table: connector, type, package, version, actions, status. */
export function connectorsTable(packages: readonly ConnectorPackage[]): string {
  const rows = packages.map((p) => {
    const actions = Object.keys(p.connector.actions).length;
    return `| [**${p.connector.name}**](${p.dir}/README.md) | ${p.connector.type} | [\`${p.packageName}\`](${p.dir}) | ${p.version} | ${actions} | ${p.status} |\n`;
  });
  return (
    "| Connector | Type | Package | Version | Actions | Status |\n" +
    "| --------- | ---- | ------- | ------- | ------- | ------ |\n" +
    rows.join("")
  );
}

/** The root README with its connectors table regenerated; the README and its markers must exist. */
export function rootReadme(existing: string | undefined, packages: readonly ConnectorPackage[]): string {
  if (existing === undefined) {
    throw new MissingMarkersError(
      `README.md is missing at the repo root: create it with ${CONNECTORS_START} and ${CONNECTORS_END} lines`,
    );
  }
  return replaceBetween(existing, CONNECTORS_START, CONNECTORS_END, connectorsTable(packages), "README.md");
}
