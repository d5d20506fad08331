import { z } from "zod";
import type { Endpoint } from "../contracts/aisle.js";
import type { ParamSchema, ReadContext, WriteContext } from "../contracts/context.js";
import type { Direction, Entity, Mode } from "../contracts/enums.js";
import type { EventParser, Format } from "../contracts/hooks.js";
import { mergeOptions } from "./events.js";
import type { FlowActionOptions } from "./options.js";
import type { ActionShape } from "./shape.js";
import { collectPrefixed, incrementalFromSettings, WORKFLOW_SETTINGS_KEYS } from "./workflow.js";

const params = z.record(z.string(), z.unknown());

/** The keys a config file may set for a flow-style action (JSON data; functions come from code). */
export const flowConfigKeys = z.object({
  workflow_id: z.string().min(1).optional(),
  connector_auth: params.optional(),
  hrflow_auth: params.optional(),
  pull_parameters: params.optional(),
  push_parameters: params.optional(),
  incremental: z.boolean().optional(),
});

/** The facts of a bound flow that the action exposes as well as its shape. */
export interface FlowCoreFacts {
  connector: string;
  mode: Mode;
  entity: Entity;
  direction: Direction;
  /** Display names of the origin and target (the connector's name or `HrFlow`). */
  origin: string;
  target: string;
  connectorAuth: ParamSchema;
  hrflowAuth: ParamSchema;
  pullParameters: ParamSchema;
  pushParameters: ParamSchema;
  originEndpoint?: Endpoint | undefined;
  targetEndpoint?: Endpoint | undefined;
  originDataSchema?: z.ZodType | undefined;
  targetDataSchema?: z.ZodType | undefined;
  supportsIncremental: boolean;
}

/** What a flow's shape is made from (the bound flow's facts). */
export interface FlowFacts extends FlowCoreFacts {
  name: string;
  /** The warehouses' names. */
  vendorSystem: string;
  hrflowSystem: string;
  originSystem: string;
  targetSystem: string;
  read: (ctx: ReadContext) => AsyncIterable<unknown>;
  /** The target write's own credentials check, when it has one. */
  check?: ((ctx: WriteContext) => Promise<string>) | undefined;
  /** The flow's default format and webhook parser. */
  format?: Format | undefined;
  eventParser?: EventParser | undefined;
}

type FlowSetLabel = "connector_auth" | "hrflow_auth" | "pull_parameters" | "push_parameters";

type OptionBuilders = Pick<
  ActionShape,
  "optionsFrom" | "optionsFromSettings" | "emptyOptions" | "tapFormatted"
>;

type Parts = Omit<
  ActionShape,
  "kind" | "name" | "connector" | "description" | "mode" | "supportsIncremental" | "run" | "catch"
>;

const fieldsOf = (schema: ParamSchema): string[] => Object.keys(schema.shape);

/** The tool-facing shape of a flow-style action: parameter sets, sides, options builders, doc. */
export function flowShape(f: FlowFacts): Parts {
  const inbound = f.direction === "inbound";
  const sets = [
    {
      label: "connector_auth",
      schema: f.connectorAuth,
      system: f.connector,
      side: inbound ? "origin" : "target",
    },
    { label: "hrflow_auth", schema: f.hrflowAuth, system: "HrFlow", side: inbound ? "target" : "origin" },
    { label: "pull_parameters", schema: f.pullParameters, system: f.originSystem, side: "origin" },
    { label: "push_parameters", schema: f.pushParameters, system: f.targetSystem, side: "target" },
  ] as const;
  const vendorSide = { system: f.vendorSystem, hrflow: false, authLabel: "connector_auth" };
  const hrflowSide = { system: f.hrflowSystem, hrflow: true, authLabel: "hrflow_auth" };
  return {
    parameterSets: sets.map((s) => ({ ...s, settingsPrefix: `${s.label}_` })),
    // A flow runs on a schedule, or from a webhook through its event parser (or the body itself).
    triggers: ["pull", "catch"],
    fromVendor: inbound,
    traits: ["flow", f.direction],
    sides: {
      origin: {
        ...(inbound ? vendorSide : hrflowSide),
        parametersLabel: "pull_parameters",
        entity: f.entity,
        read: f.read,
      },
      target: {
        ...(inbound ? hrflowSide : vendorSide),
        parametersLabel: "push_parameters",
        entity: f.entity,
        check: f.check,
      },
    },
    configSchema: flowConfigKeys,
    exampleConfig: f.supportsIncremental ? { incremental: false } : {},
    incremental: { supported: f.supportsIncremental, configKey: "incremental" },
    hooks: ["logics", "format", "callback"],
    eventParser: f.eventParser,
    doc: flowDoc(f),
    ...flowOptions(f, sets),
  };
}

