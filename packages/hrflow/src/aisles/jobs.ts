import type { Aisle, WriteContext } from "@hrflow-connectors/core";
import { createHrFlowClient } from "../client.js";
import { eachItem } from "../ops/batch.js";
import { archiveJob, createJob, updateJob } from "../ops/jobs.js";
import { archiveJobParameters, createJobParameters, updateJobParameters } from "../parameters.js";
import { type HrFlowAuth, type HrFlowJob, HrFlowJobSchema } from "../schemas.js";

const clientOf = (ctx: WriteContext<HrFlowAuth>) => createHrFlowClient(ctx.auth, ctx);

/** HrFlow.ai jobs: write only (create, update, archive) into a board. */
export const jobAisle: Aisle<HrFlowAuth, HrFlowJob> = {
  entity: "job",
  schema: HrFlowJobSchema,
  write: {
    parameters: { create: createJobParameters, update: updateJobParameters, archive: archiveJobParameters },
    endpoints: {
      create: {
        name: "Index a Job in a Board",
        description: "Looks the job up by reference, then indexes it when the board does not have it",
        url: "https://api.hrflow.ai/v1/job/indexing",
      },
      update: {
        name: "Edit a Job in a Board",
        description: "Edits a job named by key or reference",
        url: "https://api.hrflow.ai/v1/job/indexing",
      },
      archive: {
        name: "Archive a Job in a Board",
        description: "Archives a job named by key or reference",
        url: "https://api.hrflow.ai/v1/job/indexing/archive",
      },
    },
    write: async (ctx, items) => {
      const client = clientOf(ctx);
      const { board_key: boardKey } = ctx.parameters as { board_key: string; enrich_with_parsing?: boolean };
      switch (ctx.mode) {
        case "create": {
          const enrich = Boolean(ctx.parameters.enrich_with_parsing);
          return eachItem(items, (job) => createJob(client, boardKey, job, { enrich, logger: ctx.logger }));
        }
        case "update":
          return eachItem(items, (job) => updateJob(client, boardKey, job));
        case "archive":
          return eachItem(items, (job) => archiveJob(client, boardKey, job));
      }
    },
  },
};
