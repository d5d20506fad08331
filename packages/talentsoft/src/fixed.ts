import type {
  LegacyWarehouse,
  ParamSchema,
  ReadContext,
  WriteContext,
  WriteFailure,
} from "@hrflow-connectors/core";

/**
 * Pinned ("fixed") parameters of the older style: an action uses a warehouse with some parameters
 * set to constants. The action's schema drops those fields (so they neither show in its docs nor
 * can be passed), and the constants are put back before the warehouse runs. Nothing here is
 * TalentSoft-specific (candidate for @hrflow-connectors/core).
 */

type Fixed = Record<string, unknown>;

/** Checks each constant against the original field now, so a bad pin fails at definition time. */
function pin(schema: ParamSchema, fixed: Fixed, where: string): ParamSchema {
  const mask: Record<string, true> = {};
  for (const [key, value] of Object.entries(fixed)) {
    const field = schema.shape[key];
    if (!field) throw new Error(`${where}: cannot fix unknown parameter '${key}'`);
    const checked = field.safeParse(value);
    if (!checked.success)
      throw new Error(`${where}: fixed value of '${key}' is invalid: ${checked.error.message}`);
    mask[key] = true;
  }
  return schema.omit(mask);
}

/**
 * Puts the constants back into a context. The derived context is kept per original one, so a
 * warehouse that keys run state on its context (e.g. a board sync across batches) sees one
 * context per run, as it would unwrapped.
 */
function fixer(fixed: Fixed): <C extends ReadContext | WriteContext>(ctx: C) => C {
  const constants = Object.freeze({ ...fixed });
  const derived = new WeakMap<object, object>();
  return <C extends ReadContext | WriteContext>(ctx: C): C => {
    let out = derived.get(ctx) as C | undefined;
    if (!out) {
      const parameters = { ...(ctx.parameters as object), ...constants };
      // Older-style warehouses read their credentials and parameters from the same object.
      out = { ...ctx, parameters, auth: parameters };
      derived.set(ctx, out);
    }
    return out;
  };
}

/** The warehouse with read parameters pinned to constants (hidden from the action's schema). */
export function withFixedReadParameters(warehouse: LegacyWarehouse, fixed: Fixed): LegacyWarehouse {
  const read = warehouse.read;
  if (!read) throw new Error(`${warehouse.name} is not readable`);
  const fix = fixer(fixed);
  return {
    ...warehouse,
    read: {
      ...read,
      parameters: pin(read.parameters, fixed, `${warehouse.name} read`),
      read: (ctx) => read.read(fix(ctx)),
    },
  };
}

/** The warehouse with write parameters pinned to constants (hidden from the action's schema). */
export function withFixedWriteParameters(warehouse: LegacyWarehouse, fixed: Fixed): LegacyWarehouse {
  const write = warehouse.write;
  if (!write) throw new Error(`${warehouse.name} is not writable`);
  const fix = fixer(fixed);
  const finish = write.finish;
  return {
    ...warehouse,
    write: {
      ...write,
      parameters: pin(write.parameters, fixed, `${warehouse.name} write`),
      write: (ctx, items): Promise<WriteFailure[]> => write.write(fix(ctx), items),
      finish: finish ? (ctx, summary) => finish(fix(ctx), summary) : undefined,
    },
  };
}
