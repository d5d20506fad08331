import { z } from "zod";
import type {
  AnyWriteSession,
  Endpoint,
  IncrementalToken,
  WriteFailure,
  WriteSession,
  WriteSummary,
} from "../contracts/aisle.js";
import type { ParamSchema, ReadContext, WriteContext } from "../contracts/context.js";
import type { Mode } from "../contracts/enums.js";
import type { Callback, EventParser, Format, Logic } from "../contracts/hooks.js";

/** The names the original allows for its older-style actions. */
export const LEGACY_ACTION_NAMES = [
  "pull_application_list",
  "pull_job_list",
  "pull_profile_list",
  "pull_resume_attachment_list",
  "push_profile",
  "push_job",
  "push_profile_list",
  "push_job_list",
  "push_score_list",
  "catch_profile",
  "catch_job",
  "push_application",
  "applicant_new",
  "applicant_resume_update",
  "applicant_update",
] as const;
export type LegacyActionName = (typeof LEGACY_ACTION_NAMES)[number];

/** In the older style one parameter object carries the credentials too: `ctx.auth` is `ctx.parameters`. */
export type LegacyReadContext<P extends ParamSchema> = ReadContext<z.output<P>, z.output<P>>;
/** The write context of an older-style warehouse (see `LegacyReadContext`). */
export type LegacyWriteContext<P extends ParamSchema> = WriteContext<z.output<P>, z.output<P>>;

/** An older-style read: one parameter set (auth included). */
export interface LegacyRead<P extends ParamSchema, T> {
  parameters: P;
  endpoints?: Endpoint[];
  incremental?: IncrementalToken<T>;
  read: (ctx: LegacyReadContext<P>) => AsyncIterable<T>;
}

/** An older-style write: one parameter set (auth included); a session per run or a stateless write. */
export interface LegacyWrite<P extends ParamSchema, T> {
  parameters: P;
  endpoints?: Endpoint[];
  batchSize?: number;
  open?: (ctx: LegacyWriteContext<P>) => WriteSession<T>;
  write?: (ctx: LegacyWriteContext<P>, items: T[]) => Promise<WriteFailure<T>[]>;
  finish?: (ctx: LegacyWriteContext<P>, summary: WriteSummary) => Promise<WriteFailure[] | undefined>;
  /** Proves the write's credentials with one request that writes nothing (see `WriteOperation.check`). */
  check?: (ctx: LegacyWriteContext<P>) => Promise<string>;
}

/** An older-style warehouse; written items are the `z.output` of `dataSchema`. */
export interface LegacyWarehouse<RP extends ParamSchema, WP extends ParamSchema, S extends z.ZodType, T> {
  name: string;
  dataSchema?: S;
  read?: LegacyRead<RP, T>;
  write?: LegacyWrite<WP, z.output<S>>;
}

/** An older-style warehouse with its types erased (methods compare bivariantly, see `AnyAisle`). */
export interface AnyLegacyWarehouse {
  name: string;
  dataSchema?: z.ZodType;
  read?: {
    parameters: ParamSchema;
    endpoints?: Endpoint[];
    incremental?: {
      token(item: unknown): string;
      compare?(a: string, b: string): number;
      clamp?(token: string, ceiling: Date): string | null;
    };
    read(ctx: ReadContext): AsyncIterable<unknown>;
  };
  write?: {
    parameters: ParamSchema;
    endpoints?: Endpoint[];
    batchSize?: number;
    open?(ctx: WriteContext): AnyWriteSession;
    write?(ctx: WriteContext, items: unknown[]): Promise<WriteFailure[]>;
    finish?(ctx: WriteContext, summary: WriteSummary): Promise<WriteFailure[] | undefined>;
    check?(ctx: WriteContext): Promise<string>;
  };
}

/** Defines an older-style warehouse, typing each function's context from its parameters schema. */
export function defineLegacyWarehouse<
  RP extends ParamSchema = ParamSchema,
  WP extends ParamSchema = ParamSchema,
  S extends z.ZodType = z.ZodUnknown,
  T = unknown,
>(warehouse: LegacyWarehouse<RP, WP, S, T>): LegacyWarehouse<RP, WP, S, T> {
  const write = warehouse.write;
  if (write && Boolean(write.open) === Boolean(write.write || write.finish)) {
    throw new Error(`${warehouse.name}: a write gives either open, or write (and finish), not both`);
  }
  return Object.freeze({ ...warehouse });
}

/** An older-style action as a connector declares it. */
export interface LegacyActionDefinition {
  name: LegacyActionName;
  /** pull: scheduled; catch: triggered by a webhook. */
  trigger: "pull" | "catch";
  description: string;
  origin: AnyLegacyWarehouse;
  target: AnyLegacyWarehouse;
  /** The connector's default mapping (`format` default). */
  format: Format;
  eventParser?: EventParser;
  /** The mode given to the warehouses; the older style has none, so create by default. */
  mode?: Mode;
  /** Runs after the write stage, as a flow's callback does (e.g. to report back to the vendor). */
  callback?: Callback;
}

const fn = <T>(what: string) =>
  z.custom<T>((v) => typeof v === "function", { message: `${what} must be a function` });

/** The action_parameters schema of the older style, with the connector's default format. */
export function legacyActionParameters(defaultFormat: Format) {
  return z.object({
    logics: z.array(fn<Logic>("each logic")).default([]).describe("List of logic functions"),
    format: fn<Format>("format")
      .default(() => defaultFormat)
      .describe("Formatting function"),
    read_mode: z
      .enum(["sync", "incremental"])
      .default("sync")
      .describe(
        "If 'incremental' then `read_from` of the last run is given to Origin Warehouse during read. **The actual behavior depends on implementation of read**. In 'sync' mode `read_from` is neither fetched nor given to Origin Warehouse during read.",
      ),
    event_parser: fn<EventParser>("event_parser").optional().meta({ skipFromDocs: true }),
  });
}
