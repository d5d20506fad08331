#!/usr/bin/env node
// Usage: node scripts/openapi-generate.mjs <openapi.yaml> <out-base>
// Writes <out-base>.ts (openapi-typescript's types, as the packages always had) and <out-base>.zod.ts
// (one zod 4 schema per components.schemas entry, named <Name>Schema). The zod file ends with a
// compile-time check that every schema's output type and openapi-typescript's type accept each
// other, so the two generated views of the description cannot drift apart.
//
// Why not a library: the schemas feed the docs (JSON Schema via z.toJSONSchema), so the generated
// code must map `additionalProperties` to zod's unknown-key policy exactly (absent: z.object,
// true: z.looseObject, false: z.strictObject) and put `.describe()` where the docs read it. The
// zod-4 emitters checked (openapi-zod-client and typed-openapi emit zod 3 idioms, @hey-api's zod
// plugin emits every object as z.object) do not; this file stays small because it only handles
// the OpenAPI 3.0 subset our descriptions use and fails loudly on anything else.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { parse } from "yaml";

const [yamlPath, outBase] = process.argv.slice(2);
if (!yamlPath || !outBase) {
  console.error("usage: node scripts/openapi-generate.mjs <openapi.yaml> <out-base>");
  process.exit(2);
}

/** Runs openapi-typescript's CLI, so <out-base>.ts is byte for byte what `openapi-typescript` writes. */
function writeTypes() {
  const pkgJson = createRequire(import.meta.url).resolve("openapi-typescript/package.json");
  const pkg = JSON.parse(readFileSync(pkgJson, "utf8"));
  const cli = join(dirname(pkgJson), typeof pkg.bin === "string" ? pkg.bin : pkg.bin["openapi-typescript"]);
  execFileSync(process.execPath, [cli, yamlPath, "-o", `${outBase}.ts`], { stdio: "inherit" });
}

const doc = parse(readFileSync(yamlPath, "utf8"));
const schemas = doc?.components?.schemas ?? {};
const REF = "#/components/schemas/";

const fail = (where, why) => {
  throw new Error(`${yamlPath}: ${where}: ${why} (scripts/openapi-generate.mjs does not handle it)`);
};
const refName = (ref, where) => {
  if (typeof ref !== "string" || !ref.startsWith(REF)) fail(where, `unsupported $ref ${ref}`);
  const name = ref.slice(REF.length);
  if (!(name in schemas)) fail(where, `$ref to a missing schema ${name}`);
  return name;
};
const constName = (name) => `${name.replace(/[^A-Za-z0-9_$]/g, "_")}Schema`;
const key = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
const indent = (text, pad) => text.replace(/\n/g, `\n${pad}`);

/** z.object, z.looseObject or z.strictObject, as additionalProperties says (JSON Schema's default allows extra keys; zod's z.object accepts and drops them). */
function objectKind(s) {
  const ap = s.additionalProperties;
  if (ap === true || (ap && typeof ap === "object" && Object.keys(ap).length === 0)) return "looseObject";
  if (ap && typeof ap === "object") return "catchall";
  if (s.additionalProperties === false) return "strictObject";
  return "object";
}

function propertiesCode(s, where) {
  const required = new Set(s.required ?? []);
  for (const r of required)
    if (!(r in (s.properties ?? {}))) fail(where, `required "${r}" is not one of its properties`);
  return Object.entries(s.properties ?? {}).map(
    ([k, p]) => `${key(k)}: ${indent(code(p, `${where}.${k}`, required.has(k)), "")},`,
  );
}

const block = (open, lines, close) =>
  lines.length === 0
    ? `${open}${close}`
    : `${open}\n  ${lines.map((l) => indent(l, "  ")).join("\n  ")}\n${close}`;

/** An allOf of objects as one object: later parts override earlier keys in place, as zod's extend does. */
function allOfCode(s, where) {
  let kind = "object";
  const lines = [];
  s.allOf.forEach((part, i) => {
    const at = `${where}.allOf[${i}]`;
    if (part.$ref) {
      const target = schemas[refName(part.$ref, at)];
      if (!target.properties) fail(at, "allOf parts must be objects");
      if (objectKind(target) === "catchall") fail(at, "allOf over an object with typed additionalProperties");
      if (objectKind(target) === "looseObject") kind = "looseObject";
      lines.push(`...${constName(refName(part.$ref, at))}.shape,`);
    } else {
      if (!part.properties || part.allOf || part.oneOf || part.anyOf) fail(at, "allOf parts must be objects");
      if (objectKind(part) === "catchall") fail(at, "allOf over an object with typed additionalProperties");
      if (objectKind(part) === "looseObject") kind = "looseObject";
      lines.push(...propertiesCode(part, at));
    }
  });
  if (s.properties) fail(where, "properties beside allOf");
  return block(`z.${kind}({`, lines, "})");
}

/** Numbers and booleans of an enum are literals (their JSON Schema is `const`, like the docs had). */
function enumCode(values, where) {
  const kept = values.filter((v) => v !== null);
  // One value is a literal, as a hand-written schema would say it (its JSON Schema is `const`).
  if (kept.length === 1) return `z.literal(${JSON.stringify(kept[0])})`;
  if (kept.every((v) => typeof v === "string")) return `z.enum(${JSON.stringify(kept)})`;
  if (kept.some((v) => typeof v === "object")) fail(where, "object values in enum");
  const literals = kept.map((v) => `z.literal(${JSON.stringify(v)})`);
  return `z.union([${literals.join(", ")}])`;
}

