import {
  type Callback,
  type ClientContext,
  defineLegacyWarehouse,
  type LegacyWarehouse,
  type LegacyWriteContext,
  openWrite,
  type ParamSchema,
  type WriteFailure,
  type WriteSession,
  writeEach,
} from "@hrflow-connectors/core";
import { createHrFlowClient, hrflowAuthSchema } from "@hrflow-connectors/hrflow";
import { z } from "zod";
import { createTalentSoftClient, type ReportItem } from "./client.js";
import { profilesReadParametersSchema } from "./schemas.js";

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

// What the skip check needs from the HrFlow parsing warehouse's parameters.
const sourceParameters = hrflowAuthSchema.extend({ source_key: z.string() });
// What the report needs from the TalentSoft read's parameters.
const credentials = profilesReadParametersSchema.pick({
  client_id: true,
  client_secret: true,
  client_url: true,
});

/**
 * Wraps an HrFlow parsing warehouse so the run remembers which candidates were delivered. With
 * `skipExisting` (the `only_insert` actions), candidates already in the source are left out and
 * not reported, so TalentSoft is never told about a write that did not happen.
 */
export function recordDeliveries<
  RP extends ParamSchema,
  WP extends ParamSchema,
  S extends z.ZodType<ParsingItem>,
  T,
>(
  warehouse: LegacyWarehouse<RP, WP, S, T>,
  options: { skipExisting: boolean },
): LegacyWarehouse<RP, WP, S, T> {
  const write = warehouse.write;
  if (!write) throw new Error(`${warehouse.name} is not writable`);
  type Item = z.output<S>;
  const open = (ctx: LegacyWriteContext<WP>): WriteSession<Item> => {
    const inner = openWrite(write, ctx);
    const report = new DeliveryReport(ctx);
    const deliver = async (items: Item[]): Promise<WriteFailure<Item>[]> => {
      let failures: WriteFailure<Item>[] = [];
      let pending = items;
      if (options.skipExisting) {
        const p = sourceParameters.parse(ctx.parameters);
        const hrflow = createHrFlowClient(p, ctx);
        pending = [];
        failures = await writeEach(items, async (item) => {
          const known = item.reference
            ? await hrflow.getProfile(p.source_key, { reference: item.reference })
            : null;
          if (known)
            ctx.logger.info(`Candidate ${item.reference} is already in source ${p.source_key}; skipped`);
          else pending.push(item);
        });
      }
      const failed = await inner.write(pending);
      failures.push(...failed);
      const lost = new Set(failed.map((f) => f.item));
      const at = new Date().toISOString();
      for (const item of pending) {
        if (lost.has(item) || !item.reference) continue;
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
  const client = createTalentSoftClient(result.ctx, credentials.parse(originParameters), "back");
  await client.report(result.delivered);
};
