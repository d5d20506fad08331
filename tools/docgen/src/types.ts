import type { JsonSchema } from "./json-schema.js";

/** The metadata key a field may set (`.meta({ docType })`) to name its type in the docs. */
export const DOC_TYPE_KEY = "docType";

const literal = (value: unknown): string => JSON.stringify(value);

function resolveRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node && typeof node === "object" ? (node as JsonSchema) : undefined;
}

function union(parts: string[]): string {
  const unique = [...new Set(parts.filter((p) => p !== ""))];
  return unique.length === 0 ? "any" : unique.join("|");
}

/** Wraps a union in parentheses where it is followed by `[]`. */
const group = (text: string): string => (text.includes("|") ? `(${text})` : text);

function primitive(type: string, json: JsonSchema, root: JsonSchema, depth: number): string {
  if (type === "array") {
    const items = json.items as JsonSchema | undefined;
    if (!items || Object.keys(items).length === 0) return "array";
    return `${group(typeText(items, root, depth + 1))}[]`;
  }
  return type;
}

/**
 * The type of a field as the docs show it: JSON Schema type names (`string`, `integer`, `boolean`,
 * `object`, `null`), enums and consts as unions of literals (`"draft"|"closed"`), typed arrays as
 * `string[]`, unions joined with `|`, and `any` for what JSON Schema cannot say (functions).
 */
export function typeText(json: JsonSchema, root: JsonSchema = json, depth = 0): string {
  if (depth > 8) return "any";
  if (typeof json[DOC_TYPE_KEY] === "string") return json[DOC_TYPE_KEY] as string;
  if ("const" in json) return literal(json.const);
  if (Array.isArray(json.enum)) return union((json.enum as unknown[]).map(literal));
  if (Array.isArray(json.type)) {
    return union((json.type as string[]).map((t) => primitive(t, json, root, depth)));
  }
  if (typeof json.type === "string") return primitive(json.type, json, root, depth);
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(json[key])) {
      return union((json[key] as JsonSchema[]).map((member) => typeText(member, root, depth + 1)));
    }
  }
  if (Array.isArray(json.allOf)) {
    const parts = (json.allOf as JsonSchema[]).map((member) => typeText(member, root, depth + 1));
    return parts.length === 1 ? parts[0]! : parts.map(group).join("&");
  }
  if (typeof json.$ref === "string") {
    const target = resolveRef(json.$ref, root);
    return target ? typeText(target, root, depth + 1) : "any";
  }
  return "any";
}

/** Escapes the characters that would break a markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
