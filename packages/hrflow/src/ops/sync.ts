import { type WriteContext, type WriteFailure, type WriteSummary, writeEach } from "@hrflow-connectors/core";
import type { HrFlowClient } from "../client.js";
import { errorText, hrflowReconcile } from "./batch.js";

/**
 * `sync`: archives the board's referenced jobs that this run did not push. It runs once, after
 * every batch, and only after a complete read: after a partial read the missing jobs may well be
 * live, and the original archived them. A failed listing or archive is returned as a failure.
 * `listed` is the board's live references as the run's creates listed them (plus what they
 * created, all of it pushed): given, the board is not listed a second time.
 */
export async function archiveUnpushed(
  ctx: WriteContext,
  client: HrFlowClient,
  boardKey: string,
  pushed: ReadonlySet<string>,
  summary: WriteSummary,
  listed?: () => Promise<ReadonlySet<string> | null>,
): Promise<WriteFailure[]> {
  if (!summary.readComplete) {
    ctx.logger.warn(`Sync of board ${boardKey} skipped: the read did not complete, nothing is archived`);
    return [];
  }
  if (summary.written + summary.failed === 0 && pushed.size === 0) {
    ctx.logger.warn(`Sync of board ${boardKey} skipped: no job was pushed, nothing is archived`);
    return [];
  }
  // List first, archive after: archiving while paging would shift later pages.
  const stale = new Set<string>();
  try {
    const known = await listed?.();
    const references = known ?? mapRefs(client.listJobs(boardKey));
    for await (const reference of references) {
      if (!pushed.has(reference)) stale.add(reference);
    }
  } catch (err) {
    const error = `Sync of board ${boardKey} aborted, listing failed: ${errorText(err)}`;
    ctx.logger.error(error);
    return [{ item: { board_key: boardKey, sync: "list" }, error }];
  }
  ctx.logger.info(`Sync of board ${boardKey}: archiving ${stale.size} job(s) absent from the read`);
  const archives = [...stale].map((reference) => ({ board_key: boardKey, reference, sync: "archive" }));
  return writeEach(archives, ({ reference }) => client.archiveJob(boardKey, { reference }), {
    reconcile: hrflowReconcile(ctx, "set"),
  });
}

/** The references of a listing's jobs. */
async function* mapRefs(
  jobs: AsyncIterable<{ reference?: string | null | undefined }>,
): AsyncGenerator<string> {
  for await (const job of jobs) if (job.reference) yield job.reference;
}
