import { type ReconcileOptions, reconcileDefaults } from "@hrflow-connectors/core";
import type { ClientContext } from "@hrflow-connectors/core/http";
import type { WorkableClient } from "./client.js";

/**
 * Workable's clock may run behind ours: a lookup accepts candidates created up to this long before
 * the batch started. A namesake created by someone else in that window would be taken for ours.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * How a candidate create settles a lost answer: Workable has no idempotency key, so the candidate
 * is looked up by email on the job (or in the talent pool) among those created since the batch
 * began. Found: it counts as written. Absent: it is sent again (bounded). The lookup failing too:
 * the item is dead-lettered with `outcome: "unknown"`.
 */
export function candidateCreateReconcile<T>(
  ctx: ClientContext,
  client: WorkableClient,
  shortcode: string | null,
  emailOf: (item: T) => string | null | undefined,
): ReconcileOptions<T> {
  const since = new Date(Date.now() - CLOCK_SKEW_MS);
  return {
    ...reconcileDefaults(ctx),
    describe: (item) => `Workable candidate ${emailOf(item) ?? "(no email)"}`,
    lookup: async (item) => {
      const email = emailOf(item);
      return email ? client.hasCandidate(email, shortcode, since) : null;
    },
  };
}

/** Updates only set fields (PATCH), so a transient failure is simply tried again. */
export function candidateUpdateReconcile<T>(ctx: ClientContext): ReconcileOptions<T> {
  return { ...reconcileDefaults(ctx), repeatable: true };
}
