import type { z } from "zod";
import {
  type Aisle,
  type AnyReadOperation,
  type AnyWriteFunctions,
  type AnyWriteOperation,
  type Endpoint,
  openWrite,
} from "../contracts/aisle.js";
import type { ModeSchemas, ParamSchema, WriteContext } from "../contracts/context.js";
import type { Entity, Mode } from "../contracts/enums.js";
import { sessionOverItems } from "./items.js";
import type { LegacyRead, LegacyWrite } from "./warehouse.js";

/**
 * How an older-style action's one parameter set (credentials included, under the original's names)
 * becomes an aisle's `auth` and one mode's `parameters`.
 */
export type LegacySplit<LP extends ParamSchema, A extends ParamSchema, P> = (parameters: z.output<LP>) => {
  auth: z.output<A>;
  parameters: z.output<NonNullable<P>>;
};

// `split` may be left out only when the one parameter set already holds the aisle's auth and the
// mode's parameters under the same names: then it is given as both.
type SplitOption<LP extends ParamSchema, A extends ParamSchema, P> =
  z.output<LP> extends z.output<A> & z.output<NonNullable<P>>
    ? { split?: LegacySplit<LP, A, P> }
    : { split: LegacySplit<LP, A, P> };

/** What an older-style view of an aisle's operation declares: its mode and its one parameter set. */
export type LegacyViewOptions<LP extends ParamSchema, A extends ParamSchema, P, M extends Mode> = {
  /** The aisle mode the older-style action runs (the original's actions have none: usually create). */
  mode: M;
  /** The older style's parameter set, in the order and under the names its docs show. */
  parameters: LP;
  /** Defaults to the aisle's endpoint for `mode`. */
  endpoints?: Endpoint[];
  /** False to read in full even when the aisle could read incrementally (the original's action could not). */
  incremental?: false;
} & SplitOption<LP, A, P>;

function splitOf<LP extends ParamSchema, A extends ParamSchema, P>(view: {
  split?: LegacySplit<LP, A, P>;
}): LegacySplit<LP, A, P> {
  // Without a split the set holds both (checked by SplitOption at compile time).
  return view.split ?? ((p) => ({ auth: p, parameters: p }) as unknown as ReturnType<LegacySplit<LP, A, P>>);
}

const endpointsOf = (given: Endpoint[] | undefined, own: Endpoint | undefined): Endpoint[] | undefined =>
  given ?? (own ? [own] : undefined);

/**
 * An older-style read declared from an aisle's read: the same I/O, under the older style's one
 * parameter set, so a connector writes its reads once (in `aisles.ts`) for both styles.
 */
export function legacyReadOf<
  E extends Entity,
  A extends ParamSchema,
  S extends z.ZodType,
  RP extends ModeSchemas,
  WP extends ModeSchemas,
  R,
  const M extends keyof RP & Mode,
  LP extends ParamSchema,
>(aisle: Aisle<E, A, S, RP, WP, R>, view: LegacyViewOptions<LP, A, RP[M], M>): LegacyRead<LP, R> {
  const op = aisle.read;
  if (!op?.parameters[view.mode]) throw new Error(`Aisle ${aisle.entity} cannot read in ${view.mode} mode`);
  const split = splitOf<LP, A, RP[M]>(view);
  const incremental = view.incremental === false ? undefined : op.incremental?.[view.mode];
  return {
    parameters: view.parameters,
    endpoints: endpointsOf(view.endpoints, op.endpoints?.[view.mode]),
    incremental,
    read: (ctx) => {
      const { auth, parameters } = split(ctx.parameters);
      // The aisle's read seen with its types erased (as the engine sees it): the context is the
      // older style's re-labelled for mode M, and the items are the aisle's own R.
      const erased: AnyReadOperation = op;
      return erased.read({ ...ctx, mode: view.mode, auth, parameters }) as AsyncIterable<R>;
    },
  };
}

/** What an older-style view of an aisle's write declares (see `LegacyViewOptions`). */
export type LegacyWriteViewOptions<
  LP extends ParamSchema,
  A extends ParamSchema,
  P,
  M extends Mode,
> = LegacyViewOptions<LP, A, P, M> & { batchSize?: number };

/**
 * An older-style write declared from an aisle's write (a session per run, as the aisle opens it),
 * under the older style's one parameter set. Items are the aisle's `z.output` of its schema.
 */
export function legacyWriteOf<
  E extends Entity,
  A extends ParamSchema,
  S extends z.ZodType,
  RP extends ModeSchemas,
  WP extends ModeSchemas,
  R,
  const M extends keyof WP & Mode,
  LP extends ParamSchema,
>(
  aisle: Aisle<E, A, S, RP, WP, R>,
  view: LegacyWriteViewOptions<LP, A, WP[M], M>,
): LegacyWrite<LP, z.output<S>>;
/**
 * The same, when the older action's items (`L`, e.g. a vendor request body its format produces)
 * are not the aisle's: `toAisleItem` maps each one (a throw fails that item alone), and failures and
 * skips are reported with the original item.
 */
export function legacyWriteOf<
  E extends Entity,
  A extends ParamSchema,
  S extends z.ZodType,
  RP extends ModeSchemas,
  WP extends ModeSchemas,
  R,
  const M extends keyof WP & Mode,
  LP extends ParamSchema,
  L,
>(
  aisle: Aisle<E, A, S, RP, WP, R>,
  view: LegacyWriteViewOptions<LP, A, WP[M], M> & { toAisleItem: (item: L) => z.output<S> },
): LegacyWrite<LP, L>;
export function legacyWriteOf<
  E extends Entity,
  A extends ParamSchema,
  S extends z.ZodType,
  RP extends ModeSchemas,
  WP extends ModeSchemas,
  R,
  const M extends keyof WP & Mode,
  LP extends ParamSchema,
>(
  aisle: Aisle<E, A, S, RP, WP, R>,
  view: LegacyWriteViewOptions<LP, A, WP[M], M> & { toAisleItem?: (item: unknown) => z.output<S> },
): LegacyWrite<LP, unknown> {
  const op = aisle.write;
  if (!op?.parameters[view.mode]) throw new Error(`Aisle ${aisle.entity} cannot write in ${view.mode} mode`);
  const split = splitOf<LP, A, WP[M]>(view);
  const batchSize = view.batchSize ?? op.batchSize;
  const { toAisleItem } = view;
  return {
    parameters: view.parameters,
    endpoints: endpointsOf(view.endpoints, op.endpoints?.[view.mode]),
    batchSize,
    open: (ctx) => {
      const { auth, parameters } = split(ctx.parameters);
      const erased: AnyWriteFunctions = op;
      const open = (skip: WriteContext["skip"]) =>
        openWrite(erased, { ...ctx, mode: view.mode, auth, parameters, ...(skip ? { skip } : {}) });
      return toAisleItem ? sessionOverItems(toAisleItem, ctx.skip, open) : open(ctx.skip);
    },
    ...(op.check
      ? {
          check: (ctx) => {
            const { auth, parameters } = split(ctx.parameters);
            const erased: AnyWriteOperation = op;
            return erased.check!({ ...ctx, mode: view.mode, auth, parameters });
          },
        }
      : {}),
  };
}
