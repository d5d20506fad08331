import type { ParamSchema } from "@hrflow-connectors/core";
import {
  DEFAULT_FUNCTION_KEY,
  type JsonSchema,
  propertiesOf,
  requiredOf,
  toJsonSchema,
} from "./json-schema.js";
import { typeText } from "./types.js";

/** One line of a parameters table. */
export interface Row {
  field: string;
  /** Rendered type, not yet escaped for a table cell. */
  type: string;
  /** Rendered default, Python-style as in the seeds (`None`, `False`, `[]`, unquoted strings). */
  default: string;
  description: string;
  required: boolean;
  /** The field's JSON Schema, kept for the example. */
  json: JsonSchema;
}

/** The metadata key a field may set (`.meta({ docDefault })`) to print its default verbatim. */
export const DOC_DEFAULT_KEY = "docDefault";
/** The metadata key that hides a field from the docs (core sets it on `event_parser`). */
export const SKIP_KEY = "skipFromDocs";
/** Where a connector's default format functions live, relative to its docs/ folder. */
export const FORMAT_SOURCE = "../src/format.ts";

/** Per-field rendering overrides for schemas docgen knows (core's own action parameters). */
export type RowOverrides = Record<string, { type?: string; default?: (value: unknown) => string }>;

/** Prints a value the way the original docs do (Python repr; strings unquoted at the top level). */
export function pyValue(value: unknown, nested = false): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (typeof value === "string")
    return nested ? `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : value;
  if (Array.isArray(value)) return `[${value.map((v) => pyValue(v, true)).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pyValue(k, true)}: ${pyValue(v, true)}`).join(", ")}}`;
  }
  return String(value);
}

function defaultText(json: JsonSchema, override?: (value: unknown) => string): string {
  if (typeof json[DOC_DEFAULT_KEY] === "string") return json[DOC_DEFAULT_KEY] as string;
  if (typeof json[DEFAULT_FUNCTION_KEY] === "string") {
    return `[\`${json[DEFAULT_FUNCTION_KEY]}\`](${FORMAT_SOURCE})`;
  }
  if (!("default" in json)) return "None";
  return override ? override(json.default) : pyValue(json.default);
}

/** The table rows of a parameters schema, in declaration order, without fields hidden from docs. */
export function rowsOf(schema: ParamSchema, where: string, overrides: RowOverrides = {}): Row[] {
  const json = toJsonSchema(schema, where);
  const required = requiredOf(json);
  return propertiesOf(json)
    .filter(([, field]) => field[SKIP_KEY] !== true)
    .map(([name, field]) => ({
      field: name,
      type: overrides[name]?.type ?? typeText(field, json),
      default: defaultText(field, overrides[name]?.default),
      description: typeof field.description === "string" ? field.description : "",
      required: required.has(name),
      json: field,
    }));
}

/** How the older style's action parameters (defined by core) are named in the docs. */
export const LEGACY_ACTION_OVERRIDES: RowOverrides = {
  logics: { type: "Logic[]" },
  format: { type: "Format" },
  // The seeds print the enum member, not its value.
  read_mode: { default: (value) => `ReadMode.${String(value)}` },
};

const row = (field: string, type: string, def: string, required: boolean, description: string): Row => ({
  field,
  type,
  default: def,
  description,
  required,
  json: {},
});

/**
 * The flow style's Other Parameters: a fixed table copied from seed 003 word for word, including
 * its `logics` required marker and its "at the of" wording, so docs match the documented contract;
 * only the Type column, which the contract leaves free, names the TypeScript types. Each page's
 * "In TypeScript" note translates the original's words.
 */
export const OTHER_PARAMETERS: readonly Row[] = [
  row("workflow_id", "string", "None", true, "A stable identifier used for persisting in incremental mode"),
  row(
    "logics",
    "Logic[]|null",
    "None",
    true,
    "A list of functions called in sequence with each item pulled from the origin. Each function might either return it's argument or None to discard the item. Any item discarded is eventually not pushed to the target",
  ),
  row(
    "format",
    "Format|null",
    "None",
    false,
    "A formatting function to apply on items pulled before the push",
  ),
  row(
    "callback",
    "Callback|null",
    "None",
    false,
    "Registers a callback function to be called at the of a successful execution",
  ),
  row(
    "persist",
    "boolean",
    "True",
    false,
    "When False has the effect of running in dry mode. Items are pulled but not pushed to the target",
  ),
  row("incremental", "boolean", "False", false, "Controls the incremental reading execution mode"),
];
