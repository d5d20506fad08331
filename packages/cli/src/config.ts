import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { ParameterIssue } from "@hrflow-connectors/core/engine";
import { runLimitsSchema } from "@hrflow-connectors/core/engine";
import { type HttpSettings, httpSettingsSchema } from "@hrflow-connectors/core/http";
import { legacyConfigKeys } from "@hrflow-connectors/core/legacy";
import { type ActionShape, flowConfigKeys } from "@hrflow-connectors/core/tooling";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** A config file that cannot be used; `issues` name every bad field. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly issues: ParameterIssue[] = [],
  ) {
    super(message);
  }
}

// The config's run settings are core's run options under snake_case keys: the same field schemas
// (bounds and descriptions), so a config is refused with its own path (`http.retries`) for exactly
// what the run would refuse, and the values map onto core's inferred `HttpSettings`.
const limits = runLimitsSchema.shape;
const http = httpSettingsSchema.shape;
const retry = http.retry.unwrap().shape;
const rateLimit = http.rateLimits.unwrap().valueType.shape;

/** The config file's `http` keys (see `httpSettingsFromConfig`). */
export const httpConfigSchema = z
  .object({
    timeout_ms: http.timeoutMs,
    max_body_bytes: http.maxBodyBytes,
    retries: retry.retries,
    retry_base_delay_ms: retry.baseDelayMs,
    retry_max_delay_ms: retry.maxDelayMs,
    rate_limits: z
      .record(z.string(), z.object({ requests: rateLimit.requests, per_ms: rateLimit.perMs }).strict())
      .optional()
      .describe(http.rateLimits.description ?? ""),
  })
  .strict();

/** Core's HTTP settings from a config file's `http` keys. */
export function httpSettingsFromConfig(h: z.output<typeof httpConfigSchema>): HttpSettings {
  const settings: HttpSettings = {};
  const r: NonNullable<HttpSettings["retry"]> = {};
  if (h.retries !== undefined) r.retries = h.retries;
  if (h.retry_base_delay_ms !== undefined) r.baseDelayMs = h.retry_base_delay_ms;
  if (h.retry_max_delay_ms !== undefined) r.maxDelayMs = h.retry_max_delay_ms;
  settings.retry = r;
  if (h.timeout_ms !== undefined) settings.timeoutMs = h.timeout_ms;
  if (h.max_body_bytes !== undefined) settings.maxBodyBytes = h.max_body_bytes;
  if (h.rate_limits) {
    settings.rateLimits = Object.fromEntries(
      Object.entries(h.rate_limits).map(([vendor, l]) => [vendor, { requests: l.requests, perMs: l.per_ms }]),
    );
  }
  return settings;
}

const runtimeKeys = {
  base_urls: z.record(z.string(), z.string()).optional().describe("Base URL per vendor, e.g. a local fake"),
  batch_size: limits.batchSize.describe("Items per write call"),
  concurrency: limits.concurrency.describe("Write calls running at once"),
  http: httpConfigSchema.optional().describe("HTTP policy overrides for every client of the run"),
};

/** The config of an action: the keys its style takes (core's `configSchema`) plus the run's settings. */
export function configSchemaOf(action: Pick<ActionShape, "configSchema">) {
  return action.configSchema.extend(runtimeKeys);
}

/** The config of a flow-style action (`connector_auth`, `hrflow_auth`, `pull_/push_parameters`). */
export const flowConfigSchema = flowConfigKeys.extend(runtimeKeys);

/** The config of an older-style action (`action_parameters`, `origin_/target_parameters`). */
export const legacyConfigSchema = legacyConfigKeys.extend(runtimeKeys);

export type FlowConfig = z.output<typeof flowConfigSchema>;
export type LegacyConfig = z.output<typeof legacyConfigSchema>;
export type ActionConfig = (FlowConfig | LegacyConfig) & Record<string, unknown>;

