import type { z } from "zod";
import type { Endpoint } from "../contracts/aisle.js";
import type { ParamSchema, ReadContext, WriteContext } from "../contracts/context.js";
import type { Entity, Mode } from "../contracts/enums.js";
import type { Callback, EventParser, Format, Logic } from "../contracts/hooks.js";
import type { RunResult } from "../engine/result.js";
import type { RunOptions } from "../engine/types.js";
import type { FlowActionOptions, LegacyActionOptions } from "./options.js";

/** One parameter object of an action's options, with the schema that validates it. */
export interface ParameterSetInfo {
  /** The option key (`connector_auth`, `pull_parameters`, `origin_parameters`...). */
  label: string;
  schema: ParamSchema;
  /** What it configures: the origin, the target, or the action itself. */
  side: "origin" | "target" | "action";
  /** The system it belongs to (a warehouse or connector name, e.g. `HrFlow.ai Profiles`). */
  system: string;
  /**
   * The prefix of this set's keys in a workflow's flat settings (`pull_parameters_`, `origin_`);
   * absent for a set that settings cannot carry (the older style's functions).
   */
  settingsPrefix?: string | undefined;
}

/** The options of any action, whatever its style (each action validates its own). */
export type AnyActionOptions = FlowActionOptions | LegacyActionOptions;

/** The functions a user may hand an action (code, never config data). */
export interface ActionHooks {
  logics?: Logic[] | undefined;
  format?: Format | undefined;
  callback?: Callback | undefined;
  event_parser?: EventParser | undefined;
}

/** What a caller adds to a config file's data to make an action's options. */
export interface OptionExtras {
  workflow_id: string;
  /** Overrides the config's own incremental switch when given. */
  incremental?: boolean | undefined;
  persist?: boolean | undefined;
  logics?: Logic[] | undefined;
  format?: Format | undefined;
}

/**
 * One side of an action as a credentials check sees it: which options hold its credentials and
 * its parameters, and (for the origin) the read that a check may call once.
 */
export interface ActionSide {
  /** The warehouse's name. */
  system: string;
  /** True for an HrFlow.ai warehouse. */
  hrflow: boolean;
  /** The options key holding this side's credentials (may be the same as `parametersLabel`). */
  authLabel: string;
  parametersLabel: string;
  /** The entity the side moves, when the action names one. */
  entity?: Entity | undefined;
  /** The side's read (origin only), called with the side's validated credentials and parameters. */
  read?: ((ctx: ReadContext) => AsyncIterable<unknown>) | undefined;
  /** The side's own credentials check (target only): one request that writes nothing. */
  check?: ((ctx: WriteContext) => Promise<string>) | undefined;
}

/** A catalogue field of an action: a fact, or a schema the catalogue shows as JSON Schema. */
export type CatalogueField =
  | { key: string; value: string | boolean }
  | {
      key: string;
      /** Undefined: the side declares no data schema (shown as `{}`). */
      schema: z.ZodType | undefined;
      /** Leave out fields marked `skipFromDocs` (they do not apply to this action). */
      hideSkipped?: boolean;
    };

/** A line of an action's code example besides its parameter sets: `key: code, // comment`. */
export interface ExampleOption {
  key: string;
  code: string;
  comment?: string | undefined;
}

/** How an action is documented: every part of its page and catalogue entry, in order. */
export interface ActionDocModel {
  /** How the page names the origin and the target. */
  origin: string;
  target: string;
  /** The parameter tables in documented order; `label` names a parameter set, or `run_options`. */
  sections: readonly { heading: string; label: string }[];
  /** The endpoints each side calls, and whether the page names them one per side or as lists. */
  endpoints: { origin: readonly Endpoint[]; target: readonly Endpoint[]; perSide: "one" | "list" };
  /** The example's option lines before and after its parameter sets. */
  example: { before: readonly ExampleOption[]; after: readonly ExampleOption[] };
  /** The catalogue (manifest) entry's fields between `description` and `jsonmap`, in order. */
  catalogue: readonly CatalogueField[];
}

/** How a config file switches incremental reading on, for help texts. */
export interface IncrementalSwitch {
  supported: boolean;
  /** The dotted config key of the switch (`incremental`, `action_parameters.read_mode`). */
  configKey: string;
}

/**
 * What every action exposes whatever its style, so tools (CLI, docs, queues, workflow templates)
 * need no branch on `kind`: its parameter objects in documented order, how it is triggered, where
 * data comes from, how its options are made from config data or workflow settings, and its doc.
 */
export interface ActionShape {
  /** The action's style, as data for listings and catalogues; tools never branch on it. */
  kind: "flow" | "legacy";
  name: string;
  connector: string;
  description: string;
  mode: Mode;
  supportsIncremental: boolean;
  parameterSets: readonly ParameterSetInfo[];
  /** `pull`: run on a schedule; `catch`: run from a webhook body (through `catch`). */
  triggers: readonly ("pull" | "catch")[];
  /** True when the data comes from the vendor (so do its webhooks), false when from HrFlow.ai. */
  fromVendor: boolean;
  /** Short facts for listings: the style, then the direction or the trigger. */
  traits: readonly string[];
  sides: { origin: ActionSide; target: ActionSide };
  /** The top-level keys a config file may set for this action (JSON data only, no functions). */
  configSchema: z.ZodObject;
  /** Config keys an example config shows besides the parameter sets (e.g. `incremental: false`). */
  exampleConfig: Readonly<Record<string, unknown>>;
  incremental: IncrementalSwitch;
  /** The user functions this action takes, in documented order (a workflow declares them). */
  hooks: readonly ("logics" | "format" | "callback")[];
  /** The connector's own webhook parser, used when the caller gives none. */
  eventParser?: EventParser | undefined;
  doc: ActionDocModel;
  /** Builds options from config data (validated by `configSchema`) and the caller's extras. */
  optionsFrom(config: Readonly<Record<string, unknown>>, extras: OptionExtras): AnyActionOptions;
  /**
   * Builds options from a workflow's flat settings (each set's keys under its `settingsPrefix`);
   * for a webhook run, `event` holds the request and the parser's fields, which override settings.
   */
  optionsFromSettings(
    settings: Readonly<Record<string, unknown>>,
    hooks: ActionHooks,
    event?: { request: Readonly<Record<string, unknown>>; parsed: Record<string, unknown> },
  ): AnyActionOptions;
  /** The options of a run that ends before it starts (an init error is added to them). */
  emptyOptions(workflowId: string): AnyActionOptions;
  /** Options whose run hands each item as the target would receive it to `capture`. */
  tapFormatted(options: AnyActionOptions, capture: (item: unknown) => void): AnyActionOptions;
  run(options: AnyActionOptions, runtime?: RunOptions): Promise<RunResult>;
  catch(event: unknown, options: AnyActionOptions, runtime?: RunOptions): Promise<RunResult>;
}
