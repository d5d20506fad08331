import type { z } from "zod";
import type { ParamSchema } from "../contracts/context.js";
import type { Callback, EventParser, Format, InitError, Logic } from "../contracts/hooks.js";

/** A parameter object as the caller may give it: any object, when its schema is not known. */
export type AnyParameters = Record<string, unknown>;

/** What a caller passes for a schema: its `z.input` (defaults may be left out). */
export type InputOf<S> = S extends ParamSchema ? z.input<S> : AnyParameters;

/** `{ key: T }`, optional when every field of `T` is optional (an empty object is then valid). */
export type Slot<K extends string, T> = Record<never, never> extends T ? { [P in K]?: T } : { [P in K]: T };

/**
 * A function of an action's items: typed by the item when the action knows it (a format reading a
 * field the items lack is a compile error), any function when it does not (`unknown`).
 */
export type ItemFunction<Item> = unknown extends Item ? Format : (item: Item) => unknown;

/** The options every flow-style action takes besides its four parameter objects. */
interface FlowRunOptions<Item = unknown> {
  workflow_id: string;
  init_error?: InitError;
  /** Maps each item, as the read yields it in this action's mode (the default format's input). */
  format?: ItemFunction<Item> | null;
  /** Keep, change or drop each item before the format: they receive what the format does. */
  logics?: ItemFunction<Item>[] | null;
  callback?: Callback | null;
  persist?: boolean;
  incremental?: boolean;
}

/**
 * The options of a flow-style action; keys are the documented snake_case names. The type
 * parameters are the `z.input` of the action's schemas, so a misspelled key or a value of the
 * wrong type is a compile error, and `Item` what its format and logics receive.
 */
export type FlowActionOptions<
  ConnectorAuth = AnyParameters,
  HrFlowAuth = AnyParameters,
  Pull = AnyParameters,
  Push = AnyParameters,
  Item = unknown,
> = FlowRunOptions<Item> & {
  connector_auth: ConnectorAuth;
  hrflow_auth: HrFlowAuth;
} & Slot<"pull_parameters", Pull> &
  Slot<"push_parameters", Push>;

/**
 * The options of a webhook-triggered flow run: the event parser supplies some parameters, so each
 * parameter object may be partial (the merged whole is still validated before the run).
 */
export type FlowCatchOptions<
  ConnectorAuth = AnyParameters,
  HrFlowAuth = AnyParameters,
  Pull = AnyParameters,
  Push = AnyParameters,
  Item = unknown,
> = FlowRunOptions<Item> & {
  connector_auth: Partial<ConnectorAuth>;
  hrflow_auth: Partial<HrFlowAuth>;
  pull_parameters?: Partial<Pull>;
  push_parameters?: Partial<Push>;
};

/** The action_parameters of the older style. */
export interface LegacyActionParameters {
  logics?: Logic[];
  format?: Format;
  read_mode?: "sync" | "incremental";
  event_parser?: EventParser;
}

interface LegacyRunOptions {
  workflow_id: string;
  action_parameters?: LegacyActionParameters;
  init_error?: InitError;
  /** false: a dry run that reads, formats and applies logics but never writes (default true). */
  persist?: boolean;
}

/** The options of an older-style action, as the seeds document them, typed from its two schemas. */
export type LegacyActionOptions<Origin = AnyParameters, Target = AnyParameters> = LegacyRunOptions &
  Slot<"origin_parameters", Origin> &
  Slot<"target_parameters", Target>;

/** The options of a webhook-triggered older-style run: the event fills in some parameters. */
export type LegacyCatchOptions<Origin = AnyParameters, Target = AnyParameters> = LegacyRunOptions & {
  origin_parameters?: Partial<Origin>;
  target_parameters?: Partial<Target>;
};

/** The options type of a connector method, e.g. `ActionOptions<typeof Workable.createJobsInHrflow>`. */
export type ActionOptions<F> = F extends (options: infer O, ...rest: never[]) => unknown ? O : never;

/** Every top-level key a flow-style action accepts; any other is refused before the run starts. */
export const FLOW_OPTION_KEYS: readonly string[] = [
  "workflow_id",
  "connector_auth",
  "hrflow_auth",
  "pull_parameters",
  "push_parameters",
  "init_error",
  "format",
  "logics",
  "callback",
  "persist",
  "incremental",
];

/** Every top-level key an older-style action accepts; any other is refused before the run starts. */
export const LEGACY_OPTION_KEYS: readonly string[] = [
  "workflow_id",
  "action_parameters",
  "origin_parameters",
  "target_parameters",
  "init_error",
  "persist",
];
