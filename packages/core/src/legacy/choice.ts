import type { z } from "zod";
import { type Endpoint, openWrite } from "../contracts/aisle.js";
import type { ParamSchema } from "../contracts/context.js";
import type { LegacyWrite } from "./warehouse.js";

/**
 * One older-style write over several views of the same parameter set (see `legacyWriteOf`), the
 * run's parameters picking the view: e.g. the original's `edit` flag running an aisle's update
 * mode instead of its create mode. The views must share their parameters schema and batch size;
 * their endpoints are listed once each.
 */
export function chooseLegacyWrite<LP extends ParamSchema, T, K extends string>(
  views: Record<K, LegacyWrite<LP, T>>,
  pick: (parameters: z.output<LP>) => NoInfer<K>,
): LegacyWrite<LP, T> {
  const all: LegacyWrite<LP, T>[] = Object.values(views);
  const [first] = all;
  if (!first) throw new Error("chooseLegacyWrite needs at least one view");
  // One parameter set is validated before the run: a view declaring another could not be chosen safely.
  if (all.some((v) => v.parameters !== first.parameters || v.batchSize !== first.batchSize)) {
    throw new Error("chooseLegacyWrite: every view must share its parameters schema and batch size");
  }
  const endpoints: Endpoint[] = [];
  for (const e of all.flatMap((v) => v.endpoints ?? [])) {
    if (!endpoints.some((x) => x.url === e.url && x.name === e.name)) endpoints.push(e);
  }
  const declared = all.some((v) => v.endpoints !== undefined);
  return {
    parameters: first.parameters,
    ...(declared ? { endpoints } : {}),
    ...(first.batchSize !== undefined ? { batchSize: first.batchSize } : {}),
    // The run's session is the chosen view's: nothing is shared between views.
    open: (ctx) => openWrite(views[pick(ctx.parameters)], ctx),
  };
}
