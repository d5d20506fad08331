import { camelCase } from "@hrflow-connectors/core/contracts";
import type { ActionShape } from "@hrflow-connectors/core/tooling";
import type { ConnectorPackage } from "./discover.js";
import {
  DEFAULT_FUNCTION_KEY,
  type JsonSchema,
  propertiesOf,
  requiredOf,
  toJsonSchema,
} from "./json-schema.js";

/** Where the typed, documented action options of a connector package are generated. */
export const OPTION_TYPES_FILE = "src/actions.generated.ts";

/** The descriptions of the options core adds to every action, in TypeScript terms. */
const RUN_OPTION_DOCS: Readonly<Record<string, string>> = {
  workflow_id:
    "A stable identifier of this workflow: the state store keeps its incremental token and last result under it.",
  init_error:
    "Ends the run before any I/O with this reason (a webhook whose event could not be parsed sets it).",
  format:
    "Replaces the connector's own mapping of each item read; leave it out to keep that mapping. Returns the item to write.",
  logics:
    "Functions called in order on each item read; one that returns `null` or `undefined` discards the item. Default: none.",
  callback:
    "Called once at the end of a run that did not stop early, with the parameters, the events and the count written.",
  persist: "`false`: a dry run that reads, applies logics and format, but never writes. Default: `true`.",
  incremental:
    "`true`: read only what changed since the last run of this `workflow_id` (its token is kept in the state store). Default: `false`.",
  action_parameters: "How the run treats each item: `logics`, `format` and `read_mode`.",
};

/** The key of a parameter object is required unless every field of it may be left out. */
const ALWAYS_REQUIRED = new Set(["connector_auth", "hrflow_auth"]);
const ALWAYS_OPTIONAL = new Set(["action_parameters"]);

const RUN_KEYS: Readonly<Record<ActionShape["kind"], readonly [string, boolean][]>> = {
  flow: [
    ["workflow_id", true],
    ["init_error", false],
    ["format", false],
    ["logics", false],
    ["callback", false],
    ["persist", false],
    ["incremental", false],
  ],
  legacy: [
    ["workflow_id", true],
    ["init_error", false],
    ["persist", false],
  ],
};

