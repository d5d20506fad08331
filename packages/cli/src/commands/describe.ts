import type { ActionShape } from "@hrflow-connectors/core/tooling";
import { stringify as toYaml } from "yaml";
import { z } from "zod";
import { parse } from "../common.js";
import { configSchemaOf } from "../config.js";
import { type LoadedConnector, resolveAction, resolveConnector, UsageError } from "../discover.js";
import { parameterSets } from "../options.js";
import { describeFields, exampleValues, type FieldDoc } from "../schema-doc.js";
import { actionTraits, plain } from "./list.js";

export const describeHelp = `Usage: hrflow-connectors describe <connector> <action> [--json | --json-schema | --example [--yaml]]

Shows an action's parameters (required ones marked with *) and an example config file.
  --example      print only the example config (e.g. > config.json)
  --yaml         write the example config as YAML
  --json         everything as JSON
  --json-schema  the JSON Schema of the action's config file (for editors and CI validation)`;

/**
 * The JSON Schema of a config file for `run`/`check`: the config keys of the action's style, each
 * parameter set with its own schema (descriptions, defaults, bounds), unknown keys refused, as
 * the CLI itself checks them. Defaulted fields are optional (input view).
 */
export function configJsonSchema(loaded: LoadedConnector, action: ActionShape): Record<string, unknown> {
  const base = configSchemaOf(action);
  const sets = Object.fromEntries(
    parameterSets(action)
      // The older style's action_parameters hold functions; a config file only sets read_mode.
      .filter((set) => set.label !== "action_parameters")
      .map((set) => [set.label, set.schema.strict()]),
  );
  const schema = base.extend(sets).strict();
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `${loaded.connector.name} ${action.name} config`,
    description: plain(action.description),
    ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
  };
}

/** The prefix of environment variable names suggested for a parameter set's secrets. */
function envPrefix(loaded: LoadedConnector, action: ActionShape, label: string): string {
  const system = action.parameterSets.find((s) => s.label === label)?.system ?? "";
  return /hrflow/i.test(system) ? "HRFLOW" : loaded.connector.subtype;
}

/** Every parameter set of the action, documented, plus an example config object. */
export function describeAction(loaded: LoadedConnector, action: ActionShape) {
  const sets = parameterSets(action).map((s) => ({ label: s.label, fields: describeFields(s.schema) }));
  const example: Record<string, unknown> = { workflow_id: `${loaded.connector.subtype}-${action.name}` };
  for (const set of sets) {
    const values = exampleValues(set.fields, envPrefix(loaded, action, set.label));
    if (set.label === "action_parameters" && Object.keys(values).length === 0) continue;
    example[set.label] = values;
  }
  Object.assign(example, action.exampleConfig);
  return {
    connector: loaded.connector.name,
    package: loaded.pkg.name,
    action: action.name,
    kind: action.kind,
    traits: actionTraits(action),
    description: plain(action.description),
    parameters: sets,
    example,
  };
}

function fieldLine(f: FieldDoc, width: number, typeWidth: number): string {
  const notes = [
    f.secret ? "secret" : "",
    "default" in f ? `default: ${JSON.stringify(f.default)}` : "",
    f.code ? `from --${f.name === "logics" ? "logics" : "format"} <module>` : "",
  ].filter(Boolean);
  const tail = notes.length > 0 ? ` (${notes.join(", ")})` : "";
  return `  ${f.required ? "*" : " "} ${f.name.padEnd(width)}  ${f.type.padEnd(typeWidth)}  ${f.description}${tail}`;
}

/** `describe <connector> <action>`: parameters and an example config. */
export async function describeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: "boolean" },
    "json-schema": { type: "boolean" },
    example: { type: "boolean" },
    yaml: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${describeHelp}\n`);
    return 0;
  }
  const [connectorName, actionName] = positionals;
  if (!connectorName || !actionName || positionals.length > 2) {
    throw new UsageError(`Expected: describe <connector> <action>\n\n${describeHelp}`);
  }
  const loaded = await resolveConnector(connectorName);
  const action = resolveAction(loaded, actionName);
  if (values["json-schema"]) {
    process.stdout.write(`${JSON.stringify(configJsonSchema(loaded, action), null, 2)}\n`);
    return 0;
  }
  const doc = describeAction(loaded, action);
  const example = values.yaml ? toYaml(doc.example) : `${JSON.stringify(doc.example, null, 2)}\n`;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }
  if (values.example) {
    process.stdout.write(example);
    return 0;
  }
  const out = [
    `${doc.connector} ${doc.action} (${doc.traits.join(", ")}) from ${doc.package}`,
    doc.description,
    "",
  ];
  for (const set of doc.parameters) {
    out.push(set.label);
    if (set.fields.length === 0) out.push("    (none)");
    const width = Math.max(...set.fields.map((f) => f.name.length), 0);
    const typeWidth = Math.min(Math.max(...set.fields.map((f) => f.type.length), 0), 30);
    for (const f of set.fields) out.push(fieldLine(f, width, typeWidth));
    out.push("");
  }
  out.push("* required", "");
  out.push(
    `Example config (${values.yaml ? "YAML" : "JSON"}; secrets come from environment variables):`,
    example.trimEnd(),
    "",
    "Optional keys: base_urls (vendor -> base URL), batch_size, concurrency" +
      `, ${action.incremental.configKey}` +
      ".",
    `Run it: hrflow-connectors run ${doc.connector.toLowerCase()} ${doc.action} --config config.${values.yaml ? "yaml" : "json"}`,
    "",
  );
  process.stdout.write(out.join("\n"));
  return 0;
}
