import type { ParamSchema } from "../contracts/context.js";

/** One parameter object of an action's options, with the schema that validates it. */
export interface ParameterSetInfo {
  /** The option key (`connector_auth`, `pull_parameters`, `origin_parameters`...). */
  label: string;
  schema: ParamSchema;
  /** What it configures: the origin, the target, or the action itself. */
  side: "origin" | "target" | "action";
  /** The system it belongs to (a warehouse or connector name, e.g. `HrFlow.ai Profiles`). */
  system: string;
}

/**
 * What every action exposes whatever its style, so tools (CLI, docs, queues) need no branch on
 * `kind`: its parameter objects in documented order, how it is triggered, and where data comes from.
 */
export interface ActionShape {
  parameterSets: readonly ParameterSetInfo[];
  /** `pull`: run on a schedule; `catch`: run from a webhook body (through `catch`). */
  triggers: readonly ("pull" | "catch")[];
  /** True when the data comes from the vendor (so do its webhooks), false when from HrFlow.ai. */
  fromVendor: boolean;
}
