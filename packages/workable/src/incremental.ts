import { clampIsoDate, type IncrementalToken, type Mode } from "@hrflow-connectors/core";
import { toHrFlowDate } from "./format-helpers.js";

/** The list filter an incremental run narrows: new items for create, changed items otherwise. */
export function incrementalFilter(mode: Mode): "created_after" | "updated_after" {
  return mode === "create" ? "created_after" : "updated_after";
}

interface Dated {
  created_at?: string | null;
  updated_at?: string | null;
}

/** Per mode, the token of an item: its creation time for create, its last change otherwise. */
export function datedTokens<T extends Dated>(kind: string): Partial<Record<Mode, IncrementalToken<T>>> {
  const pick = (mode: Mode) => (item: T) => {
    const value = mode === "create" ? item.created_at : (item.updated_at ?? item.created_at);
    if (!value)
      throw new Error(`Workable ${kind} has no ${incrementalFilter(mode).replace("_after", "_at")}`);
    return value;
  };
  // Tokens are ISO dates: one dated in the future is held back, a text that is no date refused.
  return {
    create: { token: pick("create"), clamp: clampIsoDate },
    update: { token: pick("update"), clamp: clampIsoDate },
    archive: { token: pick("archive"), clamp: clampIsoDate },
  };
}

/** A Workable time filter (Unix seconds, compact or full ISO 8601, UTC when zone-less) in epoch ms. */
function toMs(value: string | number): number {
  if (typeof value === "number" || /^\d+$/.test(value)) return Number(value) * 1000;
  return Date.parse(toHrFlowDate(value) ?? value);
}

/**
 * The list query of a read: the set parameters only, and in an incremental run the filter moved
 * to the checkpointed token (or kept, when the caller's own bound is later).
 */
export function listQuery<P extends Record<string, unknown>>(
  parameters: P,
  ctx: { mode: Mode; incremental: boolean; incrementalToken: string | null },
): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(parameters)) {
    if (v !== null && v !== undefined) query[k] = v as string | number;
  }
  if (ctx.incremental && ctx.incrementalToken) {
    const field = incrementalFilter(ctx.mode);
    const own = query[field];
    const ownMs = own === undefined ? Number.NaN : toMs(own);
    if (own === undefined || Number.isNaN(ownMs) || ownMs < toMs(ctx.incrementalToken)) {
      query[field] = ctx.incrementalToken;
    }
  }
  return query;
}
