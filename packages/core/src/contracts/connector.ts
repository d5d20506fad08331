import type { z } from "zod";
import type { RunResult } from "../engine/result.js";
import { run } from "../engine/run.js";
import type { Callback, Format, InitError, Logic, RunOptions } from "../engine/types.js";
import type { ConnectorType, Direction, Entity, Mode } from "./enums.js";
import { dropParsedExtras, mergeOptions, parseEvent } from "./events.js";
import { camelCase, type Flow, flowDescription, flowName } from "./flow.js";
import type { LegacyAction, LegacyActionDefinition } from "./legacy.js";
import { bindLegacyAction } from "./legacy.js";
import {
  aisleParameters,
  type Endpoint,
  getAisle,
  type ParamSchema,
  supportsIncremental,
  type Warehouse,
} from "./warehouse.js";

/** Raised at definition time for a flow that cannot run; the message says why, like the original's. */
export class InvalidFlow extends Error {
  override name = "InvalidFlow";
}

/** The options of a flow-style action; keys are the documented snake_case names. */
export interface FlowActionOptions {
  workflow_id: string;
  connector_auth: Record<string, unknown>;
  hrflow_auth: Record<string, unknown>;
  pull_parameters?: Record<string, unknown>;
  push_parameters?: Record<string, unknown>;
  init_error?: InitError;
  format?: Format | null;
  logics?: Logic[] | null;
  callback?: Callback | null;
  persist?: boolean;
  incremental?: boolean;
}

/** Every key a flow-style action accepts; any other is refused before the run starts. */
export const FLOW_OPTION_KEYS = [
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
] as const satisfies readonly (keyof FlowActionOptions)[];

/** A flow-style action: its schemas (for docs, CLI, manifest) and its run function. */
export interface FlowAction {
  kind: "flow";
  name: string;
  connector: string;
  flow: Flow;
  mode: Mode;
  entity: Entity;
  direction: Direction;
  description: string;
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
  hasDefaultFormat: boolean;
  run(options: FlowActionOptions, runtime?: RunOptions): Promise<RunResult>;
  /** Runs from a webhook body: the flow's event parser turns it into parameter overrides. */
  catch(event: unknown, options: FlowActionOptions, runtime?: RunOptions): Promise<RunResult>;
}

export type Action = FlowAction | LegacyAction;

export interface ConnectorSpec {
  name: string;
  /** Lower-case identifier used in outbound action names and paths. */
  subtype: string;
  description: string;
  url: string;
  type: ConnectorType;
  warehouse: Warehouse;
  /** The HrFlow.ai warehouse every flow pairs with (from @hrflow-connectors/hrflow). */
  hrflow: Warehouse;
  flows?: readonly Flow[];
  legacyActions?: readonly LegacyActionDefinition[];
}

type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type FlowNameOf<F, Sub extends string> = F extends { name: infer N extends string }
  ? N
  : F extends { mode: infer M extends string; entity: infer E extends string; direction: infer D }
    ? `${M}_${E}s_in_${D extends "inbound" ? "hrflow" : Sub}`
    : never;
type LegacyNameOf<L> = L extends { name: infer N extends string } ? N : never;

/** A defined connector: metadata, the action registry by snake_case name, and camelCase methods. */
export type Connector<S extends ConnectorSpec = ConnectorSpec> = {
  readonly name: string;
  readonly subtype: S["subtype"];
  readonly description: string;
  readonly url: string;
  readonly type: ConnectorType;
  readonly warehouse: Warehouse;
  readonly hrflow: Warehouse;
  readonly actions: Readonly<Record<string, Action>>;
} & {
  readonly [K in FlowNameOf<
    NonNullable<S["flows"]>[number],
    S["subtype"]
  > as CamelCase<K>]: FlowAction["run"];
} & {
  readonly [K in LegacyNameOf<NonNullable<S["legacyActions"]>[number]> as CamelCase<K>]: LegacyAction["run"];
};

const RESERVED = new Set(["name", "subtype", "description", "url", "type", "warehouse", "hrflow", "actions"]);

/** Secret field names declared with `.meta({ secret: true })` on a schema. */
export function secretFieldsOf(schema: ParamSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => (field as z.ZodType).meta?.()?.secret === true)
    .map(([key]) => key);
}

function checkFlow(flow: Flow, spec: ConnectorSpec): void {
  const fail = (tail: string) => {
    throw new InvalidFlow(
      `Invalid flow ${flow.mode}/${flow.entity}/${flow.direction} of ${spec.name}: ${tail}`,
    );
  };
  const mine = getAisle(spec.warehouse, flow.entity);
  const theirs = getAisle(spec.hrflow, flow.entity);
  if (!mine) fail(`Entity=${flow.entity} not supported by ${spec.name} warehouse`);
  if (!theirs) fail(`Entity=${flow.entity} not supported by HrFlow warehouse`);
  const where = `mode=${flow.mode} for Entity=${flow.entity}`;
  if (flow.direction === "inbound") {
    if (!aisleParameters(mine!, "read", flow.mode))
      fail(`${spec.name} warehouse is not readable in ${where}`);
    if (!aisleParameters(theirs!, "write", flow.mode)) fail(`HrFlow warehouse is not writable in ${where}`);
  } else {
    if (!aisleParameters(theirs!, "read", flow.mode)) fail(`HrFlow warehouse is not readable in ${where}`);
    if (!aisleParameters(mine!, "write", flow.mode))
      fail(`${spec.name} warehouse is not writable in ${where}`);
  }
}

