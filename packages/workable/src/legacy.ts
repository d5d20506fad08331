import {
  type LegacyWarehouse,
  type ReadContext,
  type WriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import { createWorkableClient } from "./client.js";
import { type WorkableCandidateCreateBody, WorkableCandidateCreateBodySchema } from "./objects.js";
import { candidateCreateReconcile } from "./reconcile.js";
import {
  type LegacyJobReadParameters,
  type LegacyProfileWriteParameters,
  legacyJobReadParametersSchema,
  legacyProfileWriteParametersSchema,
} from "./schemas.js";

const DOCS = "https://workable.readme.io/reference";

/**
 * Every published job with its descriptions. The original read one page (50 jobs) without the
 * descriptions, and the HrFlow board's `sync` then archived every job past that page.
 */
async function* readPublishedJobs(ctx: ReadContext<LegacyJobReadParameters>) {
  const client = createWorkableClient(ctx, { token: ctx.auth.auth, subdomain: ctx.auth.subdomain });
  yield* client.jobs({ state: "published", include_fields: "description,requirements,benefits" });
}

async function writeProfiles(
  ctx: WriteContext<LegacyProfileWriteParameters>,
  items: WorkableCandidateCreateBody[],
): Promise<WriteFailure<WorkableCandidateCreateBody>[]> {
  const client = createWorkableClient(ctx, { token: ctx.auth.auth, subdomain: ctx.auth.subdomain });
  const { shortcode } = ctx.parameters;
  return writeEach(
    items,
    async (item) => {
      await client.createCandidate({ shortcode }, item);
    },
    {
      logger: ctx.logger,
      label: `Adding a candidate to Workable job ${shortcode}`,
      reconcile: candidateCreateReconcile(ctx, client, shortcode, (item) => item.candidate?.email),
    },
  );
}

/** Older-style Workable jobs warehouse (origin of `pull_job_list`). */
export const WorkableJobWarehouse: LegacyWarehouse = {
  name: "WorkableJobWarehouse",
  read: {
    parameters: legacyJobReadParametersSchema,
    endpoints: [
      {
        name: "Get published jobs",
        description: "Lists published jobs with their descriptions, page by page (GET /jobs)",
        url: `${DOCS}/jobs`,
      },
    ],
    read: readPublishedJobs,
  },
};

/** Older-style Workable candidates warehouse (target of `push_profile`): adds candidates to a job. */
export const WorkableProfileWarehouse: LegacyWarehouse = {
  name: "WorkableProfileWarehouse",
  dataSchema: WorkableCandidateCreateBodySchema,
  write: {
    parameters: legacyProfileWriteParametersSchema,
    endpoints: [
      {
        name: "Create candidate",
        description: "Adds a candidate to the job (POST /jobs/{shortcode}/candidates)",
        url: `${DOCS}/job-candidates-create`,
      },
    ],
    batchSize: 10,
    write: writeProfiles,
  },
};
