import type { ClientSettings } from "../http/settings.js";
import type { AnyAisle } from "./aisle.js";
import type { ParamSchema } from "./context.js";
import type { Entity, Mode } from "./enums.js";

/**
 * A system (vendor or HrFlow.ai) seen as an auth schema plus one aisle per entity. `L` keeps each
 * aisle's own types, so an action's options can be inferred from the aisles its flow uses.
 */
export interface Warehouse<
  A extends ParamSchema = ParamSchema,
  L extends readonly AnyAisle[] = readonly AnyAisle[],
> {
  name: string;
  auth: A;
  aisles: L;
}

/**
 * Defines a warehouse; rejects two aisles for one entity instead of letting the last win, and an
 * aisle typed for other credentials than the warehouse's.
 */
export function defineWarehouse<A extends ParamSchema, const L extends readonly AnyAisle[]>(warehouse: {
  name: string;
  auth: A;
  aisles: L;
}): Warehouse<A, L> {
  const seen = new Set<Entity>();
  for (const aisle of warehouse.aisles) {
    if (seen.has(aisle.entity)) {
      throw new Error(`Warehouse ${warehouse.name} declares two aisles for entity ${aisle.entity}`);
    }
    if (aisle.auth !== warehouse.auth) {
      throw new Error(
        `Warehouse ${warehouse.name}: the ${aisle.entity} aisle is defined for another auth schema`,
      );
    }
    seen.add(aisle.entity);
  }
  // The caller's aisle list is frozen in place: its tuple type (what actions are typed from) stays exact.
  Object.freeze(warehouse.aisles);
  return Object.freeze({ ...warehouse });
}

/** The aisle of a warehouse for an entity, or undefined. */
export function getAisle(warehouse: Warehouse, entity: Entity): AnyAisle | undefined {
  return warehouse.aisles.find((a) => a.entity === entity);
}

/** The parameters schema of an aisle's read or write for a mode, or undefined when unsupported. */
export function aisleParameters(
  aisle: AnyAisle,
  operation: "read" | "write",
  mode: Mode,
): ParamSchema | undefined {
  return aisle[operation]?.parameters[mode];
}

/** Whether the aisle's read can run incrementally in this mode. */
export function supportsIncremental(aisle: AnyAisle, mode: Mode): boolean {
  return Boolean(aisle.read?.incremental?.[mode]);
}

/**
 * The base URL a client should use for a vendor: the run's override, then the environment
 * variable `HRFLOW_CONNECTORS_<VENDOR>_BASE_URL`, then the vendor's real URL.
 */
export function resolveBaseUrl(
  ctx: Partial<ClientSettings> | undefined,
  vendor: string,
  fallback: string,
): string {
  return (
    ctx?.baseUrls?.[vendor] ??
    process.env[`HRFLOW_CONNECTORS_${vendor.toUpperCase()}_BASE_URL`] ??
    fallback
  ).replace(/\/+$/, "");
}
