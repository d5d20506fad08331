import { brand, hasBrand } from "../brand.js";
import type { AnyAisle } from "../contracts/aisle.js";
import type { ConnectorType, Direction, Entity, Mode } from "../contracts/enums.js";
import { camelCase, type Flow, flowName } from "../contracts/flow.js";
import { aisleParameters, getAisle, type Warehouse } from "../contracts/warehouse.js";
import type { RunResult } from "../engine/result.js";
import type { RunOptions } from "../engine/types.js";
import { bindLegacyAction, type LegacyAction } from "../legacy/action.js";
import type { LegacyActionDefinition } from "../legacy/warehouse.js";
import { bindFlow, type FlowAction } from "./flow-action.js";
import type {
  FlowActionOptions,
  FlowCatchOptions,
  InputOf,
  LegacyActionOptions,
  LegacyCatchOptions,
} from "./options.js";

export { secretFieldsOf } from "./secrets.js";

/** Raised at definition time for a flow that cannot run; the message says why, like the original's. */
export class InvalidFlow extends Error {
  override name = "InvalidFlow";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    brand(this, "invalid-flow");
  }
}

/** Whether an error is a flow refused at definition time (an InvalidFlow from any copy of core). */
export function isInvalidFlow(err: unknown): err is InvalidFlow {
  return hasBrand(err, "invalid-flow");
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

// ---- Types of the camelCase methods, computed from the spec's schemas.

type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type FlowNameOf<F, Sub extends string> = F extends { name: infer N extends string }
  ? N
  : F extends { mode: infer M extends string; entity: infer E extends string; direction: infer D }
    ? `${M}_${E}s_in_${D extends "inbound" ? "hrflow" : Sub}`
    : never;
type LegacyNameOf<L> = L extends { name: infer N extends string } ? N : never;

// The aisle of an entity; an aisle whose types were erased (entity: Entity) matches every entity.
type AisleIn<W, E> = W extends { aisles: readonly (infer A)[] }
  ? A extends { entity: infer X }
    ? E extends X
      ? A
      : never
    : never
  : never;
type OpSchema<A, Op extends "read" | "write", M> = A extends { [K in Op]?: { parameters: infer P } }
  ? M extends keyof P
    ? P[M]
    : never
  : never;
type AuthOf<W> = W extends { auth: infer A } ? InputOf<A> : never;
// A flow's items are what its default format takes: the connector types it with what the read
// yields in that mode (an archive's listed items, a create's details); no format: unknown.
type ItemOf<F> = F extends { format: (item: infer I) => unknown } ? I : unknown;

type FlowTypes<S extends ConnectorSpec, F> = F extends {
  mode: infer M extends Mode;
  entity: infer E extends Entity;
  direction: infer D extends Direction;
}
  ? [
      AuthOf<S["warehouse"]>,
      AuthOf<S["hrflow"]>,
      InputOf<OpSchema<AisleIn<D extends "inbound" ? S["warehouse"] : S["hrflow"], E>, "read", M>>,
      InputOf<OpSchema<AisleIn<D extends "inbound" ? S["hrflow"] : S["warehouse"], E>, "write", M>>,
      ItemOf<F>,
    ]
  : never;

/** The typed run function of a flow: options from the `z.input` of its four schemas, and its items. */
export type FlowRun<T extends unknown[]> = T extends [infer CA, infer HA, infer Pull, infer Push, infer Item]
  ? ((options: FlowActionOptions<CA, HA, Pull, Push, Item>, runtime?: RunOptions) => Promise<RunResult>) & {
      catch: (
        event: unknown,
        options: FlowCatchOptions<CA, HA, Pull, Push, Item>,
        runtime?: RunOptions,
      ) => Promise<RunResult>;
    }
  : never;

type LegacyTypes<L> = L extends { origin: infer O; target: infer T }
  ? [
      O extends { read?: { parameters: infer P } } ? InputOf<P> : never,
      T extends { write?: { parameters: infer P } } ? InputOf<P> : never,
    ]
  : never;

/** The typed run function of an older-style action: options from the `z.input` of its two schemas. */
export type LegacyRun<T extends unknown[]> = T extends [infer O, infer Tg]
  ? ((options: LegacyActionOptions<O, Tg>, runtime?: RunOptions) => Promise<RunResult>) & {
      catch: (event: unknown, options: LegacyCatchOptions<O, Tg>, runtime?: RunOptions) => Promise<RunResult>;
    }
  : never;

/** A defined connector: metadata, the action registry by snake_case name, and typed camelCase methods. */
export type Connector<S extends ConnectorSpec = ConnectorSpec> = {
  readonly name: string;
  readonly subtype: S["subtype"];
  readonly description: string;
  readonly url: string;
  readonly type: ConnectorType;
  readonly warehouse: S["warehouse"];
  readonly hrflow: S["hrflow"];
  readonly actions: Readonly<Record<string, Action>>;
} & {
  readonly [F in NonNullable<S["flows"]>[number] as CamelCase<FlowNameOf<F, S["subtype"]>>]: FlowRun<
    FlowTypes<S, F>
  >;
} & {
  readonly [L in NonNullable<S["legacyActions"]>[number] as CamelCase<LegacyNameOf<L>>]: LegacyRun<
    LegacyTypes<L>
  >;
};

const RESERVED = new Set(["name", "subtype", "description", "url", "type", "warehouse", "hrflow", "actions"]);

function checkFlow(flow: Flow, spec: ConnectorSpec): void {
  const fail = (tail: string): never => {
    throw new InvalidFlow(
      `Invalid flow ${flow.mode}/${flow.entity}/${flow.direction} of ${spec.name}: ${tail}`,
    );
  };
  const mine: AnyAisle =
    getAisle(spec.warehouse, flow.entity) ??
    fail(`Entity=${flow.entity} not supported by ${spec.name} warehouse`);
  const theirs: AnyAisle =
    getAisle(spec.hrflow, flow.entity) ?? fail(`Entity=${flow.entity} not supported by HrFlow warehouse`);
  const where = `mode=${flow.mode} for Entity=${flow.entity}`;
  if (flow.direction === "inbound") {
    if (!aisleParameters(mine, "read", flow.mode)) fail(`${spec.name} warehouse is not readable in ${where}`);
    if (!aisleParameters(theirs, "write", flow.mode)) fail(`HrFlow warehouse is not writable in ${where}`);
  } else {
    if (!aisleParameters(theirs, "read", flow.mode)) fail(`HrFlow warehouse is not readable in ${where}`);
    if (!aisleParameters(mine, "write", flow.mode))
      fail(`${spec.name} warehouse is not writable in ${where}`);
  }
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
  for (const action of Object.values(actions)) {
    // The method is the action's run, with its catch attached, both bound to the same action.
    connector[camelCase(action.name)] = Object.assign(action.run.bind(action), {
      catch: action.catch.bind(action),
    });
  }
  // The methods' precise types come from the spec's schemas, which the values above were built from.
  return Object.freeze(connector) as Connector<S>;
}