function bindFlow(flow: Flow, spec: ConnectorSpec): FlowAction {
  const name = flowName(flow, spec.subtype);
  const inbound = flow.direction === "inbound";
  const mine = getAisle(spec.warehouse, flow.entity)!;
  const theirs = getAisle(spec.hrflow, flow.entity)!;
  const [originAisle, targetAisle] = inbound ? [mine, theirs] : [theirs, mine];
  const [originWh, targetWh] = inbound ? [spec.warehouse, spec.hrflow] : [spec.hrflow, spec.warehouse];
  const read = originAisle.read!;
  const write = targetAisle.write!;
  const pullParameters = read.parameters[flow.mode]!;
  const pushParameters = write.parameters[flow.mode]!;
  const secretFields = [...secretFieldsOf(spec.warehouse.auth), ...secretFieldsOf(spec.hrflow.auth)];
  const action: FlowAction = {
    kind: "flow",
    name,
    connector: spec.name,
    flow,
    mode: flow.mode,
    entity: flow.entity,
    direction: flow.direction,
    description: flowDescription(flow, spec.name),
    origin: inbound ? spec.name : "HrFlow",
    target: inbound ? "HrFlow" : spec.name,
    connectorAuth: spec.warehouse.auth,
    hrflowAuth: spec.hrflow.auth,
    pullParameters,
    pushParameters,
    originEndpoint: read.endpoints?.[flow.mode],
    targetEndpoint: write.endpoints?.[flow.mode],
    originDataSchema: originAisle.schema,
    targetDataSchema: targetAisle.schema,
    supportsIncremental: supportsIncremental(originAisle, flow.mode),
    hasDefaultFormat: Boolean(flow.format),
    run: (options, runtime) => {
      // Called from code without options: a fatal result naming them, not a TypeError.
      const o = (options ?? {}) as FlowActionOptions;
      const originAuth = inbound ? "connector_auth" : "hrflow_auth";
      const targetAuth = inbound ? "hrflow_auth" : "connector_auth";
      return run(
        {
          workflowId: o.workflow_id,
          actionName: name,
          connector: spec.name,
          mode: flow.mode,
          order: "logics-then-format",
          origin: {
            name: originWh.name,
            parameterSets: [
              {
                label: originAuth,
                schema: originWh.auth,
                value: o[originAuth],
                reason: "bad_origin_parameters",
              },
              {
                label: "pull_parameters",
                schema: pullParameters,
                value: o.pull_parameters,
                reason: "bad_origin_parameters",
              },
            ],
            read: (ctx) => read.read(ctx),
            incremental: read.incremental?.[flow.mode],
          },
          target: {
            name: targetWh.name,
            parameterSets: [
              {
                label: targetAuth,
                schema: targetWh.auth,
                value: o[targetAuth],
                reason: "bad_target_parameters",
              },
              {
                label: "push_parameters",
                schema: pushParameters,
                value: o.push_parameters,
                reason: "bad_target_parameters",
              },
            ],
            write: (ctx, _p, items) => write.write(ctx, items),
            finish: write.finish ? (ctx, _p, summary) => write.finish!(ctx, summary) as never : undefined,
            itemSchema: targetAisle.schema,
            batchSize: write.batchSize,
          },
          logics: o.logics ?? flow.logics,
          format: o.format ?? flow.format,
          callback: o.callback ?? flow.callback,
          persist: o.persist ?? true,
          incremental: o.incremental ?? false,
          initError: o.init_error,
          secretFields,
          options: { value: options, keys: FLOW_OPTION_KEYS },
        },
        runtime,
      );
    },
    catch: async (event, o, runtime) => {
      const parsed = await parseEvent(flow.eventParser, flow.eventParser ? event : {});
      if ("initError" in parsed) return action.run({ ...o, init_error: parsed.initError }, runtime);
      return action.run(dropParsedExtras(mergeOptions(o, parsed.fields), o, FLOW_OPTION_KEYS), runtime);
    },
  };
  return action;
}

/** Validates every flow now (not at run time) and returns the connector with its actions. */
export function defineConnector<const S extends ConnectorSpec>(spec: S): Connector<S> {
  if (!/^[a-z][a-z0-9]*$/.test(spec.subtype)) {
    throw new Error(`Connector subtype '${spec.subtype}' must match ^[a-z][a-z0-9]*$`);
  }
  const actions: Record<string, Action> = {};
  const add = (action: Action) => {
    if (actions[action.name])
      throw new InvalidFlow(`Duplicate action name ${action.name} in connector ${spec.name}`);
    if (RESERVED.has(camelCase(action.name)))
      throw new InvalidFlow(`Action name ${action.name} clashes with a connector member`);
    actions[action.name] = action;
  };
  for (const flow of spec.flows ?? []) {
    if (flow.eventParser && !flow.eventParser.name) {
      throw new InvalidFlow(
        `Flow ${flowName(flow, spec.subtype)}: the event parser must be a named function`,
      );
    }
    checkFlow(flow, spec);
    add(bindFlow(flow, spec));
  }
  for (const legacy of spec.legacyActions ?? []) add(bindLegacyAction(legacy, spec.name));
  const connector: Record<string, unknown> = {
    name: spec.name,
    subtype: spec.subtype,
    description: spec.description,
    url: spec.url,
    type: spec.type,
    warehouse: spec.warehouse,
    hrflow: spec.hrflow,
    actions: Object.freeze(actions),
  };
  for (const action of Object.values(actions)) connector[camelCase(action.name)] = action.run;
  return Object.freeze(connector) as Connector<S>;
}
