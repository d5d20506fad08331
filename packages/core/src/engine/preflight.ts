import type { Reason } from "../contracts/enums.js";
import type { Logger } from "../logging/logger.js";
import type { Redactor } from "../logging/redact.js";
import { storeFromEnv } from "../store/from-env.js";
import type { Store } from "../store/store.js";
import type { ParameterIssue } from "./result.js";
import { blankSecretIssues, optionKeyIssues, runOptionIssues } from "./run-options.js";
import { errorText } from "./stages.js";
import type { RunOptions, RunSpec } from "./types.js";
import { describeIssues, parseParameters, userFunctionIssues } from "./validate.js";

/** Why a run cannot start, in the terms of its result. */
export interface Refusal {
  ok: false;
  reason: Reason;
  message?: string;
  issues?: ParameterIssue[];
}

/** What a run that may start needs: every parameter set parsed, and its store. */
export interface Cleared {
  ok: true;
  parsed: Record<string, unknown>;
  store: Store | null;
}

/**
 * Everything decided before any I/O, in the original's order: init error, structure, each
 * parameter set (strict zod, every issue with its path), then incremental prerequisites.
 * Registers parameter secrets with the redactor as it goes, so no later log line can show them.
 */
export function preflight(
  spec: RunSpec,
  options: RunOptions,
  logger: Logger,
  redactor: Redactor,
): Refusal | Cleared {
  // The same checks whether the action is called from code or from the CLI, before any I/O.
  const refuse = (reason: Reason, issues: ParameterIssue[]): Refusal => {
    const message = describeIssues(issues);
    logger.warn(`Failed to validate the action's options with errors=${message}`);
    return { ok: false, reason, issues, message };
  };
  if (spec.options) {
    const issues = optionKeyIssues(spec.options.value, spec.options.keys);
    if (issues.length > 0) return refuse("bad_action_parameters", issues);
  }
  const fnIssues = userFunctionIssues(spec);
  if (fnIssues.length > 0) return refuse("bad_action_parameters", fnIssues);
  const runIssues = runOptionIssues(options);
  if (runIssues.length > 0) return refuse("bad_action_parameters", runIssues);
  if (spec.initError) {
    logger.error(`Failed to parse event with reason=${spec.initError.reason}`, { data: spec.initError.data });
    return { ok: false, reason: spec.initError.reason };
  }
  if (!spec.workflowId) {
    return { ok: false, reason: "workflow_id_not_found", message: "workflow_id must be a non-empty string" };
  }
  if (spec.structuralError) return { ok: false, reason: spec.structuralError };
  logger.info("Starting Action");

  const parsed: Record<string, unknown> = {};
  const sets = [
    ...(spec.actionParameterSets ?? []),
    ...spec.origin.parameterSets,
    ...spec.target.parameterSets,
  ];
  for (const set of sets) {
    redactor.addFromObject(set.value, spec.secretFields);
    const res = parseParameters(set.schema, set.value, set.label);
    if (!res.ok) {
      const message = describeIssues(res.issues);
      logger.warn(`Failed to parse ${set.label} with errors=${message}`);
      return { ok: false, reason: set.reason, issues: res.issues, message };
    }
    const blank = blankSecretIssues(set.label, res.data as Record<string, unknown>, spec.secretFields ?? []);
    if (blank.length > 0) return refuse(set.reason, blank);
    parsed[set.label] = res.data;
  }

  if (spec.incremental && !spec.origin.incremental) {
    logger.warn(
      `Origin warehouse ${spec.origin.name} does not support incremental reading for mode ${spec.mode}`,
    );
    return { ok: false, reason: "origin_does_not_support_incremental" };
  }
  let store: Store | null;
  try {
    store = options.store === undefined ? storeFromEnv() : options.store;
  } catch (err) {
    return { ok: false, reason: "backend_not_configured", message: errorText(err) };
  }
  if (spec.incremental && !store) {
    logger.warn("Backend not configured: Cannot run in incremental mode");
    return { ok: false, reason: "backend_not_configured" };
  }
  return { ok: true, parsed, store };
}
