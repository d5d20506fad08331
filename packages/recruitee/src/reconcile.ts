import { type ReconcileOptions, reconcileDefaults } from "@hrflow-connectors/core";
import type { ClientContext } from "@hrflow-connectors/core/http";
import type { RecruiteeClient } from "./client.js";

/** Recruitee's clock may run behind ours: a lookup accepts candidates created this long before the batch. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * How a candidate create settles a lost answer: no idempotency key, so the candidate is looked up
 * by email among those created since the batch began. Found: written. Absent: sent again (bounded).
 * The lookup failing too: dead-lettered with outcome unknown.
 */
export function candidateCreateReconcile<T>(
  ctx: ClientContext,
  client: RecruiteeClient,
  emailOf: (item: T) => string | null | undefined,
): ReconcileOptions<T> {
  const since = new Date(Date.now() - CLOCK_SKEW_MS);
  return {
    ...reconcileDefaults(ctx),
    describe: (item) => `Recruitee candidate ${emailOf(item) ?? "(no email)"}`,
    lookup: async (item) => {
      const email = emailOf(item);
      return email ? client.hasCandidateSince(email, since) : null;
    },
  };
}

/** Updates (PATCH) and deletes (404 counts as done) are simply tried again. */
export function repeatableReconcile<T>(ctx: ClientContext): ReconcileOptions<T> {
  return { ...reconcileDefaults(ctx), repeatable: true };
}
