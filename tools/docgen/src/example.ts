import { camelCase } from "@hrflow-connectors/core/contracts";
import type { ActionDocModel, ExampleOption } from "@hrflow-connectors/core/tooling";
import { DEFAULT_FUNCTION_KEY, type JsonSchema } from "./json-schema.js";
import type { Row } from "./rows.js";

/** What an example needs to know about the connector package. */
export interface ExampleTarget {
  packageName: string;
  exportName: string;
  action: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

function firstNonNull(members: JsonSchema[]): JsonSchema | undefined {
  return members.find((m) => m.type !== "null") ?? members[0];
}

/** A sample value for a field: its example, its default, else a placeholder of its type. */
export function sampleValue(name: string, json: JsonSchema, depth = 0): string {
  if (depth > 6) return "undefined";
  if (typeof json[DEFAULT_FUNCTION_KEY] === "string") return "(item) => item, // Put your code logic here";
  if (Array.isArray(json.examples) && json.examples.length > 0) return JSON.stringify(json.examples[0]);
  if ("default" in json) return JSON.stringify(json.default);
  if ("const" in json) return JSON.stringify(json.const);
  if (Array.isArray(json.enum) && json.enum.length > 0) return JSON.stringify(json.enum[0]);
  const types = Array.isArray(json.type) ? (json.type as string[]) : [json.type];
  const type = types.find((t) => t !== undefined && t !== "null") ?? types[0];
  switch (type) {
    case "string":
      return JSON.stringify(`your_${name}`);
    case "integer":
    case "number":
      return "0";
    case "boolean":
      return "false";
    case "array":
      return "[]";
    case "object":
      return "{}";
    case "null":
      return "null";
  }
  for (const k of ["anyOf", "oneOf"] as const) {
    const members = json[k];
    if (Array.isArray(members)) {
      const member = firstNonNull(members as JsonSchema[]);
      if (member) return sampleValue(name, member, depth + 1);
    }
  }
  return "undefined";
}

/**
 * The fields an example sets: the required ones and those with a default or an example (a valid
 * value), never a function default (an identity `format` would replace the connector's own mapping)
 * nor an optional field's placeholder (`"your_created_after"` is not a date).
 */
export function exampleRows(rows: readonly Row[]): Row[] {
  return rows.filter(
    (r) =>
      typeof r.json[DEFAULT_FUNCTION_KEY] !== "string" &&
      (r.required || "default" in r.json || Array.isArray(r.json.examples)),
  );
}

/** `name: value,` lines for an object argument, indented for the example call. */
function block(name: string, rows: readonly Row[]): string {
  const lines = exampleRows(rows).map((r) => {
    const value = sampleValue(r.field, r.json);
    // A value carrying a trailing comment already holds its comma.
    const comma = value.includes("//") ? "" : ",";
    return `    ${key(r.field)}: ${value}${comma}`;
  });
  return lines.length === 0 ? `  ${name}: {},` : [`  ${name}: {`, ...lines, "  },"].join("\n");
}

function wrap(target: ExampleTarget, body: string[]): string {
  return [
    "```typescript",
    `import { ${target.exportName} } from "${target.packageName}";`,
    "",
    `const result = await ${target.exportName}.${camelCase(target.action)}({`,
    ...body,
    "});",
    "",
    "console.log(result.status, result.reason, result.events);",
    "```",
  ].join("\n");
}

/** An option line of the example: `key: code,` with its comment after the comma. */
const optionLine = (o: ExampleOption): string =>
  `  ${o.key}: ${o.code},${o.comment ? ` // ${o.comment}` : ""}`;

/** The TypeScript example of an action: its workflow id, every parameter set, and its other options. */
export function actionExample(
  target: ExampleTarget,
  blocks: Record<string, readonly Row[]>,
  options: ActionDocModel["example"],
): string {
  return wrap(target, [
    '  workflow_id: "some_string_identifier",',
    ...options.before.map(optionLine),
    ...Object.entries(blocks).map(([name, rows]) => block(name, rows)),
    ...options.after.map(optionLine),
  ]);
}
