import type { z } from "zod";
import { type AnyReadOperation, type AnyWriteOperation, openWrite } from "../contracts/aisle.js";
import type { ParamSchema } from "../contracts/context.js";
import type { Mode } from "../contracts/enums.js";
import { type Flow, flowDescription, flowName } from "../contracts/flow.js";
import { getAisle, supportsIncremental, type Warehouse } from "../contracts/warehouse.js";
import { ProcessIdentityLocks } from "../engine/identity-locks.js";
import type { RunResult } from "../engine/result.js";
import { run } from "../engine/run.js";
import type { RunOptions, RunSpec } from "../engine/types.js";
import { dropParsedExtras, mergeOptions, parseEvent } from "./events.js";
import { type FlowCoreFacts, flowShape } from "./flow-shape.js";
import { withIdentityLocks } from "./identity-default.js";
import { FLOW_OPTION_KEYS, type FlowActionOptions, type FlowCatchOptions } from "./options.js";
import { secretFieldsOf } from "./secrets.js";
import type { ActionShape } from "./shape.js";

/** A flow-style action: its schemas (for docs, CLI, manifest) and its run function. */
export interface FlowAction extends ActionShape, FlowCoreFacts {
  kind: "flow";
  name: string;
  connector: string;
  flow: Flow;
  mode: Mode;
  description: string;
  hasDefaultFormat: boolean;
  run(options: FlowActionOptions, runtime?: RunOptions): Promise<RunResult>;
  /** Runs from a webhook body: the flow's event parser turns it into parameter overrides. */
  catch(event: unknown, options: FlowCatchOptions, runtime?: RunOptions): Promise<RunResult>;
}

/** What binding a flow needs from its connector. */
export interface FlowBinding {
  name: string;
  subtype: string;
  warehouse: Warehouse;
  hrflow: Warehouse;
}

/** Binds a checked flow to the one engine (logics run before format, as in the original's v2). */
export function bindFlow(flow: Flow, spec: FlowBinding): FlowAction {
  const name = flowName(flow, spec.subtype);
  const inbound = flow.direction === "inbound";
  const mine = getAisle(spec.warehouse, flow.entity);
  const theirs = getAisle(spec.hrflow, flow.entity);
  const [originAisle, targetAisle] = inbound ? [mine, theirs] : [theirs, mine];
  const [originWh, targetWh] = inbound ? [spec.warehouse, spec.hrflow] : [spec.hrflow, spec.warehouse];
  const read = originAisle?.read;
  const write = targetAisle?.write;
  const pullParameters = read?.parameters[flow.mode];
  const pushParameters = write?.parameters[flow.mode];
  // checkFlow ran first; this only tells the compiler what it proved.
  if (!read || !write || !pullParameters || !pushParameters) throw new Error(`Flow ${name} cannot run`);
  const secretFields = [...secretFieldsOf(spec.warehouse.auth), ...secretFieldsOf(spec.hrflow.auth)];
  const originAuth = inbound ? "connector_auth" : "hrflow_auth";
  const targetAuth = inbound ? "hrflow_auth" : "connector_auth";
  // The facts both the action and its tool-facing shape expose.
  const facts: FlowCoreFacts = {
    connector: spec.name,
    mode: flow.mode,
    entity: flow.entity,
    direction: flow.direction,
    origin: inbound ? spec.name : "HrFlow",
    target: inbound ? "HrFlow" : spec.name,
    connectorAuth: spec.warehouse.auth,
    hrflowAuth: spec.hrflow.auth,
    pullParameters,
    pushParameters,
    originEndpoint: read.endpoints?.[flow.mode],
    targetEndpoint: write.endpoints?.[flow.mode],
    originDataSchema: originAisle?.schema,
    targetDataSchema: targetAisle?.schema,
    supportsIncremental: originAisle ? supportsIncremental(originAisle, flow.mode) : false,
  };
  const binding: FlowRunBinding = {
    name,
    connector: spec.name,
    flow,
    originWh,
    targetWh,
    originAuth,
    targetAuth,
    pullParameters,
    pushParameters,
    read,
    write,
    itemSchema: targetAisle?.schema,
    secretFields,
  };
  // Every run of this action in the process shares these unless the caller passes its own.
  const identityLocks = new ProcessIdentityLocks();
  const action: FlowAction = {
    kind: "flow",
    name,
    flow,
    description: flowDescription(flow, spec.name),
    ...facts,
    hasDefaultFormat: Boolean(flow.format),
    ...flowShape({
      ...facts,
      name,
      vendorSystem: spec.warehouse.name,
      hrflowSystem: spec.hrflow.name,
      originSystem: originWh.name,
      targetSystem: targetWh.name,
      read: (ctx) => read.read(ctx),
      check: write.check ? (ctx) => write.check!({ ...ctx, mode: flow.mode }) : undefined,
      format: flow.format,
      eventParser: flow.eventParser,
    }),
    run: (options, given) => {
      // Called from code without options: a fatal result naming them, not a TypeError.
      const o = (options ?? {}) as FlowActionOptions;
      // An outbound flow moves the HrFlow items of one event per run: runs of its workflow take
      // turns. An inbound one reads a listing: a second run at once is refused (workflow_busy).
      const runtime = flow.direction === "outbound" ? { waitForLease: true, ...given } : given;
      return run(flowRunSpec(binding, o, options), withIdentityLocks(runtime, identityLocks));
    },
    catch: async (event, o, given) => {
      // Webhook events of one workflow arrive together: each waits for the one before it.
      const runtime = { waitForLease: true, ...given };
      const parsed = await parseEvent(flow.eventParser, flow.eventParser ? event : {});
      // The merged options are validated by the run like any others.
      if ("initError" in parsed) return action.run({ ...o, init_error: parsed.initError }, runtime);
      return action.run(dropParsedExtras(mergeOptions(o, parsed.fields), o, FLOW_OPTION_KEYS), runtime);
    },
  };
  return action;
}

/** What binding checked once: the flow's sides, each with its auth label and parameters. */
interface FlowRunBinding {
  name: string;
  connector: string;
  flow: Flow;
  originWh: Warehouse;
  targetWh: Warehouse;
  originAuth: "connector_auth" | "hrflow_auth";
  targetAuth: "connector_auth" | "hrflow_auth";
  pullParameters: ParamSchema;
  pushParameters: ParamSchema;
  read: AnyReadOperation;
  write: AnyWriteOperation;
  itemSchema: z.ZodType | undefined;
  secretFields: string[];
}

/**
 * The engine's spec for one run of a flow: each side validates its auth then its parameters, and
 * shows them to its context as `auth` and `parameters`; the options may replace the flow's functions.
 */
function flowRunSpec(b: FlowRunBinding, o: FlowActionOptions, options: unknown): RunSpec {
  const { name, connector, flow, originWh, targetWh, originAuth, targetAuth, read, write } = b;
  const { pullParameters, pushParameters, secretFields } = b;
  return {
    workflowId: o.workflow_id,
    actionName: name,
    connector,
    mode: flow.mode,
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
      contextSets: { auth: originAuth, parameters: "pull_parameters" },
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
      contextSets: { auth: targetAuth, parameters: "push_parameters" },
      open: (ctx) => openWrite(write, ctx),
      itemSchema: b.itemSchema,
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
  };
}
