import {
  defineLegacyWarehouse,
  type LegacyWriteContext,
  type WriteFailure,
  type WriteSession,
  type WriteSummary,
  writeEach,
} from "@hrflow-connectors/core";
import { createHrFlowClient } from "../client.js";
import { eachItem, errorText } from "../ops/batch.js";
import { createJob } from "../ops/jobs.js";
import { legacyWriteJobParameters } from "../parameters.js";
import { type HrFlowJob, HrFlowJobSchema } from "../schemas.js";

type Ctx = LegacyWriteContext<typeof legacyWriteJobParameters>;

const clientOf = (ctx: Ctx) => createHrFlowClient(ctx.parameters, ctx);

/** Writes a batch: create unknown references, update known ones only with `update_content`. */
async function write(ctx: Ctx, items: HrFlowJob[], pushed: Set<string>): Promise<WriteFailure<HrFlowJob>[]> {
  const p = ctx.parameters;
  for (const job of items) if (job.reference) pushed.add(job.reference);
  const client = clientOf(ctx);
  const options = {
    enrich: p.enrich_with_parsing,
    whenExists: p.update_content ? ("update" as const) : ("keep" as const),
    logger: ctx.logger,
  };
  return eachItem(items, (job) => createJob(client, p.board_key, job, options));
}

/**
 * `sync`: archives the board's referenced jobs that this run did not push. It runs once, after
 * every batch, and only after a complete read: after a partial read the missing jobs may well be
 * live, and the original archived them.
 */
async function finish(ctx: Ctx, summary: WriteSummary, pushed: Set<string>): Promise<WriteFailure[]> {
  const p = ctx.parameters;
  if (!p.sync) return [];
  if (!summary.readComplete) {
    ctx.logger.warn(`Sync of board ${p.board_key} skipped: the read did not complete, nothing is archived`);
    return [];
  }
  if (summary.written + summary.failed === 0 && pushed.size === 0) {
    ctx.logger.warn(`Sync of board ${p.board_key} skipped: no job was pushed, nothing is archived`);
    return [];
  }
  const client = clientOf(ctx);
  // List first, archive after: archiving while paging would shift later pages.
  const stale = new Set<string>();
  try {
    for await (const job of client.listJobs(p.board_key)) {
      if (job.reference && !pushed.has(job.reference)) stale.add(job.reference);
    }
  } catch (err) {
    const error = `Sync of board ${p.board_key} aborted, listing failed: ${errorText(err)}`;
    ctx.logger.error(error);
    return [{ item: { board_key: p.board_key, sync: "list" }, error }];
  }
  ctx.logger.info(`Sync of board ${p.board_key}: archiving ${stale.size} job(s) absent from the read`);
  const archives = [...stale].map((reference) => ({ board_key: p.board_key, reference, sync: "archive" }));
  return writeEach(archives, ({ reference }) => client.archiveJob(p.board_key, { reference }));
}

/** One run's writes: the references pushed by every batch, so `sync` knows the whole set. */
function open(ctx: Ctx): WriteSession<HrFlowJob> {
  const pushed = new Set<string>();
  return {
    write: (items) => write(ctx, items, pushed),
    finish: (summary) => finish(ctx, summary, pushed),
  };
}

/** Older-style HrFlow.ai jobs warehouse (write only). */
export const HrFlowJobWarehouse = defineLegacyWarehouse({
  name: "HrFlow.ai Jobs",
  dataSchema: HrFlowJobSchema,
  write: { parameters: legacyWriteJobParameters, open },
});
