import { z } from "zod";
import type { RunResult } from "../engine/result.js";
import { run } from "../engine/run.js";
import type { Callback, Format, InitError, Logic, RunOptions } from "../engine/types.js";
import type { Mode } from "./enums.js";
import { dropParsedExtras, mergeLegacyEvent, parseEvent } from "./events.js";
import type { EventParser } from "./flow.js";
import type {
  Endpoint,
  IncrementalToken,
  ParamSchema,
  ReadContext,
  WriteContext,
  WriteFailure,
  WriteSummary,
} from "./warehouse.js";

/** The names the original allows for its older-style actions. */
export const LEGACY_ACTION_NAMES = [
  "pull_application_list",
  "pull_job_list",
  "pull_profile_list",
  "pull_resume_attachment_list",
  "push_profile",
  "push_job",
  "push_profile_list",
  "push_job_list",
  "push_score_list",
  "catch_profile",
  "catch_job",
  "push_application",
  "applicant_new",
  "applicant_resume_update",
  "applicant_update",
] as const;
export type LegacyActionName = (typeof LEGACY_ACTION_NAMES)[number];

/** An older-style warehouse: one parameter set (auth included) per operation. */
export interface LegacyWarehouse {
  name: string;
  dataSchema?: z.ZodType;
  read?: {
    parameters: ParamSchema;
    endpoints?: Endpoint[];
    incremental?: IncrementalToken;
    read: (ctx: ReadContext) => AsyncIterable<unknown>;
  };
  write?: {
    parameters: ParamSchema;
    endpoints?: Endpoint[];
    batchSize?: number;
    write: (ctx: WriteContext, items: any[]) => Promise<WriteFailure[]>;
    finish?: (ctx: WriteContext, summary: WriteSummary) => Promise<WriteFailure[] | undefined>;
  };
}

export interface LegacyActionDefinition {
  name: LegacyActionName;
  /** pull: scheduled; catch: triggered by a webhook. */
  trigger: "pull" | "catch";
  description: string;
  origin: LegacyWarehouse;
  target: LegacyWarehouse;
  /** The connector's default mapping (`format` default). */
  format: Format;
  eventParser?: EventParser;
  /** The mode given to the warehouses; the older style has none, so create by default. */
  mode?: Mode;
  /** Runs after the write stage, as a flow's callback does (e.g. to report back to the vendor). */
  callback?: Callback;
}

/** The options of an older-style action, as the seeds document them. */
export interface LegacyActionOptions {
  workflow_id: string;
  action_parameters?: {
    logics?: Logic[];
    format?: Format;
    read_mode?: "sync" | "incremental";
    event_parser?: EventParser;
  };
  origin_parameters: Record<string, unknown>;
  target_parameters: Record<string, unknown>;
  init_error?: InitError;
  /** false: a dry run that reads, formats and applies logics but never writes (default true). */
  persist?: boolean;
}

/** Every key an older-style action accepts; any other is refused before the run starts. */
export const LEGACY_OPTION_KEYS = [
  "workflow_id",
  "action_parameters",
  "origin_parameters",
  "target_parameters",
  "init_error",
  "persist",
] as const satisfies readonly (keyof LegacyActionOptions)[];

export interface LegacyAction {
  kind: "legacy";
  name: LegacyActionName;
  connector: string;
  trigger: "pull" | "catch";
  mode: Mode;
  description: string;
  origin: LegacyWarehouse;
  target: LegacyWarehouse;
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
  catch(event: unknown, options: LegacyActionOptions, runtime?: RunOptions): Promise<RunResult>;
}

const fn = <T>(what: string) =>
  z.custom<T>((v) => typeof v === "function", { message: `${what} must be a function` });

/** The action_parameters schema of the older style, with the connector's default format. */
export function legacyActionParameters(defaultFormat: Format) {
  return z.object({
    logics: z.array(fn<Logic>("each logic")).default([]).describe("List of logic functions"),
    format: fn<Format>("format")
      .default(() => defaultFormat)
      .describe("Formatting function"),
    read_mode: z
      .enum(["sync", "incremental"])
      .default("sync")
      .describe(
        "If 'incremental' then `read_from` of the last run is given to Origin Warehouse during read. **The actual behavior depends on implementation of read**. In 'sync' mode `read_from` is neither fetched nor given to Origin Warehouse during read.",
      ),
    event_parser: fn<EventParser>("event_parser").optional().meta({ skipFromDocs: true }),
  });
}

/** Binds an older-style action to the one engine; format runs before logics, as in that style. */
/** Field names marked `.meta({ secret: true })` on a parameter schema. */
function markedSecrets(schema: ParamSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => (field as z.ZodType).meta?.()?.secret === true)
    .map(([key]) => key);
}

export function bindLegacyAction(def: LegacyActionDefinition, connector: string): LegacyAction {
  if (!def.origin.read) throw new Error(`Action ${def.name}: Origin warehouse is not readable`);
  if (!def.target.write) throw new Error(`Action ${def.name}: Target warehouse is not writable`);
  if (def.name.startsWith("pull_") && def.trigger !== "pull") {
    throw new Error(`Action ${def.name}: pull_* actions must have the pull trigger`);
  }
  const read = def.origin.read;
  const write = def.target.write;
  const actionParameters = legacyActionParameters(def.format);
  const mode = def.mode ?? "create";
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
    eventParser: def.eventParser,
    run: async (options, runtime) => {
      // Called from code without options: a fatal result naming them, not a TypeError.
      const o = (options ?? {}) as LegacyActionOptions;
      // action_parameters are validated first; their values decide the rest of the spec.
      const ap = actionParameters.strict().safeParse(o.action_parameters ?? {});
      const apData = ap.success ? ap.data : undefined;
      return run(
        {
          workflowId: o.workflow_id,
          actionName: def.name,
          connector,
          mode,
          order: "format-then-logics",
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
            write: (ctx, _p, items) => write.write(ctx, items),
            finish: write.finish ? (ctx, _p, s) => write.finish!(ctx, s) : undefined,
            itemSchema: def.target.dataSchema,
            batchSize: write.batchSize,
          },
          logics: apData?.logics ?? [],
          format: apData?.format ?? def.format,
          callback: def.callback,
          persist: o.persist ?? true,
          incremental: apData?.read_mode === "incremental",
          initError: o.init_error,
          secretFields: [...markedSecrets(read.parameters), ...markedSecrets(write.parameters)],
          options: { value: options, keys: LEGACY_OPTION_KEYS },
        },
        runtime,
      );
    },
    catch: async (event, o, runtime) => {
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
