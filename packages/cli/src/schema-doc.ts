import type { ParamSchema } from "@hrflow-connectors/core";
import { secretFieldsOf } from "@hrflow-connectors/core/tooling";
import { z } from "zod";

/** One documented parameter of a parameter set. */
export interface FieldDoc {
  name: string;
  type: string;
  required: boolean;
  secret: boolean;
  description: string;
  default?: unknown;
  /** Functions (logics, format) come from modules on the command line, never from a config file. */
  code: boolean;
}

type Json = Record<string, any>;

/** The older style's function-valued action parameters. */
const CODE_FIELDS = new Set(["logics", "format", "event_parser"]);

/** A JSON Schema node written as a short TypeScript-like type. */
export function typeOf(s: Json | undefined): string {
  if (!s || Object.keys(s).length === 0) return "any";
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union)) return [...new Set(union.map((u: Json) => typeOf(u)))].join(" | ");
  if (Array.isArray(s.type)) return s.type.map((t: string) => typeOf({ ...s, type: t })).join(" | ");
  switch (s.type) {
    case "array":
      return `Array<${typeOf(s.items)}>`;
    case "object":
      return s.additionalProperties && typeof s.additionalProperties === "object"
        ? `Record<string, ${typeOf(s.additionalProperties)}>`
        : "object";
    case undefined:
      return "any";
    default:
      return String(s.type);
  }
}

/**
 * Documents every field of a parameter schema from its zod definition: type, required (as input,
 * so defaulted fields are optional), default, description and the secret marker. Fields marked
 * `skipFromDocs` are left out, like docgen does.
 */
export function describeFields(schema: ParamSchema): FieldDoc[] {
  const secrets = new Set(secretFieldsOf(schema));
  const docs: FieldDoc[] = [];
  for (const [name, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const meta = (field.meta?.() ?? {}) as Json;
    if (meta.skipFromDocs) continue;
    let prop: Json | undefined;
    let required = false;
    try {
      const json = z.toJSONSchema(z.object({ [name]: field }), {
        io: "input",
        unrepresentable: "any",
      }) as Json;
      prop = json.properties?.[name];
      required = Array.isArray(json.required) && json.required.includes(name);
    } catch {
      // Function-valued fields (logics, format) have defaults JSON Schema cannot express.
      prop = undefined;
    }
    const code = prop === undefined || CODE_FIELDS.has(name);
    const doc: FieldDoc = {
      name,
      type: code ? (name === "logics" ? "Array<function>" : "function") : typeOf(prop),
      required,
      secret: secrets.has(name) || prop?.secret === true,
      description: String(prop?.description ?? field.description ?? meta.description ?? ""),
      code,
    };
    if (prop && "default" in prop) doc.default = prop.default;
    docs.push(doc);
  }
  return docs;
}

/** `WORKABLE` + `auth` -> `WORKABLE_AUTH`: the environment variable an example config points a secret at. */
export function envName(prefix: string, field: string): string {
  return `${prefix}_${field}`.toUpperCase().replace(/[^A-Z0-9_]+/g, "_");
}

/** Placeholder values for an example config: required fields and defaults, secrets as `${ENV}`. */
export function exampleValues(fields: FieldDoc[], envPrefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.code || (!f.required && !("default" in f))) continue;
    if (f.secret) out[f.name] = `\${${envName(envPrefix, f.name)}}`;
    else if ("default" in f) out[f.name] = f.default;
    else out[f.name] = placeholder(f);
  }
  return out;
}

function placeholder(f: FieldDoc): unknown {
  const t = f.type.split(" | ")[0] ?? "string";
  if (t.startsWith('"')) return JSON.parse(t);
  if (t === "integer" || t === "number") return 0;
  if (t === "boolean") return false;
  if (t.startsWith("Array<")) return [];
  if (t === "object" || t.startsWith("Record<")) return {};
  return `<${f.name}>`;
}
