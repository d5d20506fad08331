import type { Endpoint, Mode, WriteContext, WriteFailure } from "@hrflow-connectors/core";
import { createHrFlowClient, HRFLOW_BASE_URL, type HrFlowClient } from "../client.js";
import { eachItem } from "../ops/batch.js";
import type { HrFlowAuth } from "../schemas.js";

/** A documented endpoint of the real HrFlow.ai API; `path` is under /v1. */
export const endpoint = (name: string, description: string, path: string): Endpoint => ({
  name,
  description,
  url: `${HRFLOW_BASE_URL}${path}`,
});

/**
 * Writes a batch with the run mode's operation, one client per batch; `ops` gets that client
 * and returns what to do with each item.
 */
export function writeByMode<T>(
  ctx: WriteContext<HrFlowAuth>,
  items: T[],
  ops: (client: HrFlowClient) => Record<Mode, (item: T) => Promise<unknown>>,
): Promise<WriteFailure<T>[]> {
  return eachItem(items, ops(createHrFlowClient(ctx.auth, ctx))[ctx.mode]);
}
