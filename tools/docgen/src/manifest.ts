import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { camelCase, type FlowAction, type LegacyAction } from "@hrflow-connectors/core";
import type { z } from "zod";
import type { ConnectorPackage } from "./discover.js";
import { readOptional } from "./files.js";
import { type JsonSchema, toJsonSchema } from "./json-schema.js";
import { SKIP_KEY } from "./rows.js";
import {
  EXPECTED,
  FLOW_SETTINGS_KEYS,
  flowTemplate,
  LEGACY_SETTINGS_KEYS,
  legacyTemplate,
  PLACEHOLDERS,
  type TemplateTarget,
} from "./templates.js";

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

function flowEntry(pkg: ConnectorPackage, a: FlowAction, map: unknown) {
  const where = (part: string) => `${pkg.packageName} ${a.name} ${part}`;
  const target: TemplateTarget = { importFrom: pkg.packageName, exportName: pkg.exportName };
  return {
    name: a.name,
    style: "flow",
    method: camelCase(a.name),
    description: a.description,
    data_type: a.entity,
    direction: a.direction,
    mode: a.mode,
    connector_auth_parameters: toJsonSchema(a.connectorAuth, where("connector auth")),
    hrflow_auth_parameters: toJsonSchema(a.hrflowAuth, where("hrflow auth")),
    origin: a.origin,
    origin_data_schema: dataSchema(a.originDataSchema, where("origin data schema")),
    supports_incremental: a.supportsIncremental,
    pull_parameters: toJsonSchema(a.pullParameters, where("pull parameters")),
    target: a.target,
    target_data_schema: dataSchema(a.targetDataSchema, where("target data schema")),
    push_parameters: toJsonSchema(a.pushParameters, where("push parameters")),
    jsonmap: map,
    workflow: {
      catch_template: flowTemplate(target, a, "catch"),
      pull_template: flowTemplate(target, a, "pull"),
      settings_keys: FLOW_SETTINGS_KEYS,
      placeholders: PLACEHOLDERS,
      expected: EXPECTED,
    },
  };
}

/** The entity an older-style action moves, read from its name as the original's names encode it. */
function legacyDataType(name: string): string {
  return /application/.test(name) ? "application" : (/(job|profile)/.exec(name)?.[1] ?? "other");
}

/** Drops properties hidden from docs (event_parser) where the action cannot use them. */
function withoutSkipped(json: JsonSchema): JsonSchema {
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const kept = Object.fromEntries(Object.entries(props).filter(([, p]) => p[SKIP_KEY] !== true));
  return { ...json, properties: kept };
}

function legacyEntry(pkg: ConnectorPackage, a: LegacyAction, map: unknown) {
  const where = (part: string) => `${pkg.packageName} ${a.name} ${part}`;
  const target: TemplateTarget = { importFrom: pkg.packageName, exportName: pkg.exportName };
  const actionParameters = toJsonSchema(a.actionParameters, where("action_parameters"));
  // Older-style actions take no callback; only a webhook run parses events.
  const { logics, format, event_parser } = PLACEHOLDERS;
  const placeholders = a.trigger === "catch" ? { logics, format, event_parser } : { logics, format };
  return {
    name: a.name,
    style: "legacy",
    method: camelCase(a.name),
    description: a.description,
    action_type: /^hrflow/i.test(a.origin.name) ? "outbound" : "inbound",
    data_type: legacyDataType(a.name),
    trigger_type: a.trigger === "catch" ? "hook" : "schedule",
    mode: a.mode,
    action_parameters: a.trigger === "catch" ? actionParameters : withoutSkipped(actionParameters),
    origin: a.origin.name,
    origin_parameters: toJsonSchema(a.origin.read!.parameters, where("origin_parameters")),
    origin_data_schema: dataSchema(a.origin.dataSchema, where("origin data schema")),
    supports_incremental: a.supportsIncremental,
    target: a.target.name,
    target_parameters: toJsonSchema(a.target.write!.parameters, where("target_parameters")),
    target_data_schema: dataSchema(a.target.dataSchema, where("target data schema")),
    jsonmap: map,
    workflow: {
      [`${a.trigger}_template`]: legacyTemplate(target, a, a.trigger),
      settings_keys: LEGACY_SETTINGS_KEYS,
      placeholders,
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
      actions.push(a.kind === "flow" ? flowEntry(pkg, a, map) : legacyEntry(pkg, a, map));
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
