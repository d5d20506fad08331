import type { Logger } from "@hrflow-connectors/core";
import type { HrFlowClient } from "../client.js";
import type { HrFlowJob } from "../schemas.js";
import { omit, requireId } from "./batch.js";
import { enrichJob } from "./enrich.js";

export interface JobWriteOptions {
  enrich: boolean;
  /** What to do with a job whose reference is already in the board (default: leave it as it is). */
  whenExists?: "keep" | "update";
  logger?: Logger | undefined;
  /**
   * Items this write found absent at its first lookup. A retry that then finds one in the board
   * finds its own lost attempt, which it completes (edits) instead of keeping it as it is.
   */
  claimed?: WeakSet<object> | undefined;
}

export type JobOutcome = "created" | "updated" | "restored" | "kept";

/**
 * Creates a job unless its reference is already in the board, so a retried or repeated run never
 * duplicates it. An archived namesake is restored and updated instead of duplicated.
 */
export async function createJob(
  client: HrFlowClient,
  boardKey: string,
  job: HrFlowJob,
  options: JobWriteOptions,
): Promise<JobOutcome> {
  const prepare = async () => omit(options.enrich ? await enrichJob(client, job) : job, "key");
  const existing = job.reference ? await client.getJob(boardKey, { reference: job.reference }) : null;
  if (!existing?.key) {
    options.claimed?.add(job);
    await client.indexJob(boardKey, await prepare());
    return "created";
  }
  const archived = Boolean(existing.archived_at ?? existing.archieved_at);
  if (archived) {
    // A restore whose edit fails is completed by the retry, not mistaken for a job kept as it was.
    options.claimed?.add(job);
    await client.archiveJob(boardKey, { key: existing.key }, false);
  }
  if (archived || options.whenExists === "update" || options.claimed?.has(job)) {
    await client.editJob(boardKey, { ...(await prepare()), key: existing.key });
    return archived ? "restored" : "updated";
  }
  options.logger?.debug(`Job reference=${job.reference} is already in board ${boardKey}; left as it is`);
  return "kept";
}

/** Edits a job named by key or reference; a job the board does not have is a failure, not a no-op. */
export async function updateJob(client: HrFlowClient, boardKey: string, job: HrFlowJob): Promise<void> {
  requireId(job, "Job");
  await client.editJob(boardKey, job);
}

/** Archives a job named by key or reference. */
export async function archiveJob(client: HrFlowClient, boardKey: string, job: HrFlowJob): Promise<void> {
  await client.archiveJob(boardKey, requireId(job, "Job"));
}
