import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { camelCase } from "@hrflow-connectors/core/contracts";
import {
  type ActionShape,
  type CatalogueField,
  WORKFLOW_SETTINGS_KEYS,
} from "@hrflow-connectors/core/tooling";
import type { z } from "zod";
import type { ConnectorPackage } from "./discover.js";
import { readOptional } from "./files.js";
import { type JsonSchema, toJsonSchema } from "./json-schema.js";
import { SKIP_KEY } from "./rows.js";
import { EXPECTED, PLACEHOLDERS, type TemplateTarget, workflowTemplate } from "./templates.js";

export const MANIFEST_NAME = "HrFlow.ai Connectors";

const dataSchema = (schema: z.ZodType | undefined, where: string): JsonSchema =>
  schema ? toJsonSchema(schema, where) : {};

/** The field map of an action: `mappings/format/<action>.json` in its package, or `{}`. */
async function jsonmap(root: string, pkg: ConnectorPackage, action: string): Promise<unknown> {
  const file = join(root, pkg.dir, "mappings", "format", `${action}.json`);
  const text = await readOptional(file);
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${pkg.dir}/mappings/format/${action}.json is not valid JSON: ${(err as Error).message}`);
  }
}

/** The package's `logo.*` file relative to the repo root, or null. */
async function logo(root: string, pkg: ConnectorPackage): Promise<string | null> {
  const files = (await readdir(join(root, pkg.dir))).filter((f) => /^logo\.[a-z]+$/i.test(f)).sort();
  if (files.length > 1) throw new Error(`${pkg.dir} has several logos (${files.join(", ")}); keep one`);
  return files[0] ? `${pkg.dir}/${files[0]}` : null;
}

/** Drops properties hidden from docs (event_parser) where the action cannot use them. */
function withoutSkipped(json: JsonSchema): JsonSchema {
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const kept = Object.fromEntries(Object.entries(props).filter(([, p]) => p[SKIP_KEY] !== true));
  return { ...json, properties: kept };
}

/** One catalogue field of core's doc model, schemas rendered as JSON Schema. */
function fieldValue(field: CatalogueField, where: string): unknown {
  if ("value" in field) return field.value;
  const json = dataSchema(field.schema, `${where} ${field.key}`);
  return field.hideSkipped ? withoutSkipped(json) : json;
}

/** The settings keys a workflow of this action reads (settings_keys in the manifest). */
export function settingsKeys(action: ActionShape): Record<string, string> {
  const keys: Record<string, string> = { ...WORKFLOW_SETTINGS_KEYS };
  for (const set of action.parameterSets) {
    if (set.settingsPrefix !== undefined) keys[`${set.label}_prefix`] = set.settingsPrefix;
  }
  return keys;
}

/** The placeholders of an action's workflows: its hooks, and the event parser for a webhook run. */
function placeholdersOf(action: ActionShape): Partial<Record<keyof typeof PLACEHOLDERS, string>> {
  const names = [...action.hooks, ...(action.triggers.includes("catch") ? (["event_parser"] as const) : [])];
  return Object.fromEntries(names.map((n) => [n, PLACEHOLDERS[n]]));
}

function entry(pkg: ConnectorPackage, a: ActionShape, map: unknown) {
  const where = `${pkg.packageName} ${a.name}`;
  const target: TemplateTarget = { importFrom: pkg.packageName, exportName: pkg.exportName };
  // Alphabetical: catch before pull, as the catalogue has always listed them.
  const templates = [...a.triggers]
    .sort()
    .map((trigger) => [`${trigger}_template`, workflowTemplate(target, a, trigger)]);
  return {
    name: a.name,
    style: a.kind,
    method: camelCase(a.name),
    description: a.description,
    ...Object.fromEntries(a.doc.catalogue.map((f) => [f.key, fieldValue(f, where)])),
    jsonmap: map,
    workflow: {
      ...Object.fromEntries(templates),
      settings_keys: settingsKeys(a),
      placeholders: placeholdersOf(a),
      expected: EXPECTED,
    },
  };
}

/** The catalogue's manifest: every connector and action, its schemas and its workflow templates. */
export async function buildManifest(root: string, packages: readonly ConnectorPackage[]): Promise<object> {
  const connectors = [];
  for (const pkg of packages) {
    const c = pkg.connector;
    const actions = [];
    for (const a of Object.values(c.actions)) {
      const map = await jsonmap(root, pkg, a.name);
      actions.push(entry(pkg, a, map));
    }
    connectors.push({
      name: c.name,
      type: c.type.toUpperCase().replace(/\s+/g, ""),
      subtype: c.subtype,
      description: c.description,
      url: c.url,
      package: pkg.packageName,
      version: pkg.version,
      export: pkg.exportName,
      logo: await logo(root, pkg),
      actions,
    });
  }
  return { name: MANIFEST_NAME, connectors };
}

/** The manifest file's text: 2-space JSON ending with a newline. */
export function manifestText(manifest: object): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
