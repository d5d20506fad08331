import { dropParsedExtras, mergeLegacyEvent, parseEvent } from "../actions/events.js";
import { withIdentityLocks } from "../actions/identity-default.js";
import { LEGACY_OPTION_KEYS, type LegacyActionOptions, type LegacyCatchOptions } from "../actions/options.js";
import { secretFieldsOf } from "../actions/secrets.js";
import type { ActionShape } from "../actions/shape.js";
import { openWrite } from "../contracts/aisle.js";
import type { ParamSchema } from "../contracts/context.js";
import type { Mode } from "../contracts/enums.js";
import type { EventParser } from "../contracts/hooks.js";
import { ProcessIdentityLocks } from "../engine/identity-locks.js";
import type { RunResult } from "../engine/result.js";
import { run } from "../engine/run.js";
import type { ItemPipeline } from "../engine/stages.js";
import type { RunOptions, RunSpec } from "../engine/types.js";
import { legacyShape } from "./shape.js";
import {
  type AnyLegacyWarehouse,
  type LegacyActionDefinition,
  type LegacyActionName,
  legacyActionParameters,
} from "./warehouse.js";

/** An older-style action: its warehouses and schemas (for docs, CLI, manifest) and its run function. */
export interface LegacyAction extends ActionShape {
  kind: "legacy";
  name: LegacyActionName;
  connector: string;
  trigger: "pull" | "catch";
  mode: Mode;
  description: string;
  origin: AnyLegacyWarehouse;
  target: AnyLegacyWarehouse;
  actionParameters: ParamSchema;
  supportsIncremental: boolean;
  /** The connector's default webhook parser, for catch-style runs (e.g. the CLI's `serve`). */
  eventParser?: EventParser | undefined;
  run(options: LegacyActionOptions, runtime?: RunOptions): Promise<RunResult>;
  /**
   * Runs from a webhook body: the event parser (`action_parameters.event_parser`, else the
   * connector's; none: the body itself) gives parameters that override the configured ones (see
   * `mergeLegacyEvent`). A parser error ends the run with `event_parsing_failure`.
   */
  catch(event: unknown, options: LegacyCatchOptions, runtime?: RunOptions): Promise<RunResult>;
}

/** The older style formats each item first, then runs the logics on the formatted item. */
const formatThenLogics: ItemPipeline = ({ logics, format }) => [format, logics];

/** Binds an older-style action to the one engine; format runs before logics, as in that style. */
export function bindLegacyAction(def: LegacyActionDefinition, connector: string): LegacyAction {
  const read = def.origin.read;
  const write = def.target.write;
  if (!read) throw new Error(`Action ${def.name}: Origin warehouse is not readable`);
  if (!write) throw new Error(`Action ${def.name}: Target warehouse is not writable`);
  if (def.name.startsWith("pull_") && def.trigger !== "pull") {
    throw new Error(`Action ${def.name}: pull_* actions must have the pull trigger`);
  }
  const actionParameters = legacyActionParameters(def.format);
  const mode = def.mode ?? "create";
  // Every run of this action in the process shares these unless the caller passes its own.
  const identityLocks = new ProcessIdentityLocks();
  const action: LegacyAction = {
    kind: "legacy",
    name: def.name,
    connector,
    trigger: def.trigger,
    mode,
    description: def.description,
    origin: def.origin,
    target: def.target,
    actionParameters,
    supportsIncremental: Boolean(read.incremental),
    ...legacyShape({
      name: def.name,
      connector,
      trigger: def.trigger,
      mode,
      origin: def.origin,
      target: def.target,
      actionParameters,
      readParameters: read.parameters,
      writeParameters: write.parameters,
      supportsIncremental: Boolean(read.incremental),
      read: (ctx) => read.read(ctx),
      check: write.check ? (ctx) => write.check!({ ...ctx, mode }) : undefined,
      eventParser: def.eventParser,
    }),
    run: async (options, given) => {
      // Called from code without options: a fatal result naming them, not a TypeError.
      const o = (options ?? {}) as LegacyActionOptions;
      // A hook-triggered action (push_profile) moves one event per run: runs of its workflow take
      // turns. A pull reads a listing: a second run at once is refused (workflow_busy).
      const runtime = def.trigger === "catch" ? { waitForLease: true, ...given } : given;
      const spec = legacyRunSpec({ def, connector, mode, actionParameters, read, write }, o, options);
      return run(spec, withIdentityLocks(runtime, identityLocks));
    },
    catch: async (event, o, runOptions) => {
      // Webhook events of one workflow arrive together: each waits for the one before it.
      const runtime = { waitForLease: true, ...runOptions };
      const given = o.action_parameters?.event_parser;
      // A given parser that is not a function is left to run's validation (bad_action_parameters).
      const parser = typeof given === "function" ? given : def.eventParser;
      const parsed = await parseEvent(parser, event);
      if ("initError" in parsed) return action.run({ ...o, init_error: parsed.initError }, runtime);
      const shapes = { origin: read.parameters.shape, target: write.parameters.shape };
      const merged = mergeLegacyEvent(o, parsed.fields, shapes, Boolean(parser));
      return action.run(dropParsedExtras(merged, o, LEGACY_OPTION_KEYS), runtime);
    },
  };
  return action;
}

