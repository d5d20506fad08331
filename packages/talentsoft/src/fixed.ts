import { openWrite, type ParamSchema } from "@hrflow-connectors/core";
import { defineLegacyWarehouse, type LegacyWarehouse } from "@hrflow-connectors/core/legacy";
import { z } from "zod";

/**
 * Thin views of an older-style warehouse the connector does not own (HrFlow.ai's): the same I/O,
 * called with some parameters pinned or the items trimmed. TalentSoft's own warehouses pin through
 * their aisles instead (see `legacy.ts`).
 *
 * Pinned ("fixed") parameters of the older style: an action uses a warehouse with some parameters
 * set to constants. The action's schema drops those fields (so they neither show in its docs nor
 * can be passed), and the constants are put back before the warehouse runs. Nothing here is
 * TalentSoft-specific (candidate for @hrflow-connectors/core).
 */

/** A schema without the pinned keys. */
type Pinned<P extends ParamSchema, K extends keyof P["shape"]> = z.ZodObject<
  Omit<P["shape"], K>,
  z.core.$strip
>;
/** The constants: a valid input for each pinned key. */
type Fixed<P extends ParamSchema, K extends keyof P["shape"]> = { [F in K]: z.input<P["shape"][F]> };

/** Checks each constant against the original field now, so a bad pin fails at definition time. */
function pin<P extends ParamSchema, K extends keyof P["shape"] & string>(
  schema: P,
  fixed: Fixed<P, K>,
  where: string,
): Pinned<P, K> {
  const kept: Record<string, z.ZodType> = { ...schema.shape };
  for (const [key, value] of Object.entries(fixed)) {
    const field = schema.shape[key];
    if (!field) throw new Error(`${where}: cannot fix unknown parameter '${key}'`);
    const checked = field.safeParse(value);
    if (!checked.success)
      throw new Error(`${where}: fixed value of '${key}' is invalid: ${checked.error.message}`);
    delete kept[key];
  }
  // Built field by field (zod's omit keeps no per-key types for a generic schema).
  return z.object(kept) as Pinned<P, K>;
}

/**
 * The original parameters: the caller's (validated by the pinned schema) with the constants put
 * back, parsed by the original schema, so the warehouse receives exactly what it declares.
 */
function restore<P extends ParamSchema>(schema: P, given: object, fixed: object): z.output<P> {
  return schema.parse({ ...given, ...fixed });
}

/** The warehouse with read parameters pinned to constants (hidden from the action's schema). */
export function withFixedReadParameters<
  RP extends ParamSchema,
  WP extends ParamSchema,
  S extends z.ZodType,
  T,
  K extends keyof RP["shape"] & string,
>(warehouse: LegacyWarehouse<RP, WP, S, T>, fixed: Fixed<RP, K>): LegacyWarehouse<Pinned<RP, K>, WP, S, T> {
  const read = warehouse.read;
  if (!read) throw new Error(`${warehouse.name} is not readable`);
  return defineLegacyWarehouse({
    ...warehouse,
    read: {
      ...read,
      parameters: pin(read.parameters, fixed, `${warehouse.name} read`),
      read: (ctx) => {
        // Older-style warehouses read their credentials and parameters from the same object.
        const parameters = restore(read.parameters, ctx.parameters, fixed);
        return read.read({ ...ctx, parameters, auth: parameters });
      },
    },
  });
}

/** The warehouse with write parameters pinned to constants (hidden from the action's schema). */
export function withFixedWriteParameters<
  RP extends ParamSchema,
  WP extends ParamSchema,
  S extends z.ZodType,
  T,
  K extends keyof WP["shape"] & string,
>(warehouse: LegacyWarehouse<RP, WP, S, T>, fixed: Fixed<WP, K>): LegacyWarehouse<RP, Pinned<WP, K>, S, T> {
  const write = warehouse.write;
  if (!write) throw new Error(`${warehouse.name} is not writable`);
  return defineLegacyWarehouse({
    ...warehouse,
    write: {
      parameters: pin(write.parameters, fixed, `${warehouse.name} write`),
      ...(write.endpoints ? { endpoints: write.endpoints } : {}),
      ...(write.batchSize ? { batchSize: write.batchSize } : {}),
      // One session per run, opened with the constants put back.
      open: (ctx) => {
        const parameters = restore(write.parameters, ctx.parameters, fixed);
        return openWrite(write, { ...ctx, parameters, auth: parameters });
      },
    },
  });
}

/**
 * The warehouse writing tags only (`applicant_update`): the resume is dropped before the edit, so a
 * stored profile without attachments is not re-parsed as a side effect.
 */
export function tagsOnly<RP extends ParamSchema, WP extends ParamSchema, S extends z.ZodType<object>, T>(
  warehouse: LegacyWarehouse<RP, WP, S, T>,
): LegacyWarehouse<RP, WP, S, T> {
  const write = warehouse.write;
  if (!write) throw new Error(`${warehouse.name} is not writable`);
  return defineLegacyWarehouse({
    ...warehouse,
    write: {
      parameters: write.parameters,
      ...(write.endpoints ? { endpoints: write.endpoints } : {}),
      ...(write.batchSize ? { batchSize: write.batchSize } : {}),
      open: (ctx) => {
        const inner = openWrite(write, ctx);
        return { ...inner, write: (items) => inner.write(items.map(withoutResume)) };
      },
    },
  });
}

/** A copy of an item without its resume. */
function withoutResume<T extends object>(item: T): T {
  const copy = { ...item };
  Reflect.deleteProperty(copy, "resume");
  return copy;
}
