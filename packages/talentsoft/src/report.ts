import {
  type Callback,
  openWrite,
  type ParamSchema,
  type WriteFailure,
  type WriteSession,
} from "@hrflow-connectors/core";
import type { ClientContext } from "@hrflow-connectors/core/http";
import {
  defineLegacyWarehouse,
  type LegacyWarehouse,
  type LegacyWriteContext,
} from "@hrflow-connectors/core/legacy";
import type { z } from "zod";
import { createTalentSoftClient, type ReportItem } from "./client.js";
import { talentSoftAuthSchema } from "./schemas.js";

/**
 * What one run delivered to HrFlow, kept by the run's write session and handed to the callback as
 * the session's result. It keeps the write context for its client settings (base URLs, HTTP
 * tuning, logger, signal), since a callback gets no context.
 */
export class DeliveryReport {
  readonly delivered: ReportItem[] = [];
  constructor(readonly ctx: ClientContext) {}
}

interface ParsingItem {
  reference?: string | null;
  created_at?: string | null;
}

/**
 * Wraps an HrFlow parsing warehouse so the run remembers which candidates were delivered. A
 * candidate the warehouse skips (already in the source, with `only_insert`) or fails is not
 * reported, so TalentSoft is never told about a write that did not happen. The wrapped warehouse
 * does every request: this view only watches its answers, within the run's write session.
 */
export function recordDeliveries<
  RP extends ParamSchema,
  WP extends ParamSchema,
  S extends z.ZodType<ParsingItem>,
  T,
>(warehouse: LegacyWarehouse<RP, WP, S, T>): LegacyWarehouse<RP, WP, S, T> {
  const write = warehouse.write;
  if (!write) throw new Error(`${warehouse.name} is not writable`);
  type Item = z.output<S>;
  const open = (ctx: LegacyWriteContext<WP>): WriteSession<Item> => {
    const report = new DeliveryReport(ctx);
    const skipped = new WeakSet<object>();
    const inner = openWrite(write, {
      ...ctx,
      skip: (item: unknown, why: string) => {
        if (item && typeof item === "object") skipped.add(item);
        ctx.skip?.(item, why);
      },
    });
    const deliver = async (items: Item[]): Promise<WriteFailure<Item>[]> => {
      const failures = await inner.write(items);
      const lost = new Set<object>(failures.map((f) => f.item));
      const at = new Date().toISOString();
      for (const item of items) {
        if (lost.has(item) || skipped.has(item) || !item.reference) continue;
        report.delivered.push({
          id: item.reference,
          date: item.created_at ?? null,
          lastUpdateDate: at,
          status: "success",
        });
      }
      return failures;
    };
    return { ...inner, write: deliver, result: () => report };
  };
  return defineLegacyWarehouse({
    ...warehouse,
    write: {
      parameters: write.parameters,
      ...(write.endpoints ? { endpoints: write.endpoints } : {}),
      ...(write.batchSize ? { batchSize: write.batchSize } : {}),
      open,
    },
  });
}

/**
 * Reports the delivered candidates to TalentSoft (`POST /api/exports/v1/reports`) with the origin's
 * back-office credentials. Every delivered candidate is reported, in one request, whatever the
 * batch size; nothing is sent when none was delivered. A refusal counts as a callback failure.
 */
export const tsCallback: Callback = async function tsCallback({ originParameters, result }) {
  if (!(result instanceof DeliveryReport) || result.delivered.length === 0) return;
  const client = createTalentSoftClient(result.ctx, talentSoftAuthSchema.parse(originParameters), "back");
  await client.report(result.delivered);
};