/** What binding checked once: the definition with its readable origin and writable target. */
interface LegacyBinding {
  def: LegacyActionDefinition;
  connector: string;
  mode: Mode;
  actionParameters: ReturnType<typeof legacyActionParameters>;
  read: NonNullable<LegacyActionDefinition["origin"]["read"]>;
  write: NonNullable<LegacyActionDefinition["target"]["write"]>;
}

/**
 * The engine's spec for one run of an older-style action: its one parameter set per side is that
 * side's auth and parameters, `action_parameters` choose logics, format and read mode, and items
 * are formatted before the logics run.
 */
function legacyRunSpec(b: LegacyBinding, o: LegacyActionOptions, options: unknown): RunSpec {
  const { def, connector, mode, actionParameters, read, write } = b;
  // action_parameters are validated first; their values decide the rest of the spec.
  const ap = actionParameters.strict().safeParse(o.action_parameters ?? {});
  const apData = ap.success ? ap.data : undefined;
  return {
    workflowId: o.workflow_id,
    actionName: def.name,
    connector,
    mode,
    pipeline: formatThenLogics,
    actionParameterSets: [
      {
        label: "action_parameters",
        schema: actionParameters,
        value: o.action_parameters,
        reason: "bad_action_parameters",
      },
    ],
    origin: {
      name: def.origin.name,
      parameterSets: [
        {
          label: "origin_parameters",
          schema: read.parameters,
          value: o.origin_parameters,
          reason: "bad_origin_parameters",
        },
      ],
      // The older style has one parameter set per side: it is the context's auth and parameters.
      contextSets: { auth: "origin_parameters", parameters: "origin_parameters" },
      read: (ctx) => read.read(ctx),
      incremental: read.incremental,
    },
    target: {
      name: def.target.name,
      parameterSets: [
        {
          label: "target_parameters",
          schema: write.parameters,
          value: o.target_parameters,
          reason: "bad_target_parameters",
        },
      ],
      contextSets: { auth: "target_parameters", parameters: "target_parameters" },
      open: (ctx) => openWrite(write, ctx),
      itemSchema: def.target.dataSchema,
      batchSize: write.batchSize,
    },
    logics: apData?.logics ?? [],
    format: apData?.format ?? def.format,
    callback: def.callback,
    persist: o.persist ?? true,
    incremental: apData?.read_mode === "incremental",
    initError: o.init_error,
    secretFields: [...secretFieldsOf(read.parameters), ...secretFieldsOf(write.parameters)],
    options: { value: options, keys: LEGACY_OPTION_KEYS },
  };
}
