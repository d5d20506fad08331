import {
  type Callback,
  type ClientContext,
  type LegacyWarehouse,
  reconcileDefaults,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { createHrFlowClient, type HrFlowAuth } from "@hrflow-connectors/hrflow";
import { createTalentSoftClient, type ReportItem } from "./client.js";
import type { TalentSoftCredentials } from "./schemas.js";

/**
 * What a run delivered to HrFlow, kept by the run's parsed target parameters: the engine hands that
 * same object to every write and to the callback, so it identifies the run. The callback removes the
 * entry; a run that never reaches it (an early stop) loses its entry with its parameters, as the map
 * is weak. The write context is kept for its client settings (base URLs, HTTP tuning, logger,
 * signal), since a callback gets no context.
 */
const runs = new WeakMap<object, { delivered: ReportItem[]; ctx: ClientContext }>();

interface ParsingItem {
  reference?: string | null;
  created_at?: string | null;
}

/**
 * Wraps an HrFlow parsing warehouse so the run remembers which candidates were delivered. With
 * `skipExisting` (the `only_insert` actions), candidates already in the source are left out and
 * not reported, so TalentSoft is never told about a write that did not happen.
 */
export function recordDeliveries(
  warehouse: LegacyWarehouse,
  options: { skipExisting: boolean },
): LegacyWarehouse {
  const write = warehouse.write;
  if (!write) throw new Error(`${warehouse.name} is not writable`);
  const deliver = async (ctx: WriteContext, items: ParsingItem[]): Promise<WriteFailure[]> => {
    let failures: WriteFailure[] = [];
    let pending = items;
    if (options.skipExisting) {
      const p = ctx.parameters as HrFlowAuth & { source_key: string };
      const hrflow = createHrFlowClient(p, ctx);
      pending = [];
      // A lookup only reads, so a transient failure is simply tried again.
      failures = await writeEach(
        items,
        async (item) => {
          const known = item.reference
            ? await hrflow.getProfile(p.source_key, { reference: item.reference })
            : null;
          if (known) ctx.skip?.(item, `candidate ${item.reference} is already in source ${p.source_key}`);
          else pending.push(item);
        },
        { reconcile: { ...reconcileDefaults(ctx), repeatable: true } },
      );
    }
    const failed = await write.write(ctx, pending);
    failures.push(...failed);
    const lost = new Set(failed.map((f) => f.item));
    const run = runs.get(ctx.parameters) ?? { delivered: [], ctx };
    runs.set(ctx.parameters, run);
    const at = new Date().toISOString();
    for (const item of pending) {
      if (lost.has(item) || !item.reference) continue;
      run.delivered.push({
        id: item.reference,
        date: item.created_at ?? null,
        lastUpdateDate: at,
        status: "success",
      });
    }
    return failures;
  };
  return { ...warehouse, write: { ...write, write: deliver } };
}

/**
 * Reports the delivered candidates to TalentSoft (`POST /api/exports/v1/reports`) with the origin's
 * back-office credentials. Every delivered candidate is reported, in one request, whatever the
 * batch size; nothing is sent when none was delivered. A refusal counts as a callback failure.
 */
export const tsCallback: Callback = async function tsCallback({ originParameters, targetParameters }) {
  const run = runs.get(targetParameters as object);
  runs.delete(targetParameters as object);
  if (!run || run.delivered.length === 0) return;
  const client = createTalentSoftClient(run.ctx, originParameters as TalentSoftCredentials, "back");
  await client.report(run.delivered);
};
