import {
  type ReconcileOptions,
  reconcileDefaults,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import type { ClientContext } from "@hrflow-connectors/core/http";
import type { GreenhouseClient } from "./client.js";
import type {
  GreenhouseCandidateCreate,
  GreenhouseCandidateItem,
  GreenhouseCandidateUpdate,
} from "./objects.js";
import {
  type GreenhouseAuth,
  onBehalfOfMismatch,
  type ProfilesArchiveParameters,
  type ProfilesWriteParameters,
} from "./schemas.js";

/**
 * Greenhouse's clock may run behind ours: a lookup accepts candidates created up to this long before
 * the batch started. A namesake created by someone else in that window would be taken for ours.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

type Ctx<P> = WriteContext<GreenhouseAuth, P>;

/** The candidate's first email, lower-cased: what a lost create is looked up by. */
export function emailOf(item: GreenhouseCandidateItem): string | null {
  const value = item.email_addresses
    ?.find((e) => e?.value)
    ?.value?.trim()
    .toLowerCase();
  return value || null;
}

/** Where writes of one candidate may not overlap: its id, or for a create its email. */
export function candidateIdentity(item: GreenhouseCandidateItem): string | null {
  if (item.id !== null && item.id !== undefined && item.id !== "") return `greenhouse:candidate:${item.id}`;
  const email = emailOf(item);
  return email ? `greenhouse:candidate-email:${email}` : null;
}

/**
 * How a create settles a lost answer: Greenhouse has no idempotency key, so the candidate is looked
 * up by email among those created since the batch began. Found: it counts as written. Absent: sent
 * again. No email: it cannot be looked up and is dead-lettered with `outcome: "unknown"`.
 */
function createReconcile(
  ctx: ClientContext,
  client: GreenhouseClient,
): ReconcileOptions<GreenhouseCandidateItem> {
  const since = new Date(Date.now() - CLOCK_SKEW_MS).toISOString();
  return {
    ...reconcileDefaults(ctx),
    describe: (item) => `Greenhouse candidate ${emailOf(item) ?? "(no email)"}`,
    lookup: async (item) => {
      const email = emailOf(item);
      if (!email) return null;
      for await (const c of client.candidates({ email, created_at: `gte|${since}` })) {
        if (c.email_addresses?.some((e) => e?.value?.trim().toLowerCase() === email)) return true;
      }
      return false;
    },
  };
}

/** Adds candidates, the first job as a nested application and each further job as its own. */
export function createCandidates(
  ctx: Ctx<ProfilesWriteParameters>,
  client: GreenhouseClient,
  items: GreenhouseCandidateItem[],
): Promise<WriteFailure<GreenhouseCandidateItem>[]> {
  const mismatch = onBehalfOfMismatch(ctx.parameters.on_behalf_of, ctx.auth.user_id);
  return writeEach(
    items,
    async (item) => {
      if (mismatch) return mismatch;
      if (!item.first_name || !item.last_name) {
        return "the candidate needs a first and a last name, which Greenhouse requires";
      }
      const [first, ...more] = item.job_ids ?? [];
      const body = { ...setFields(item), first_name: item.first_name, last_name: item.last_name };
      if (item.employments?.length) body.employments = item.employments;
      if (first !== undefined) body.application = { job_id: first };
      const created = await client.createCandidate(body);
      for (const jobId of more) await client.createApplication(Number(created.id), jobId);
    },
    { logger: ctx.logger, label: "Creating a Greenhouse candidate", reconcile: createReconcile(ctx, client) },
  );
}

const UPDATABLE = [
  "first_name",
  "last_name",
  "company",
  "title",
  "email_addresses",
  "phone_numbers",
  "addresses",
  "social_media_addresses",
  "tags",
] as const;

/** The item's set candidate fields: nulls and empty lists left out (v3 replaces a list wholesale). */
function setFields(item: GreenhouseCandidateItem): GreenhouseCandidateUpdate & GreenhouseCandidateCreate {
  const body: Record<string, unknown> = {};
  for (const k of UPDATABLE) {
    const v = item[k];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    body[k] = v;
  }
  return body as GreenhouseCandidateUpdate & GreenhouseCandidateCreate;
}

/**
 * Changes candidates (PATCH, so a transient failure is simply tried again). Only set fields are
 * sent: v3 replaces a contact list wholesale, so an empty list would erase what Greenhouse has.
 */
export function updateCandidates(
  ctx: Ctx<ProfilesWriteParameters>,
  client: GreenhouseClient,
  items: GreenhouseCandidateItem[],
): Promise<WriteFailure<GreenhouseCandidateItem>[]> {
  const mismatch = onBehalfOfMismatch(ctx.parameters.on_behalf_of, ctx.auth.user_id);
  return writeEach(
    items,
    async (item) => {
      if (mismatch) return mismatch;
      if (!item.id) return "the candidate has no id (the HrFlow profile reference is empty)";
      const updated = await client.updateCandidate(String(item.id), setFields(item));
      if (!updated) return `Greenhouse candidate ${item.id} does not exist`;
    },
    { logger: ctx.logger, reconcile: { ...reconcileDefaults(ctx), repeatable: true } },
  );
}

/**
 * Archives candidates: rejects each active application (Greenhouse's archive), or deletes the
 * candidate only when `hard_delete` says so (the original always deleted). Both are repeatable:
 * the active applications are listed again on each attempt, and a delete of a deleted candidate
 * counts as done.
 */
export function archiveCandidates(
  ctx: Ctx<ProfilesArchiveParameters>,
  client: GreenhouseClient,
  items: GreenhouseCandidateItem[],
): Promise<WriteFailure<GreenhouseCandidateItem>[]> {
  const { hard_delete, rejection_reason_id } = ctx.parameters;
  const mismatch = onBehalfOfMismatch(ctx.parameters.on_behalf_of, ctx.auth.user_id);
  return writeEach(
    items,
    async (item) => {
      if (mismatch) return mismatch;
      if (!item.id) return "the candidate has no id (the HrFlow profile reference is empty)";
      const id = String(item.id);
      if (hard_delete) {
        await client.deleteCandidate(id);
        return;
      }
      const active: string[] = [];
      for await (const a of client.applications({ candidate_ids: id, status: "active" })) {
        active.push(String(a.id));
      }
      for (const id of active) await client.rejectApplication(id, rejection_reason_id ?? null);
    },
    { logger: ctx.logger, reconcile: { ...reconcileDefaults(ctx), repeatable: true } },
  );
}
