import type { Endpoint, Mode, WriteContext, WriteFailure } from "@hrflow-connectors/core";
import { createHrFlowClient, HRFLOW_BASE_URL, type HrFlowClient } from "../client.js";
import { eachItem, hrflowReconcile } from "../ops/batch.js";
import type { HrFlowAuth } from "../schemas.js";

/** A documented endpoint of the real HrFlow.ai API; `path` is under /v1. */
export const endpoint = (name: string, description: string, path: string): Endpoint => ({
  name,
  description,
  url: `${HRFLOW_BASE_URL}${path}`,
});

/**
 * Writes a batch with the run mode's operation, one client per batch; `ops` gets that client and
 * the batch's `claimed` set (see JobWriteOptions.claimed) and returns what to do with each item in
 * each mode the aisle writes. A lost answer is settled as `hrflowReconcile` says: creates are
 * retried (they look up first) or looked up with `lookup`, edits and archives are retried.
 */
export function writeByMode<T, M extends Mode>(
  ctx: WriteContext<HrFlowAuth> & { mode: M },
  items: T[],
  ops: (client: HrFlowClient, claimed: WeakSet<object>) => Record<M, (item: T) => Promise<unknown>>,
  lookup: (client: HrFlowClient) => (reference: string) => Promise<boolean>,
): Promise<WriteFailure<T>[]> {
  const client = createHrFlowClient(ctx.auth, ctx);
  const reconcile =
    ctx.mode === "create"
      ? hrflowReconcile<T>(ctx, "create", lookup(client))
      : hrflowReconcile<T>(ctx, "set");
  return eachItem(items, ops(client, new WeakSet())[ctx.mode], reconcile);
}