/** A JSDoc block at `indent`, or nothing for an empty text; `*\/` inside is broken so it cannot end it. */
function jsdoc(text: string, indent: string): string[] {
  const lines = text.replaceAll("*/", "*\\/").trim().split("\n");
  if (lines.length === 1 && lines[0] === "") return [];
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`];
}

/** A field's description with its default, as a reader of the code would want it on hover. */
function fieldDoc(field: JsonSchema): string {
  const description = typeof field.description === "string" ? field.description.trim() : "";
  const fn = field[DEFAULT_FUNCTION_KEY];
  const fallback =
    typeof fn === "string"
      ? `Default: the connector's \`${fn}\`.`
      : "default" in field
        ? `Default: \`${JSON.stringify(field.default)}\`.`
        : "";
  const sentence = description && !/[.!?:]$/.test(description) ? `${description}.` : description;
  return [sentence, fallback].filter(Boolean).join(" ");
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const pascal = (name: string): string => {
  const c = camelCase(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
};

/** The interface of one action's options: every key of the inferred type, each with its description. */
function optionsInterface(pkg: ConnectorPackage, action: ActionShape): string[] {
  const method = camelCase(action.name);
  const ref = `In<"${method}">`;
  const headings = new Map(action.doc.sections.map((s) => [s.label, s.heading]));
  const lines = [
    ...jsdoc(`Options of \`${pkg.exportName}.${method}\` (${action.name}), described as in its docs.`, ""),
    `export interface ${pascal(action.name)}Options {`,
  ];
  const runKeys = RUN_KEYS[action.kind];
  // workflow_id first, as in the docs; the other run options after the parameter objects.
  const [first, ...rest] = runKeys;
  const runKey = ([name, required]: readonly [string, boolean]) => [
    ...jsdoc(RUN_OPTION_DOCS[name] ?? "", "  "),
    `  ${key(name)}${required ? "" : "?"}: ${ref}["${name}"];`,
  ];
  lines.push(...runKey(first!));
  for (const set of action.parameterSets) {
    const json = toJsonSchema(set.schema, `${pkg.packageName} ${action.name} ${set.label}`);
    const required = requiredOf(json);
    const fields = propertiesOf(json);
    const optional =
      ALWAYS_OPTIONAL.has(set.label) || (!ALWAYS_REQUIRED.has(set.label) && required.size === 0);
    const part = `Part<"${method}", "${set.label}">`;
    const doc = RUN_OPTION_DOCS[set.label] ?? headings.get(set.label) ?? "";
    // An object with no field infers as an empty record: its own type says it best.
    if (fields.length === 0) {
      lines.push(...jsdoc(doc, "  "), `  ${key(set.label)}${optional ? "?" : ""}: ${part};`);
      continue;
    }
    lines.push(...jsdoc(doc, "  "), `  ${key(set.label)}${optional ? "?" : ""}: {`);
    for (const [name, field] of fields) {
      lines.push(
        ...jsdoc(fieldDoc(field), "    "),
        `    ${key(name)}${required.has(name) ? "" : "?"}: ${part}[${JSON.stringify(name)}];`,
      );
    }
    lines.push("  };");
  }
  for (const k of rest) lines.push(...runKey(k));
  lines.push("}", "");
  return lines;
}

/**
 * The generated `src/generated/actions.ts` of a connector package: per action, an options interface
 * whose every key carries its zod description as JSDoc (so an editor shows it on hover), typed by
 * indexing the inferred options so it cannot drift from them; tsc checks both are the same type.
 */
export function optionTypes(pkg: ConnectorPackage): string {
  const actions = Object.values(pkg.connector.actions);
  const definition = `${pkg.exportName}Definition`;
  const out = [
    "// Generated by tools/docgen from the connector's zod schemas (`npm run docs`): do not edit.",
    "// Each key is typed from the inferred options (so the types cannot drift) and carries the schema's",
    "// description as JSDoc, which editors show on hover.",
    'import type { ActionOptions, RunOptions, RunResult } from "@hrflow-connectors/core";',
    `import type { ${definition} } from "./connector.js";`,
    "",
    `type In<M extends keyof ${definition}> = ActionOptions<${definition}[M]>;`,
    `type Part<M extends keyof ${definition}, K extends keyof In<M>> = NonNullable<In<M>[K]>;`,
    "",
  ];
  for (const action of actions) out.push(...optionsInterface(pkg, action));
  out.push(
    ...jsdoc(`The actions of ${pkg.exportName}, each with its documented options.`, ""),
    `export interface ${pkg.exportName}Actions {`,
  );
  for (const action of actions) {
    const method = camelCase(action.name);
    out.push(
      ...jsdoc(`${action.description}\n\nAction \`${action.name}\`: see docs/${action.name}.md.`, "  "),
      `  readonly ${method}: ((options: ${pascal(action.name)}Options, runtime?: RunOptions) => Promise<RunResult>) & {`,
      `    catch: ${definition}["${method}"]["catch"];`,
      "  };",
    );
  }
  out.push(
    "}",
    "",
    "// tsc proves each interface is the inferred options type (same keys, optionality and types).",
    "type Flat<T> = T extends (...args: never[]) => unknown",
    "  ? T",
    "  : T extends object",
    "    ? { [K in keyof T]: Flat<T[K]> }",
    "    : T;",
    "type Same<A, B> =",
    "  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;",
    "type Assert<T extends true> = T;",
    "type SameAsInferred = [",
    ...actions.map((a) => `  Assert<Same<${pascal(a.name)}Options, In<"${camelCase(a.name)}">>>,`),
    "];",
    "",
  );
  return out.join("\n");
}