/** Parses a JSON or YAML file (by extension; JSON first when the extension says neither). */
export async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${file}: ${(err as Error).message}`);
  }
  const ext = extname(file).toLowerCase();
  try {
    if (ext === ".yaml" || ext === ".yml") return parseYaml(text);
    if (ext === ".json") return parseJson(text);
    try {
      return JSON.parse(text);
    } catch {
      return parseYaml(text);
    }
  } catch (err) {
    throw new ConfigError(
      `Config file ${file} is not valid ${ext === ".json" ? "JSON" : "JSON or YAML"}: ${(err as Error).message}`,
    );
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split("\n").length;
  return { line, column: before.length - before.lastIndexOf("\n") };
}

/** Whether a prefix of a JSON text is fine so far (valid, or only cut short). */
function fineSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (err) {
    const message = (err as Error).message;
    const at = /at position (\d+)/.exec(message);
    return (
      /end of JSON input|Unterminated string/.test(message) || (at !== null && Number(at[1]) >= prefix.length)
    );
  }
}

/**
 * The offset of a JSON syntax error: the position Node's message gives, else (some messages quote a
 * snippet instead) the end of the longest prefix that is still fine, found by bisection.
 */
function errorOffset(text: string, message: string): number {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fineSoFar(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * JSON.parse with the place of a syntax error: a person editing a file wants the line and column,
 * and the line itself, not a character position.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const { line, column } = lineAndColumn(text, errorOffset(text, message));
    const source = text.split("\n")[line - 1] ?? "";
    const detail =
      /^Unexpected token '[^']*'/.exec(message)?.[0] ??
      message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ (in JSON )?at position \d+/, "");
    throw new SyntaxError(
      `${detail} at line ${line}, column ${column}\n    ${source}\n    ${" ".repeat(Math.max(0, column - 1))}^`,
    );
  }
}

const VAR = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${NAME}` in every string with the environment variable's value (`$${NAME}` keeps the
 * text literally). Interpolation happens after parsing so a secret can hold any character.
 * Only for the operator's own config files: data from outside (Redis jobs, webhook bodies) must
 * never go through it, or its author could read this process's environment.
 * Every missing variable is reported, with where it is used.
 */
export function interpolateEnv<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  const missing: ParameterIssue[] = [];
  const walk = (v: unknown, path: string[]): unknown => {
    if (typeof v === "string") {
      return v.replace(VAR, (whole, escaped: string, name: string) => {
        if (escaped) return whole.slice(1);
        const found = env[name];
        if (found === undefined) {
          missing.push({
            path: path.join(".") || "(root)",
            message: `environment variable ${name} is not set`,
            code: "missing_env",
          });
          return whole;
        }
        return found;
      });
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, String(i)]));
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    }
    return v;
  };
  const out = walk(value, []) as T;
  if (missing.length > 0) {
    const names = [...new Set(missing.map((m) => m.message.split(" ")[2]))].join(", ");
    throw new ConfigError(`Missing environment variable${missing.length > 1 ? "s" : ""}: ${names}`, missing);
  }
  return out;
}

/** Turns zod issues into the engine's `{path, message, code}` shape, under an optional prefix. */
export function zodIssues(error: z.ZodError, prefix: string[] = []): ParameterIssue[] {
  return error.issues.map((i) => {
    const path = [...prefix, ...i.path.map(String)].join(".");
    const keys = (i as { keys?: string[] }).keys;
    return {
      path:
        keys && keys.length > 0 ? keys.map((k) => (path ? `${path}.${k}` : k)).join(", ") : path || "(root)",
      message: i.message,
      code: i.code,
    };
  });
}

/**
 * Checks a config object's top-level shape for the action's style (unknown keys are errors, so a
 * typo such as `pul_parameters` is named instead of silently ignored). Returns the usable part of
 * the config with the issues found, so the caller can report them with the parameters' issues.
 */
export function checkActionConfig(
  action: ActionShape,
  raw: unknown,
  prefix: string[] = [],
): { config: ActionConfig; issues: ParameterIssue[] } {
  const schema = configSchemaOf(action);
  const res = schema.strict().safeParse(raw ?? {});
  if (res.success) return { config: res.data as ActionConfig, issues: [] };
  const known = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
  const config = Object.fromEntries(Object.entries(known).filter(([k]) => k in schema.shape)) as ActionConfig;
  return { config, issues: zodIssues(res.error, prefix) };
}

/** Reads a config file and replaces its `${ENV_VAR}` references. */
export async function loadConfigFile(file: string): Promise<unknown> {
  return interpolateEnv(await readConfigFile(file));
}

/** One line per issue, indented, for a terminal. */
export function formatIssues(issues: ParameterIssue[]): string {
  return issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n");
}