function stringCode(s) {
  let out = "z.string()";
  const message = s["x-error-message"] ? `, ${JSON.stringify(s["x-error-message"])}` : "";
  if (s.minLength !== undefined) out += `.min(${s.minLength}${message})`;
  if (s.maxLength !== undefined) out += `.max(${s.maxLength}${message})`;
  if (s.pattern !== undefined) out += `.regex(new RegExp(${JSON.stringify(s.pattern)})${message})`;
  return out;
}

function numberCode(s) {
  let out = s.type === "integer" ? "z.number().int()" : "z.number()";
  if (s.minimum !== undefined) out += `.min(${s.minimum})`;
  if (s.maximum !== undefined) out += `.max(${s.maximum})`;
  return out;
}

/** The schema itself, before nullable, optional and description. */
function baseCode(s, where) {
  if (Array.isArray(s.type)) fail(where, "type arrays (OpenAPI 3.1)");
  if (s.$ref) return constName(refName(s.$ref, where));
  if (s.allOf)
    return s.allOf.length === 1 ? code(s.allOf[0], `${where}.allOf[0]`, true) : allOfCode(s, where);
  const union = s.oneOf ?? s.anyOf;
  if (union) return `z.union([${union.map((u, i) => code(u, `${where}.oneOf[${i}]`, true)).join(", ")}])`;
  if (s.enum) return enumCode(s.enum, where);
  switch (s.type) {
    case "string":
      return stringCode(s);
    case "number":
    case "integer":
      return numberCode(s);
    case "boolean":
      return "z.boolean()";
    case "array": {
      if (!s.items) fail(where, "array without items");
      const min = s.minItems !== undefined ? `.min(${s.minItems})` : "";
      return `z.array(${code(s.items, `${where}[]`, true)})${min}`;
    }
    case "object":
    case undefined: {
      if (s.properties && objectKind(s) === "catchall") {
        const rest = code(s.additionalProperties, `${where}{}`, true);
        return block("z.object({", propertiesCode(s, where), `}).catchall(${rest})`);
      }
      if (s.properties) return block(`z.${objectKind(s)}({`, propertiesCode(s, where), "})");
      if (s.additionalProperties && typeof s.additionalProperties === "object")
        return `z.record(z.string(), ${code(s.additionalProperties, `${where}{}`, true)})`;
      if (s.type === undefined) return "z.unknown()";
      if (s.additionalProperties === true) return "z.record(z.string(), z.unknown())";
      return fail(where, "an object without properties or additionalProperties");
    }
    default:
      return fail(where, `type ${s.type}`);
  }
}

/** The schema with its modifiers, in the order the docs' JSON Schema reads them (description outermost). */
function code(s, where, required) {
  if (s === null || typeof s !== "object") fail(where, "not a schema");
  let out = baseCode(s, where);
  const nullable = s.nullable === true || (Array.isArray(s.enum) && s.enum.includes(null));
  if (nullable && !required && s.default === undefined) out += ".nullish()";
  else if (nullable) out += ".nullable()";
  // A default makes the key optional on input and present on output, as openapi-typescript types it.
  if (s.default !== undefined) out += `.default(${JSON.stringify(s.default)})`;
  else if (!required && !nullable) out += ".optional()";
  if (s.description !== undefined) out += `.describe(${JSON.stringify(String(s.description).trim())})`;
  return out;
}

/** Every schema a schema's code names (its $refs), so each const is declared before use. */
function refsOf(s, found = new Set()) {
  if (Array.isArray(s)) for (const x of s) refsOf(x, found);
  else if (s && typeof s === "object") {
    if (typeof s.$ref === "string" && s.$ref.startsWith(REF)) found.add(s.$ref.slice(REF.length));
    for (const [k, v] of Object.entries(s)) if (k !== "$ref") refsOf(v, found);
  }
  return found;
}

function ordered() {
  const done = new Set();
  const visiting = new Set();
  const out = [];
  const visit = (name, from) => {
    if (done.has(name)) return;
    if (visiting.has(name)) fail(`components.schemas.${from}`, `a $ref cycle through ${name}`);
    visiting.add(name);
    for (const dep of refsOf(schemas[name])) visit(dep, name);
    visiting.delete(name);
    done.add(name);
    out.push(name);
  };
  for (const name of Object.keys(schemas)) visit(name, name);
  return out;
}

function zodFile() {
  const typesModule = `./${basename(outBase)}.js`;
  const names = ordered();
  const consts = names.map((name) => {
    const s = schemas[name];
    const summary = s.description ? String(s.description).trim().split("\n")[0] : `The ${name} schema.`;
    return `/** ${summary.replaceAll("*/", "*\\/")} */\nexport const ${constName(name)} = ${code(s, `components.schemas.${name}`, true)};`;
  });
  const checks = names.map(
    (n) => `  Assert<Same<z.output<typeof ${constName(n)}>, S[${JSON.stringify(n)}]>>,`,
  );
  return `/**
 * This file was generated by scripts/openapi-generate.mjs from ${yamlPath}.
 * Do not make direct changes to the file: edit the description and run \`npm run generate\`.
 */

import { z } from "zod";
import type { components } from "${typesModule}";

${consts.join("\n\n")}

type S = components["schemas"];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time proof that each schema above and openapi-typescript's type accept each other. */
export type SchemasAgreeWithTypes = [
${checks.join("\n")}
];
`;
}

writeTypes();
writeFileSync(`${outBase}.zod.ts`, zodFile());
