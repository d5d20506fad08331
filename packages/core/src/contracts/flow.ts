import type { Direction, Entity, Mode } from "./enums.js";
import type { Callback, EventParser, Format, Logic } from "./hooks.js";

/** One movement of one entity in one mode and direction, with its defaults. */
export interface Flow {
  mode: Mode;
  entity: Entity;
  direction: Direction;
  /** Overrides the default `{mode}_{entity}s_in_{hrflow|subtype}` name. */
  name?: string;
  /** The connector's mapping, used when the caller passes none. */
  format?: Format;
  logics?: Logic[];
  callback?: Callback;
  /** Turns a vendor webhook body into parameters, for catch-style runs. */
  eventParser?: EventParser;
}

const PAST: Record<Mode, string> = { create: "created", update: "updated", archive: "archived" };

/** The action name of a flow: its override, or `{mode}_{entity}s_in_{hrflow|subtype}`. */
export function flowName(flow: Flow, subtype: string): string {
  if (flow.name) return flow.name;
  return `${flow.mode}_${flow.entity}s_in_${flow.direction === "inbound" ? "hrflow" : subtype}`;
}

/** The one-line description the docs show for a flow. */
export function flowDescription(flow: Flow, connectorName: string): string {
  const [origin, target] =
    flow.direction === "inbound" ? [connectorName, "HrFlow"] : ["HrFlow", connectorName];
  return `Send **${PAST[flow.mode]}** '${flow.entity}(s)' _from_ ${origin} _to_ ${target}`;
}

/** `create_jobs_in_hrflow` -> `createJobsInHrflow`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
