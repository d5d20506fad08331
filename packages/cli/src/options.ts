import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Format, Logic, RunOptions, RunResult } from "@hrflow-connectors/core";
import type { ParameterIssue } from "@hrflow-connectors/core/engine";
import { parseParameters } from "@hrflow-connectors/core/engine";
import type { ActionShape, AnyActionOptions } from "@hrflow-connectors/core/tooling";
import { EXIT } from "./common.js";
import { type ActionConfig, ConfigError, checkActionConfig, httpSettingsFromConfig } from "./config.js";
import { UsageError } from "./discover.js";

/** Functions a user supplies from modules (`--logics`, `--format`). */
export interface UserFunctions {
  logics?: Logic[] | undefined;
  format?: Format | undefined;
}

/** What the command line adds on top of the config file. */
export interface Overrides {
  workflowId?: string | undefined;
  incremental?: boolean | undefined;
  persist?: boolean | undefined;
  fns?: UserFunctions;
}

export type { AnyActionOptions };

/**
 * Why a TypeScript module may not load on this Node, and what to do; null when Node runs TypeScript
 * (22.18+ by default, 22.6+ with --experimental-strip-types) or the file is not TypeScript.
 */
export function typescriptHint(
  file: string,
  version = process.version,
  strips = Boolean((process.features as { typescript?: unknown }).typescript),
): string | null {
  if (!/\.[cm]?ts$/.test(file) || strips) return null;
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  const able = major > 22 || (major === 22 && minor >= 6);
  return able
    ? `Hint: Node ${version} runs TypeScript modules only with --experimental-strip-types (NODE_OPTIONS=--experimental-strip-types), or from 22.18 on by default.`
    : `Hint: Node ${version} cannot import TypeScript modules (Node 22.6 or later can). Compile ${file} to JavaScript, or run the CLI through tsx: npx tsx $(which hrflow-connectors) ...`;
}

/**
 * Imports a user's module and returns its export: the default export, else the named one.
 * Node 24 imports `.ts` files natively, so plain TypeScript modules work without a build.
 */
export async function importUserExport(file: string, named: "logics" | "format"): Promise<unknown> {
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(resolve(file)).href);
  } catch (err) {
    const hint = typescriptHint(file);
    throw new UsageError(
      `Cannot import --${named} module ${file}: ${(err as Error).message}${hint ? `\n${hint}` : ""}`,
    );
  }
  const value = mod.default ?? mod[named];
  if (value === undefined) {
    throw new UsageError(
      `--${named} module ${file} has neither a default export nor an export named '${named}'`,
    );
  }
  return value;
}

/** Loads `--logics` (an array of functions, or one function) and `--format` (a function). */
export async function loadUserFunctions(logicsFile?: string, formatFile?: string): Promise<UserFunctions> {
  const fns: UserFunctions = {};
  if (logicsFile) {
    const value = await importUserExport(logicsFile, "logics");
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((f) => typeof f === "function")) {
      throw new UsageError(`--logics module ${logicsFile} must export a function or an array of functions`);
    }
    fns.logics = list as Logic[];
  }
  if (formatFile) {
    const value = await importUserExport(formatFile, "format");
    if (typeof value !== "function")
      throw new UsageError(`--format module ${formatFile} must export a function`);
    fns.format = value as Format;
  }
  return fns;
}

/** Builds the action's options from the config and the command line, in the action's own style. */
export function buildActionOptions(
  action: ActionShape,
  config: ActionConfig,
  o: Overrides = {},
): AnyActionOptions {
  const workflowId = o.workflowId ?? config.workflow_id;
  if (!workflowId) {
    throw new ConfigError("Invalid config", [
      {
        path: "workflow_id",
        message: "required (in the config file or with --workflow-id)",
        code: "required",
      },
    ]);
  }
  return action.optionsFrom(config, {
    workflow_id: workflowId,
    incremental: o.incremental,
    persist: o.persist,
    logics: o.fns?.logics,
    format: o.fns?.format,
  });
}

/** The parameter sets of an action, each with the schema that validates it (core's one shape). */
export function parameterSets(action: ActionShape) {
  return action.parameterSets;
}

/**
 * Validates every parameter set before the run. The engine stops at the first bad set; doing all
 * of them here lets one message name every bad field of the file at once.
 */
export function validateActionOptions(action: ActionShape, options: AnyActionOptions): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  const values = options as unknown as Record<string, unknown>;
  for (const set of parameterSets(action)) {
    const res = parseParameters(set.schema, values[set.label], set.label);
    if (!res.ok) issues.push(...res.issues);
  }
  return issues;
}

/** An action ready to run: its options and the run options its config carries. */
export interface PreparedAction {
  options: AnyActionOptions;
  config: ActionConfig;
  runtime: RunOptions;
}

/**
 * Checks a config against an action (top-level keys and every parameter set) and builds its
 * options; throws one ConfigError naming every bad field. `prefix` locates the action's config in
 * a larger file (e.g. `actions.0` of a serve config).
 */
export function prepareAction(
  action: ActionShape,
  raw: unknown,
  overrides: Overrides,
  source: string,
  prefix: string[] = [],
): PreparedAction {
  const { config, issues } = checkActionConfig(action, raw, prefix);
  const at = prefix.length > 0 ? `${prefix.join(".")}.` : "";
  // A missing workflow_id is one issue among the others: the parameter sets are still checked, so
  // a config such as `{}` names every missing field at once instead of one per try.
  const workflowId = overrides.workflowId ?? config.workflow_id;
  if (!workflowId) {
    issues.push({
      path: `${at}workflow_id`,
      message: "required (in the config file or with --workflow-id)",
      code: "required",
    });
  }
  const options = buildActionOptions(action, config, { ...overrides, workflowId: workflowId || "-" });
  const own = new Set(issues.map((i) => i.path));
  for (const issue of validateActionOptions(action, options)) {
    const path = `${at}${issue.path}`;
    // A set the shape check already refused (e.g. not an object) is named once.
    if (!own.has(path)) issues.push({ ...issue, path });
  }
  if (issues.length > 0) throw new ConfigError(`Invalid config ${source}`, issues);
  return { options, config, runtime: runtimeFromConfig(config) };
}

/** The run options the config file carries (base URLs, batch size, concurrency). */
export function runtimeFromConfig(config: ActionConfig): RunOptions {
  const runtime: RunOptions = {};
  if (config.base_urls) runtime.baseUrls = config.base_urls;
  if (config.batch_size) runtime.batchSize = config.batch_size;
  if (config.concurrency) runtime.concurrency = config.concurrency;
  if (config.http) runtime.http = httpSettingsFromConfig(config.http);
  return runtime;
}

/** Runs an action whatever its style (each action validates its own options). */
export function runAction(
  action: ActionShape,
  options: AnyActionOptions,
  runtime: RunOptions,
): Promise<RunResult> {
  return action.run(options, runtime);
}

/** Runs an action from a webhook body, through the connector's event parser, whatever its style. */
export function runCatch(
  action: ActionShape,
  options: AnyActionOptions,
  event: unknown,
  runtime: RunOptions,
): Promise<RunResult> {
  return action.catch(event, options, runtime);
}

/** Exit status of a finished run: 0 success, 1 success with failures, 2 fatal, 75 workflow busy. */
export function exitCodeOf(result: Pick<RunResult, "status"> & Partial<Pick<RunResult, "reason">>): number {
  if (result.reason === "workflow_busy") return EXIT.busy;
  return result.status === "success" ? 0 : result.status === "success_with_failures" ? 1 : 2;
}
