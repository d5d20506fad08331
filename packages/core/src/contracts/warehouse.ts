import type { z } from "zod";
import type { HttpSettings } from "../http/settings.js";
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/store.js";
import type { Entity, Mode } from "./enums.js";

/** A zod object schema describing one parameter set (auth, pull or push parameters). */
export type ParamSchema = z.ZodObject<any>;

/** A vendor endpoint an operation calls; only used by docs and the manifest. */
export interface Endpoint {
  name: string;
  description: string;
  url: string;
}

/** Run-time settings a client honours: base URL overrides (e.g. a fake on 127.0.0.1) and HTTP tuning. */
export interface ClientSettings {
  /** The workflow the run belongs to (named in errors that ask a person to act). */
  workflowId?: string;
  /**
   * The run's state store, for credentials a vendor issues once and a later run needs (e.g. an
   * OAuth refresh token that replaces a single-use authorization code). Null when the run has none.
   */
  store?: Store | null;
  /** Base URL per vendor key (e.g. `{ hrflow: "http://127.0.0.1:4010/v1" }`). */
  baseUrls: Record<string, string>;
  /** Overrides of the HTTP policy (timeouts, retries) for every client of the run. */
  http: HttpSettings;
}

/** What every read receives. */
export interface ReadContext<Auth = any, Params = any> extends ClientSettings {
  mode: Mode;
  auth: Auth;
  parameters: Params;
  incremental: boolean;
  /** The token checkpointed by the previous incremental run, or null. */
  incrementalToken: string | null;
  signal: AbortSignal;
  logger: Logger;
}

/** What every write receives (besides the batch). */
export interface WriteContext<Auth = any, Params = any> extends ClientSettings {
  /**
   * True when the run replays items whose earlier write may have landed (dead-letter entries with
   * `outcome: "unknown"`): writes look each item up before sending it (see `reconcileDefaults`).
   */
  lookBeforeWrite?: boolean;
  mode: Mode;
  auth: Auth;
  parameters: Params;
  signal: AbortSignal;
  logger: Logger;
  /**
   * Reports an item of the batch that was deliberately not written (already there, unchanged):
   * it counts as skipped, not as written or failed. Set by the engine for each batch.
   */
  skip?: (item: unknown, why: string) => void;
}

/** An item a write could not deliver, with the reason. */
export interface WriteFailure<T = unknown> {
  item: T;
  error: string;
  /**
   * "unknown" when the write may have landed although no answer said so (its answer was lost and
   * the vendor offers no lookup): whoever resends it must look first.
   */
  outcome?: "unknown";
}

/** Told to a write's `finish` hook once every batch has been handled. */
export interface WriteSummary {
  /** True only when the read ran to its end without an error and the run was not aborted. */
  readComplete: boolean;
  written: number;
  failed: number;
}

/** Turns an item into an incremental token, and orders tokens so the newest wins. */
export interface IncrementalToken<T = any> {
  token: (item: T) => string;
  /** Negative when a is older than b. Default: numbers numerically, dates chronologically, else text. */
  compare?: (a: string, b: string) => number;
}

/** A streaming read, with its parameters declared per supported mode. */
export interface ReadOperation<Auth = any, T = any> {
  /** One parameters schema per mode the read supports; a missing mode is unsupported. */
  parameters: Partial<Record<Mode, ParamSchema>>;
  endpoints?: Partial<Record<Mode, Endpoint>>;
  /** Per mode, how to derive the incremental token; a mode without one cannot run incrementally. */
  incremental?: Partial<Record<Mode, IncrementalToken<T>>>;
  read: (ctx: ReadContext<Auth, any>) => AsyncIterable<T>;
}

/** A batched write, with its parameters declared per supported mode. */
export interface WriteOperation<Auth = any, T = any> {
  parameters: Partial<Record<Mode, ParamSchema>>;
  endpoints?: Partial<Record<Mode, Endpoint>>;
  /** Items per write call; the engine's default applies when absent. */
  batchSize?: number;
  /** Returns the items that failed; throwing fails the whole batch. */
  write: (ctx: WriteContext<Auth, any>, items: T[]) => Promise<WriteFailure<T>[]>;
  /** Called once after the last batch, e.g. to archive what a complete read did not return. */
  finish?: (
    ctx: WriteContext<Auth, any>,
    summary: WriteSummary,
  ) => Promise<WriteFailure<unknown>[] | undefined>;
}

/** One entity's operations in a warehouse. */
export interface Aisle<Auth = any, T = any> {
  entity: Entity;
  /** The data schema of the items this aisle reads or accepts; written items are validated against it. */
  schema?: z.ZodType<T>;
  read?: ReadOperation<Auth, T>;
  write?: WriteOperation<Auth, T>;
}

/** A system (vendor or HrFlow.ai) seen as an auth schema plus one aisle per entity. */
export interface Warehouse<AuthSchema extends ParamSchema = ParamSchema> {
  name: string;
  auth: AuthSchema;
  aisles: Aisle<z.output<AuthSchema>>[];
}

/** Defines a warehouse; rejects two aisles for one entity instead of letting the last win. */
export function defineWarehouse<S extends ParamSchema>(warehouse: Warehouse<S>): Warehouse<S> {
  const seen = new Set<Entity>();
  for (const aisle of warehouse.aisles) {
    if (seen.has(aisle.entity)) {
      throw new Error(`Warehouse ${warehouse.name} declares two aisles for entity ${aisle.entity}`);
    }
    seen.add(aisle.entity);
  }
  return Object.freeze({ ...warehouse, aisles: Object.freeze([...warehouse.aisles]) as Aisle[] });
}

/** The aisle of a warehouse for an entity, or undefined. */
export function getAisle(warehouse: Warehouse, entity: Entity): Aisle | undefined {
  return warehouse.aisles.find((a) => a.entity === entity);
}

/** The parameters schema of an aisle's read or write for a mode, or undefined when unsupported. */
export function aisleParameters(
  aisle: Aisle,
  operation: "read" | "write",
  mode: Mode,
): ParamSchema | undefined {
  return aisle[operation]?.parameters[mode];
}

/** Whether the aisle's read can run incrementally in this mode. */
export function supportsIncremental(aisle: Aisle, mode: Mode): boolean {
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
