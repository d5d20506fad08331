import { ConfigError, interpolateEnv } from "@hrflow-connectors/cli";
import { type Action, secretFieldsOf } from "@hrflow-connectors/core/tooling";
import { z } from "zod";
import { referenceName } from "./job-trust.js";

/** Queue of one connector's runs; workers listen to the queues of the connectors they serve. */
export function runQueueName(connector: string): string {
  return `hrflow-connectors-runs-${connector.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`;
}

/** What a run job carries: the same config a `run` config file holds, with secrets as references. */
export const runJobSchema = z.object({
  connector: z.string().min(1).describe("Connector name or package, e.g. workable"),
  action: z.string().min(1).describe("Action name, e.g. update_jobs_in_hrflow"),
  workflow_id: z.string().min(1).describe("The workflow: the key of its state and of its lock"),
  trigger: z.enum(["pull", "catch"]).describe("pull: read the origin; catch: run on one webhook event"),
  config: z
    .record(z.string(), z.unknown())
    .describe("The run config, with secrets as environment references, never values"),
  event: z.unknown().optional().describe("The webhook body (catch runs)"),
  received_at: z.string().optional().describe("When the webhook or trigger arrived (ISO 8601)"),
});
export type RunJob = z.output<typeof runJobSchema>;

/** What a finished job returns (kept by BullMQ, shown by Bull Board). */
export interface RunJobResult {
  status: string;
  reason: string;
  written: number;
  read: number;
  /** Items the target already held unchanged (not written again). */
  skipped: number;
  dead_letter: number;
  run_id: string;
  worker: string;
  started_at: string;
  finished_at: string;
}

/** Turns `{ "$env": "NAME" }` into `${NAME}` so one interpolation resolves both spellings. */
function normalizeRefs(value: unknown): unknown {
  const name = referenceName(value);
  if (name !== null && typeof value !== "string") return `\${${name}}`;
  if (Array.isArray(value)) return value.map(normalizeRefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeRefs(v)]));
  }
  return value;
}

/**
 * Resolves every reference of a LOCAL config (a file the operator wrote) from this process's
 * environment. Never for job data read from Redis: workers use `resolveJobConfig`.
 */
export function resolveSecrets(config: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env) {
  return interpolateEnv(normalizeRefs(config) as Record<string, unknown>, env);
}

/**
 * Refuses a config that inlines a secret: every field the action's schemas mark secret must be a
 * whole reference (`${VAR}` or `{ "$env": "VAR" }`), so no secret is ever written to Redis.
 */
export function assertNoInlineSecrets(
  action: Action,
  config: Record<string, unknown>,
  prefix: string[] = [],
): void {
  const issues = [];
  for (const { label, schema } of action.parameterSets) {
    const values = (config[label] ?? {}) as Record<string, unknown>;
    for (const field of secretFieldsOf(schema)) {
      const v = values[field];
      if (v === undefined || referenceName(v) !== null) continue;
      issues.push({
        path: [...prefix, label, field].join("."),
        message: 'is a secret: give a reference ("$' + '{VAR}" or { "$env": "VAR" }) instead of its value',
        code: "inline_secret",
      });
    }
  }
  if (issues.length > 0) throw new ConfigError("A queued run must not carry secrets", issues);
}

/**
 * The config a producer (schedule apply, enqueue, the intake) queues from a local config file:
 * secret fields stay references for the workers to resolve; every other `${VAR}` is resolved here,
 * from the producer's own environment, because workers never interpolate job data.
 */
export function localJobConfig(
  action: Action,
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
  prefix: string[] = [],
): Record<string, unknown> {
  assertNoInlineSecrets(action, config, prefix);
  const kept: [string, string, unknown][] = [];
  const rest = structuredClone(config);
  for (const { label, schema } of action.parameterSets) {
    const values = rest[label];
    if (!values || typeof values !== "object") continue;
    for (const field of secretFieldsOf(schema)) {
      if (field in values) {
        kept.push([label, field, (values as Record<string, unknown>)[field]]);
        delete (values as Record<string, unknown>)[field];
      }
    }
  }
  let resolved: Record<string, unknown>;
  try {
    resolved = interpolateEnv(normalizeRefs(rest) as Record<string, unknown>, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const issues = err.issues.map((i) => ({ ...i, path: [...prefix, i.path].join(".") }));
    throw new ConfigError(
      `${err.message} (needed where the run is queued: only secret fields reach workers as references)`,
      issues,
    );
  }
  for (const [label, field, value] of kept) {
    (resolved[label] as Record<string, unknown>)[field] = value;
  }
  return resolved;
}
