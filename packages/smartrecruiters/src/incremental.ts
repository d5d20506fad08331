import { clampIsoDate, type IncrementalToken, type Mode } from "@hrflow-connectors/core";
import { toEpochMs, toIsoDate } from "@hrflow-connectors/hrflow";

interface Dated {
  id?: string | null;
  createdOn?: string | null;
  updatedOn?: string | null;
}

/**
 * The token of every mode: the item's last change (`updatedOn`, its creation when never changed).
 * SmartRecruiters filters both lists by update time only (`updatedAfter`), and a new item's first
 * update time is its creation, so create runs narrow by it too.
 */
export function updatedTokens<T extends Dated>(kind: string): Partial<Record<Mode, IncrementalToken<T>>> {
  const token: IncrementalToken<T> = {
    token: (item) => {
      const value = item.updatedOn ?? item.createdOn;
      if (!value) throw new Error(`SmartRecruiters ${kind} ${item.id ?? ""} has no updatedOn`);
      return value;
    },
    // Tokens are ISO dates: one dated in the future is held back, a text that is no date refused.
    clamp: clampIsoDate,
  };
  return { create: token, update: token, archive: token };
}

/**
 * The `updatedAfter` of a read: the caller's own bound, moved to the checkpointed token in an
 * incremental run when that is later. Sent as ISO 8601 (an epoch parameter is converted).
 */
export function updatedAfter(
  own: string | number | null | undefined,
  ctx: { incremental: boolean; incrementalToken: string | null },
): string | undefined {
  const mine = own === null || own === undefined ? null : toIsoDate(own);
  const token = ctx.incremental ? ctx.incrementalToken : null;
  if (!token) return mine ?? undefined;
  if (!mine) return token;
  return (toEpochMs(mine) ?? 0) >= (toEpochMs(token) ?? 0) ? mine : token;
}
