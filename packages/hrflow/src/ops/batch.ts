import {
  type ReconcileOptions,
  reconcileDefaults,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import type { ClientContext } from "@hrflow-connectors/core/http";
import type { HrFlowClient, ItemId } from "../client.js";

/** An error's message, without a stack. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Runs `fn` on each item (core's writeEach): inside a run the batch's items are written at once,
 * each holding one of the run's write slots, and failures come back in the batch's order; an item
 * that throws is returned as failed. The engine's identity locks already keep two items of one
 * reference apart (they go in separate rounds), and a create's `claimed` mark is per item, so the
 * ops need no order among a batch's items. With `reconcile`, a transient failure is retried or
 * looked up first (see `hrflowReconcile`). The ops resolve to outcome words ("created", "kept")
 * that writeEach would take for refusals, so they are dropped here.
 */
export function eachItem<T>(
  items: readonly T[],
  fn: (item: T) => Promise<unknown>,
  reconcile?: ReconcileOptions<T>,
): Promise<WriteFailure<T>[]> {
  return writeEach(
    items,
    async (item) => {
      await fn(item);
    },
    reconcile ? { reconcile } : {},
  );
}

/** The reference of an item, when it has a non-empty one. */
const referenceOf = (item: unknown): string | null => {
  const ref = (item as { reference?: unknown } | null)?.reference;
  return typeof ref === "string" && ref ? ref : null;
};

/**
 * How an HrFlow write settles a lost answer. A create's retry looks its item up by reference
 * before writing (its first attempt trusts the run's listing), so with a reference it is
 * repeatable: the retry finds what a lost attempt wrote and completes it instead of indexing it again. Without a reference a create cannot be looked up
 * and is never resent blindly. Edits and archives only set fields, so they are always repeatable.
 */
export function hrflowReconcile<T>(
  ctx: ClientContext,
  kind: "create" | "set",
  lookup?: (reference: string) => Promise<boolean>,
): ReconcileOptions<T> {
  const describe = (item: T) => `HrFlow item reference=${referenceOf(item) ?? "(none)"}`;
  if (kind === "set") return { ...reconcileDefaults(ctx), repeatable: true, describe };
  return {
    ...reconcileDefaults(ctx),
    describe,
    repeatable: (item) => referenceOf(item) !== null,
    lookup: async (item) => {
      const ref = referenceOf(item);
      return ref && lookup ? lookup(ref) : null;
    },
  };
}

/** A live (not archived) job of the board with this reference. */
export const jobLookup = (client: HrFlowClient, boardKey: string) => async (reference: string) => {
  const job = await client.getJob(boardKey, { reference });
  return Boolean(job?.key && !(job.archived_at ?? job.archieved_at));
};

/** A live (not archived) profile of the source with this reference. */
export const profileLookup = (client: HrFlowClient, sourceKey: string) => async (reference: string) => {
  const profile = await client.getProfile(sourceKey, { reference });
  return Boolean(profile?.key && !profile.archived_at);
};

/** The key or reference naming an item; throws when it has neither, so nothing is sent. */
export function requireId(item: { key?: unknown; reference?: unknown }, what: string): ItemId {
  const key = typeof item.key === "string" && item.key ? item.key : undefined;
  const reference = typeof item.reference === "string" && item.reference ? item.reference : undefined;
  if (!key && !reference) throw new Error(`${what} has neither key nor reference`);
  return { key, reference };
}

/** A copy of an object without some keys. */
export function omit<T extends Record<string, unknown>>(obj: T, ...keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}
