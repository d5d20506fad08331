import { defineAisle } from "@hrflow-connectors/core";
import { archiveJob, createJob, updateJob } from "../ops/jobs.js";
import { archiveJobParameters, createJobParameters, updateJobParameters } from "../parameters.js";
import { HrFlowJobSchema, hrflowAuthSchema } from "../schemas.js";
import { endpoint, writeByMode } from "./shared.js";

/** HrFlow.ai jobs: write only (create, update, archive) into a board. */
export const jobAisle = defineAisle({
  entity: "job",
  auth: hrflowAuthSchema,
  schema: HrFlowJobSchema,
  write: {
    parameters: { create: createJobParameters, update: updateJobParameters, archive: archiveJobParameters },
    endpoints: {
      create: endpoint(
        "Index a Job in a Board",
        "Looks the job up by reference, then indexes it when the board does not have it",
        "/job/indexing",
      ),
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
      const options = { enrich, logger: ctx.logger };
      return writeByMode(ctx, items, (client) => ({
        create: (job) => createJob(client, boardKey, job, options),
        update: (job) => updateJob(client, boardKey, job),
        archive: (job) => archiveJob(client, boardKey, job),
      }));
    },
  },
});