/** A flow's page and catalogue entry: its four parameter tables, endpoints, example and facts. */
function flowDoc(f: FlowFacts): ActionShape["doc"] {
  return {
    origin: f.origin,
    target: f.target,
    sections: [
      { heading: `${f.connector} Auth Parameters`, label: "connector_auth" },
      { heading: "HrFlow.ai Auth Parameters", label: "hrflow_auth" },
      { heading: `Pull Parameters (${f.origin})`, label: "pull_parameters" },
      { heading: `Push Parameters (${f.target})`, label: "push_parameters" },
      { heading: "Other Parameters", label: "run_options" },
    ],
    endpoints: {
      origin: f.originEndpoint ? [f.originEndpoint] : [],
      target: f.targetEndpoint ? [f.targetEndpoint] : [],
      perSide: "one",
    },
    example: {
      before: [{ key: "logics", code: "[]" }],
      after: [
        { key: "callback", code: "(info) => console.log(info.events)" },
        { key: "persist", code: "true" },
        { key: "incremental", code: "false" },
      ],
    },
    catalogue: [
      { key: "data_type", value: f.entity },
      { key: "direction", value: f.direction },
      { key: "mode", value: f.mode },
      { key: "connector_auth_parameters", schema: f.connectorAuth },
      { key: "hrflow_auth_parameters", schema: f.hrflowAuth },
      { key: "origin", value: f.origin },
      { key: "origin_data_schema", schema: f.originDataSchema },
      { key: "supports_incremental", value: f.supportsIncremental },
      { key: "pull_parameters", schema: f.pullParameters },
      { key: "target", value: f.target },
      { key: "target_data_schema", schema: f.targetDataSchema },
      { key: "push_parameters", schema: f.pushParameters },
    ],
  };
}

/** How a flow's options are built from a config, from workflow settings, and tapped for `test`. */
function flowOptions(
  f: FlowFacts,
  sets: readonly { label: FlowSetLabel; schema: ParamSchema }[],
): OptionBuilders {
  const empty = (workflowId: string): FlowActionOptions => ({
    workflow_id: workflowId,
    connector_auth: {},
    hrflow_auth: {},
    pull_parameters: {},
    push_parameters: {},
  });
  return {
    optionsFrom: (c, x) => {
      const options: FlowActionOptions = {
        workflow_id: x.workflow_id,
        connector_auth: (c.connector_auth ?? {}) as Record<string, unknown>,
        hrflow_auth: (c.hrflow_auth ?? {}) as Record<string, unknown>,
        pull_parameters: (c.pull_parameters ?? {}) as Record<string, unknown>,
        push_parameters: (c.push_parameters ?? {}) as Record<string, unknown>,
        incremental: x.incremental ?? c.incremental === true,
        persist: x.persist ?? true,
      };
      if (x.logics) options.logics = x.logics;
      if (x.format) options.format = x.format;
      return options;
    },
    optionsFromSettings: (settings, hooks, event) => {
      // Settings first, then the request's prefixed keys, then the parser's: the later win.
      const sources = event ? [settings, event.request, event.parsed] : [settings];
      const options: FlowActionOptions = {
        ...empty(String(settings[WORKFLOW_SETTINGS_KEYS.workflow_id])),
        incremental: incrementalFromSettings(settings),
      };
      for (const s of sets) options[s.label] = collectPrefixed(`${s.label}_`, fieldsOf(s.schema), ...sources);
      if (hooks.logics) options.logics = hooks.logics;
      if (hooks.format) options.format = hooks.format;
      if (hooks.callback) options.callback = hooks.callback;
      return event ? mergeOptions(options, event.parsed) : options;
    },
    emptyOptions: empty,
    tapFormatted: (options, capture) => {
      // A flow formats last: its format (the user's, else the flow's own) is wrapped.
      const o = options as FlowActionOptions;
      const base: Format = o.format ?? f.format ?? ((item: unknown) => item);
      return {
        ...o,
        format: async (item: unknown) => {
          const out = await base(item);
          capture(out);
          return out;
        },
      };
    },
  };
}
