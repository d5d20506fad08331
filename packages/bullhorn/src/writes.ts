import {
  isOutcomeUnknown,
  reconcileDefaults,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { type BullhornClient, clientFor } from "./client.js";
import type { BullhornCandidateWrite } from "./objects.js";
import type { ApplicationsWriteParameters, BullhornAuth } from "./schemas.js";

/**
 * Bullhorn's clock may run behind ours: a lost create's lookup accepts candidates added up to this
 * long before the batch started. A namesake added by someone else in that window is taken for ours.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Where an item's write got to, so an attempt after a transient failure goes on from there
 * instead of creating the candidate, a row or a file twice. `uncertain` marks a create whose
 * answer was lost: the next attempt looks the candidate up by email before creating it.
 */
interface Progress {
  candidateId: number | null;
  uncertain: boolean;
  rows: number;
  files: number;
}

/** Writes one candidate: create (PUT) or update (POST), then its rows and files, resumably. */
async function writeOne(
  ctx: WriteContext<BullhornAuth>,
  client: BullhornClient,
  item: BullhornCandidateWrite,
  progress: Progress,
  sinceMs: number,
): Promise<number> {
  const email = typeof item.candidate.email === "string" ? item.candidate.email : null;
  if (progress.candidateId === null && item.id) {
    await client.updateCandidate(item.id, item.candidate);
    progress.candidateId = item.id;
  }
  if (progress.candidateId === null && progress.uncertain && email) {
    progress.candidateId = (await client.candidatesByEmail(email, sinceMs))[0] ?? null;
  }
  if (progress.candidateId === null) {
    if (progress.uncertain && !email) {
      throw new Error("a create whose answer was lost cannot be looked up (the candidate has no email)");
    }
    progress.uncertain = true;
    progress.candidateId = await client.createCandidate(item.candidate);
  }
  const id = progress.candidateId;
  const rows = [
    ...item.educations.map((r) => ["CandidateEducation", r] as const),
    ...item.workHistories.map((r) => ["CandidateWorkHistory", r] as const),
  ];
  for (; progress.rows < rows.length; progress.rows++) {
    const [association, row] = rows[progress.rows]!;
    try {
      await client.addCandidateRow(association, { ...row, candidate: { id } });
    } catch (err) {
      // A row whose answer was lost may exist: it is not sent again (no lookup by content).
      if (!isOutcomeUnknown(err)) throw err;
      ctx.logger.warn(`Bullhorn candidate ${id}: ${association} row outcome unknown; not sent again`);
    }
  }
  for (; progress.files < item.attachments.length; progress.files++) {
    const file = item.attachments[progress.files]!;
    if (await client.hasFile(id, file.name)) continue;
    const downloaded = await client.download(file.url);
    const dot = file.name.lastIndexOf(".");
    await client.attachFile(id, {
      externalID: "HrFlow.ai",
      fileContent: Buffer.from(downloaded.raw).toString("base64"),
      fileType: "SAMPLE",
      name: file.name,
      ...(dot > 0 ? { fileExtension: file.name.slice(dot) } : {}),
      contentType: file.contentType ?? downloaded.content_type ?? "application/octet-stream",
      type: file.type ?? "Resume",
    });
  }
  return id;
}

/** A batch writer keeping each item's progress across the attempts the reconcile makes. */
async function eachCandidate(
  ctx: WriteContext<BullhornAuth>,
  items: BullhornCandidateWrite[],
  after?: (client: BullhornClient, candidateId: number) => Promise<void>,
): Promise<WriteFailure<BullhornCandidateWrite>[]> {
  const client = clientFor(ctx);
  const sinceMs = Date.now() - CLOCK_SKEW_MS;
  const progress = new Map<BullhornCandidateWrite, Progress>();
  return writeEach(
    items,
    async (item) => {
      let p = progress.get(item);
      if (!p) {
        p = { candidateId: null, uncertain: false, rows: 0, files: 0 };
        progress.set(item, p);
      }
      const id = await writeOne(ctx, client, item, p, sinceMs);
      if (after) await after(client, id);
    },
    {
      logger: ctx.logger,
      label: "Writing a Bullhorn candidate",
      // Every step above is guarded by the item's progress (and a lost create by an email lookup),
      // so the whole write may be run again after a transient failure.
      reconcile: {
        ...reconcileDefaults(ctx),
        repeatable: true,
        describe: (item) => `Bullhorn candidate ${item.candidate.email ?? item.id ?? "(no email)"}`,
      },
    },
  );
}

/** push_profile: each candidate created or updated with its rows and files. */
export function writeCandidates(
  ctx: WriteContext<BullhornAuth>,
  items: BullhornCandidateWrite[],
): Promise<WriteFailure<BullhornCandidateWrite>[]> {
  return eachCandidate(ctx, items);
}

/**
 * push_application: the candidate, then its submission to the job. A submission that exists is
 * updated (POST), a new one created (PUT), looked up first so a retried item never submits twice.
 */
export function writeApplications(
  ctx: WriteContext<BullhornAuth, ApplicationsWriteParameters>,
  items: BullhornCandidateWrite[],
): Promise<WriteFailure<BullhornCandidateWrite>[]> {
  const { job_id, candidate_id, status_when_created, source } = ctx.parameters;
  const jobId = Number(job_id);
  // The older action names the candidate in its parameters: every item then updates that one.
  if (candidate_id !== null && candidate_id !== undefined) {
    items = items.map((item) => ({ ...item, id: Number(candidate_id) }));
  }
  return eachCandidate(ctx, items, async (client, candidateId) => {
    const body = {
      candidate: { id: candidateId },
      jobOrder: { id: jobId },
      status: status_when_created,
      ...(source ? { source } : {}),
    };
    const existing = await client.findSubmission(candidateId, jobId);
    if (existing === null) await client.createSubmission({ ...body, dateWebResponse: Date.now() });
    else await client.updateSubmission(existing, { source: body.source });
  });
}
