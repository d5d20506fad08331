import type { z } from "zod";
import type {
  ModeSchemas,
  ParamSchema,
  ReadContext,
  ReadContextOf,
  WriteContext,
  WriteContextOf,
} from "./context.js";
import type { Entity, Mode } from "./enums.js";

/** A vendor endpoint an operation calls; only used by docs and the manifest. */
export interface Endpoint {
  name: string;
  description: string;
  url: string;
}

/** The same value for every mode (an aisle's parameters, endpoints or tokens that no mode changes). */
export function everyMode<T>(value: T): Record<Mode, T> {
  return { create: value, update: value, archive: value };
}

/**
 * A read's endpoints when create and update read each item in full and an archive, which needs only
 * the ids, reads the listing alone: the same call, told apart by what the archive skips.
 */
export function listedForArchive(details: Endpoint, archiveDescription: string): Record<Mode, Endpoint> {
  return { create: details, update: details, archive: { ...details, description: archiveDescription } };
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

/** Told to a write's `finish` once every batch has been handled. */
export interface WriteSummary {
  /** True only when the read ran to its end without an error and the run was not aborted. */
  readComplete: boolean;
  written: number;
  failed: number;
}

/** Turns an item into an incremental token, and orders tokens so the newest wins. */
export interface IncrementalToken<T = unknown> {
  token: (item: T) => string;
  /** Negative when a is older than b. Default: numbers numerically, dates chronologically, else text. */
  compare?: (a: string, b: string) => number;
  /**
   * What of a token may be committed by a run whose ceiling (start + `TOKEN_SKEW_MS`) is given:
   * the token, or null when it is dated past the ceiling; throws for a text that is no token of
   * this kind. Default `clampDateLike`: ISO-like dates are held back, ids and numbers pass.
   */
  clamp?: (token: string, ceiling: Date) => string | null;
}

/**
 * One run's writes to a target: opened once per run, it keeps whatever the batches share (what
 * was pushed, a report to send) inside the run instead of in module state.
 */
export interface WriteSession<T = unknown, R = unknown> {
  /** Writes one batch and returns the items that failed; throwing fails the whole batch. */
  write: (items: T[]) => Promise<WriteFailure<T>[]>;
  /** Called once after the last batch (persisting runs only), e.g. to archive what the read did not return. */
  finish?: (summary: WriteSummary) => Promise<WriteFailure[] | undefined>;
  /** What the run's callback receives as `result` (e.g. the delivered items to report). */
  result?: () => R;
  /** The item's identity in the target (see `WriteOperation.identity`); none: derived by the engine. */
  identity?: (item: T) => string | null | undefined;
}

/** A streaming read, with its parameters declared per supported mode. */
export interface ReadOperation<Auth, T, P extends ModeSchemas> {
  parameters: P;
  endpoints?: Partial<Record<keyof P & Mode, Endpoint>>;
  /** Per mode, how to derive the incremental token; a mode without one cannot run incrementally. */
  incremental?: Partial<Record<keyof P & Mode, IncrementalToken<T>>>;
  read: (ctx: ReadContextOf<Auth, P>) => AsyncIterable<T>;
}

/**
 * A batched write, with its parameters declared per supported mode. Either `open` a session per
 * run (for state shared across batches), or give a stateless `write` (and `finish`).
 */
export interface WriteOperation<Auth, T, P extends ModeSchemas> {
  parameters: P;
  endpoints?: Partial<Record<keyof P & Mode, Endpoint>>;
  /** Items per write call; the engine's default applies when absent. */
  batchSize?: number;
  open?: (ctx: WriteContextOf<Auth, P>) => WriteSession<T>;
  write?: (ctx: WriteContextOf<Auth, P>, items: T[]) => Promise<WriteFailure<T>[]>;
  finish?: (ctx: WriteContextOf<Auth, P>, summary: WriteSummary) => Promise<WriteFailure[] | undefined>;
  /**
   * Proves the write's credentials with one request that writes nothing (e.g. asking for a token),
   * for `hrflow-connectors check`; it returns what it did. Without it, check reads from the warehouse.
   */
  check?: (ctx: WriteContextOf<Auth, P>) => Promise<string>;
  /**
   * The item's identity in the target, scoped to where it lands (e.g. `hrflow:profile:<source>:<reference>`):
   * writes of one identity are never run at once (see `RunOptions.identityLocks`). Null when the item
   * has none. Without it the engine derives one from the item's `reference`, else its email.
   */
  identity?: (ctx: WriteContextOf<Auth, P>, item: T) => string | null | undefined;
}

/**
 * One entity's operations in a warehouse. Written items are the `z.output` of its data schema
 * (the engine validates them against it); read items are what the vendor returns (`R`, inferred
 * from the read), which the flow's format maps and nothing validates.
 */
export interface Aisle<
  E extends Entity,
  A extends ParamSchema,
  S extends z.ZodType,
  RP extends ModeSchemas,
  WP extends ModeSchemas,
  R = z.output<S>,
> {
  entity: E;
  /** The warehouse's auth schema: `ctx.auth` is its `z.output`. */
  auth: A;
  /** The data schema of the items this aisle accepts (and documents); written items are validated against it. */
  schema: S;
  read?: ReadOperation<z.output<A>, R, RP>;
  write?: WriteOperation<z.output<A>, z.output<S>, WP>;
}

// ---- The same shapes with their types erased, as the engine, the CLI and docgen see them. Their
// functions are declared as methods, which TypeScript compares bivariantly, so every typed aisle is
// one of them; the engine only calls them with values parsed by the very schemas they declare.

/** A write session of unknown item type. */
export interface AnyWriteSession {
  write(items: unknown[]): Promise<WriteFailure[]>;
  finish?(summary: WriteSummary): Promise<WriteFailure[] | undefined>;
  result?(): unknown;
  identity?(item: unknown): string | null | undefined;
}

/** A read of unknown types. */
export interface AnyReadOperation {
  parameters: ModeSchemas;
  endpoints?: Partial<Record<Mode, Endpoint>>;
  incremental?: Partial<
    Record<Mode, { token(item: unknown): string; compare?(a: string, b: string): number }>
  >;
  read(ctx: ReadContext): AsyncIterable<unknown>;
}

/** The functions of a write of unknown types: a session per run, or a stateless write (and finish). */
export interface AnyWriteFunctions {
  open?(ctx: WriteContext): AnyWriteSession;
  write?(ctx: WriteContext, items: unknown[]): Promise<WriteFailure[]>;
  finish?(ctx: WriteContext, summary: WriteSummary): Promise<WriteFailure[] | undefined>;
  identity?(ctx: WriteContext, item: unknown): string | null | undefined;
}

/** A write of unknown types. */
export interface AnyWriteOperation extends AnyWriteFunctions {
  check?(ctx: WriteContext): Promise<string>;
  parameters: ModeSchemas;
  endpoints?: Partial<Record<Mode, Endpoint>>;
  batchSize?: number;
}

/** An aisle of unknown types. */
export interface AnyAisle {
  entity: Entity;
  auth: ParamSchema;
  schema?: z.ZodType;
  read?: AnyReadOperation;
  write?: AnyWriteOperation;
}

/**
 * Defines an aisle: `ctx.auth` is the `z.output` of `auth`, each mode's `ctx.parameters` the
 * `z.output` of that mode's schema, and written items the `z.output` of `schema`, so the compiler
 * checks the read and write functions against the schemas the docs and the validation use.
 */
export function defineAisle<
  const E extends Entity,
  A extends ParamSchema,
  S extends z.ZodType,
  RP extends ModeSchemas = Record<never, never>,
  WP extends ModeSchemas = Record<never, never>,
  R = z.output<S>,
>(aisle: Aisle<E, A, S, RP, WP, R>): Aisle<E, A, S, RP, WP, R> {
  const write = aisle.write;
  if (write && Boolean(write.open) === Boolean(write.write || write.finish)) {
    throw new Error(`Aisle ${aisle.entity}: a write gives either open, or write (and finish), not both`);
  }
  return Object.freeze({ ...aisle });
}

/** The functions of a write: a session per run, or a stateless write (and finish) bound to a context. */
export interface WriteFunctions<C, T> {
  open?: (ctx: C) => WriteSession<T>;
  write?: (ctx: C, items: T[]) => Promise<WriteFailure<T>[]>;
  finish?: (ctx: C, summary: WriteSummary) => Promise<WriteFailure[] | undefined>;
  identity?: (ctx: C, item: T) => string | null | undefined;
}

/**
 * The run's write session of an operation: its own `open`, or one built from a stateless
 * `write`/`finish` pair bound to the context; the operation's `identity` is bound to it too.
 */
export function openWrite<C, T>(op: WriteFunctions<C, T>, ctx: C): WriteSession<T> {
  const { identity } = op;
  const bound = identity ? { identity: (item: T) => identity(ctx, item) } : {};
  if (op.open) {
    const session = op.open(ctx);
    if (session.identity || !identity) return session;
    return {
      write: (items) => session.write(items),
      ...(session.finish ? { finish: session.finish.bind(session) } : {}),
      ...(session.result ? { result: session.result.bind(session) } : {}),
      ...bound,
    };
  }
  const { write, finish } = op;
  if (!write) throw new Error("the write operation has neither open nor write");
  return {
    write: (items) => write(ctx, items),
    ...(finish ? { finish: (summary: WriteSummary) => finish(ctx, summary) } : {}),
    ...bound,
  };
}
