import { type ReconcileOptions, reconcileDefaults } from "@hrflow-connectors/core";
import type { ClientContext } from "@hrflow-connectors/core/http";
import type { TeamtailorClient } from "./client.js";

/**
 * Teamtailor's clock may run behind ours: a lookup accepts candidates created up to this long
 * before the batch started. A namesake created by someone else in that window counts as ours.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * How a candidate create settles a lost answer: Teamtailor has no idempotency key, so the
 * candidate is looked up by email among those created since the batch began. Found: it counts
 * as written. Absent: sent again (bounded). The lookup failing too: dead-lettered, outcome unknown.
 */
export function candidateCreateReconcile<T>(
  ctx: ClientContext,
  client: TeamtailorClient,
  emailOf: (item: T) => string | null | undefined,
): ReconcileOptions<T> {
  const since = new Date(Date.now() - CLOCK_SKEW_MS);
  return {
    ...reconcileDefaults(ctx),
    describe: (item) => `Teamtailor candidate ${emailOf(item) ?? "(no email)"}`,
    lookup: async (item) => {
      const email = emailOf(item);
      return email ? client.hasCandidateSince(email, since) : null;
    },
  };
}

/** An update sends only set attributes (PATCH), so a transient failure is simply tried again. */
export function candidateUpdateReconcile<T>(ctx: ClientContext): ReconcileOptions<T> {
  return { ...reconcileDefaults(ctx), repeatable: true };
}
