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

/**
 * The identity of an HrFlow item where it lands (`hrflow:<entity>:<source or board>:<reference>`,
 * else its key): the engine never writes one identity at once, so two runs creating the same
 * reference cannot both find it absent and both index it. The profile aisles share the profile
 * namespace, since parsing a resume creates a profile too.
 */
export function hrflowIdentity(
  entity: "profile" | "job",
  container: string,
  item: { reference?: unknown; key?: unknown },
): string | null {
  const id =
    typeof item.reference === "string" && item.reference
      ? `reference:${item.reference}`
      : typeof item.key === "string" && item.key
        ? `key:${item.key}`
        : null;
  return id ? `hrflow:${entity}:${container}:${id}` : null;
}
