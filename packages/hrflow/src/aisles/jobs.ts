import { defineAisle, type WriteContext } from "@hrflow-connectors/core";
import { createHrFlowClient, type HrFlowClient } from "../client.js";
import { jobLookup } from "../ops/batch.js";
import { archiveJob, createJob, type JobWriteOptions, updateJob } from "../ops/jobs.js";
import { archiveUnpushed } from "../ops/sync.js";
import {
  archiveJobParameters,
  boardJobParameters,
  createJobParameters,
  updateJobParameters,
} from "../parameters.js";
import { type HrFlowJob, HrFlowJobSchema, hrflowAuthSchema } from "../schemas.js";
import { endpoint, hrflowIdentity, writeByMode } from "./shared.js";

const indexJob = endpoint(
  "Index a Job in a Board",
  "Looks the job up by reference, then indexes it when the board does not have it",
  "/job/indexing",
);

/**
 * The create operation of both job aisles: a job whose reference the board has is restored,
 * updated (`whenExists: "update"`) or left as it is, which counts as skipped, not written.
 */
const createOrKeep =
  (ctx: WriteContext, client: HrFlowClient, boardKey: string, options: JobWriteOptions) =>
  async (job: HrFlowJob): Promise<void> => {
    if ((await createJob(client, boardKey, job, options)) === "kept") {
      ctx.skip?.(job, `job ${job.reference} is already in board ${boardKey}`);
    }
  };

/** HrFlow.ai jobs: write only (create, update, archive) into a board. */
export const jobAisle = defineAisle({
  entity: "job",
  auth: hrflowAuthSchema,
  schema: HrFlowJobSchema,
  write: {
    parameters: { create: createJobParameters, update: updateJobParameters, archive: archiveJobParameters },
    endpoints: {
      create: indexJob,
      update: endpoint("Edit a Job in a Board", "Edits a job named by key or reference", "/job/indexing"),
      archive: endpoint(
        "Archive a Job in a Board",
        "Archives a job named by key or reference",
        "/job/indexing/archive",
      ),
    },
    write: (ctx, items) => {
      const boardKey = ctx.parameters.board_key;
      // Only creation enriches; the other modes' parameters have no such field.
      const enrich = ctx.mode === "create" && ctx.parameters.enrich_with_parsing;
      return writeByMode(
        ctx,
        items,
        (client, claimed) => ({
          create: createOrKeep(ctx, client, boardKey, { enrich, logger: ctx.logger, claimed }),
          update: (job) => updateJob(client, boardKey, job),
          archive: (job) => archiveJob(client, boardKey, job),
        }),
        (client) => jobLookup(client, boardKey),
      );
    },
    identity: (ctx, job) => hrflowIdentity("job", ctx.parameters.board_key, job),
  },
});

/**
 * HrFlow.ai jobs pushed as a board's whole list (create mode only): unknown references are
 * indexed, known ones edited with `update_content`, and with `sync` the board's referenced jobs
 * the run did not push are archived once the read completed. The references pushed are the run's
 * own state, kept in its write session. The older style's `HrFlowJobWarehouse` is a view of it.
 */
export const boardJobAisle = defineAisle({
  entity: "job",
  auth: hrflowAuthSchema,
  schema: HrFlowJobSchema,
  write: {
    parameters: { create: boardJobParameters },
    endpoints: { create: indexJob },
    open: (ctx) => {
      const p = ctx.parameters;
      const pushed = new Set<string>();
      const options = { enrich: p.enrich_with_parsing, logger: ctx.logger };
      const whenExists = p.update_content ? "update" : "keep";
      return {
        write: (items) => {
          for (const job of items) if (job.reference) pushed.add(job.reference);
          return writeByMode(
            ctx,
            items,
            (client, claimed) => ({
              create: createOrKeep(ctx, client, p.board_key, { ...options, whenExists, claimed }),
            }),
            (client) => jobLookup(client, p.board_key),
          );
        },
        identity: (job) => hrflowIdentity("job", p.board_key, job),
        finish: async (summary) =>
          p.sync ? archiveUnpushed(ctx, createHrFlowClient(ctx.auth, ctx), p.board_key, pushed, summary) : [],
      };
    },
  },
});
