import type { RunResult } from "../engine/result.js";
import type { RunOptions } from "../engine/types.js";
import { parseEvent } from "./events.js";
import type { ActionHooks, ActionShape, AnyActionOptions } from "./shape.js";

/** The settings keys every workflow reads besides the parameter sets' prefixed keys. */
export const WORKFLOW_SETTINGS_KEYS = {
  workflow_id: "__workflow_id",
  incremental: "__incremental",
} as const;

/** The value of the incremental settings key that switches incremental reading on. */
export const ACTIVATE_INCREMENTAL = "enable";

/**
 * The fields of `fields` found under `prefix` in each source, later sources winning (so a webhook
 * request's prefixed keys override the settings').
 */
export function collectPrefixed(
  prefix: string,
  fields: readonly string[],
  ...sources: readonly Readonly<Record<string, unknown>>[]
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    for (const field of fields) if (prefix + field in source) out[field] = source[prefix + field];
  }
  return out;
}

/** Whether a workflow's settings switch incremental reading on. */
export const incrementalFromSettings = (settings: Readonly<Record<string, unknown>>): boolean =>
  settings[WORKFLOW_SETTINGS_KEYS.incremental] === ACTIVATE_INCREMENTAL;

/** The workflow id of the settings, or a fatal run naming the missing key. */
function missingWorkflowId(
  action: ActionShape,
  settings: Readonly<Record<string, unknown>>,
  runtime: RunOptions | undefined,
): Promise<RunResult> | null {
  if (WORKFLOW_SETTINGS_KEYS.workflow_id in settings) return null;
  const data = { error: "__workflow_id not found in settings", settings_keys: Object.keys(settings) };
  const options = { ...action.emptyOptions(""), init_error: { reason: "workflow_id_not_found", data } };
  return action.run(options as AnyActionOptions, runtime);
}

/** Runs an action from a scheduled workflow's flat settings and the user's functions. */
export function runWorkflow(
  action: ActionShape,
  settings: Readonly<Record<string, unknown>>,
  hooks: ActionHooks,
  runtime?: RunOptions,
): Promise<RunResult> {
  return (
    missingWorkflowId(action, settings, runtime) ??
    action.run(action.optionsFromSettings(settings, hooks), runtime)
  );
}

/**
 * Runs an action from a webhook request and a workflow's settings. A user-supplied parser wins over
 * the connector's own; without either, the request body is not used. A parser error ends the run
 * with `event_parsing_failure`.
 */
export async function catchWorkflow(
  action: ActionShape,
  request: Readonly<Record<string, unknown>>,
  settings: Readonly<Record<string, unknown>>,
  hooks: ActionHooks,
  runtime?: RunOptions,
): Promise<RunResult> {
  const missing = missingWorkflowId(action, settings, runtime);
  if (missing) return missing;
  const parser = hooks.event_parser ?? action.eventParser;
  const event = await parseEvent(parser, parser ? request : {});
  if ("initError" in event) {
    const workflowId = String(settings[WORKFLOW_SETTINGS_KEYS.workflow_id]);
    const options = { ...action.emptyOptions(workflowId), init_error: event.initError };
    return action.run(options as AnyActionOptions, runtime);
  }
  return action.run(action.optionsFromSettings(settings, hooks, { request, parsed: event.fields }), runtime);
}
