import type { Logger } from "@hrflow-connectors/core";
import type { HrFlowClient } from "../client.js";
import type { HrFlowJob } from "../schemas.js";
import { omit, requireId } from "./batch.js";
import { enrichJob } from "./enrich.js";
import { type CreateKnowledge, firstAttempt } from "./known.js";

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
  /** The board's listed references: a first attempt needs no look-up (see KnownReferences). */
  knowledge?: CreateKnowledge | undefined;
}

export type JobOutcome = "created" | "updated" | "restored" | "kept";

/**
 * Creates a job unless its reference is already in the board, so a retried or repeated run never
 * duplicates it. With the board's listing, a first attempt is one request (or none for a job kept
 * as it is); a retry, or a run without a listing, looks the reference up first, and then an
 * archived namesake is restored and updated instead of duplicated.
 */
export async function createJob(
  client: HrFlowClient,
  boardKey: string,
  job: HrFlowJob,
  options: JobWriteOptions,
): Promise<JobOutcome> {
  const prepare = async () => omit(options.enrich ? await enrichJob(client, job) : job, "key");
  if (firstAttempt(job, job.reference, options.knowledge)) {
    const { known } = options.knowledge;
    const reference = job.reference as string;
    if (!known.has(reference)) {
      // Reserved before sending: a namesake later in this run is then kept, not indexed twice.
      options.knowledge.sent(reference);
      options.claimed?.add(job);
      await client.indexJob(boardKey, await prepare());
      return "created";
    }
    if (options.whenExists === "update") {
      await client.editJob(boardKey, { ...(await prepare()), reference });
      return "updated";
    }
    options.logger?.info(`Job reference=${reference} is already in board ${boardKey}; left as it is`);
    return "kept";
  }
  const existing = job.reference ? await client.getJob(boardKey, { reference: job.reference }) : null;
  if (!existing?.key) {
    if (job.reference) options.knowledge?.sent(job.reference);
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
