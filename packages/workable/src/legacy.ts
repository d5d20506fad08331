import {
  defineLegacyWarehouse,
  type LegacyWriteContext,
  legacyReadOf,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import type { z } from "zod";
import { WorkableJobsAisle } from "./aisles.js";
import { createWorkableClient } from "./client.js";
import { skillNames, WorkableCandidateCreateBodySchema, withoutNullLists } from "./objects.js";
import { candidateCreateReconcile } from "./reconcile.js";

import { legacyJobReadParametersSchema, legacyProfileWriteParametersSchema } from "./schemas.js";

type CreateBody = z.output<typeof WorkableCandidateCreateBodySchema>;

const DOCS = "https://workable.readme.io/reference";

async function writeProfiles(
  ctx: LegacyWriteContext<typeof legacyProfileWriteParametersSchema>,
  items: CreateBody[],
): Promise<WriteFailure<CreateBody>[]> {
  const client = createWorkableClient(ctx, { token: ctx.auth.auth, subdomain: ctx.auth.subdomain });
  const { shortcode } = ctx.parameters;
  return writeEach(
    items,
    async (item) => {
      const fields = item.candidate;
      const candidate = { ...fields, ...withoutNullLists(fields), skills: skillNames(fields.skills) };
      await client.createCandidate({ shortcode }, { ...item, candidate });
    },
    {
      logger: ctx.logger,
      label: `Adding a candidate to Workable job ${shortcode}`,
      reconcile: candidateCreateReconcile(ctx, client, shortcode, (item) => item.candidate?.email),
    },
  );
}

/** Older-style Workable jobs warehouse (origin of `pull_job_list`). */
export const WorkableJobWarehouse = defineLegacyWarehouse({
  name: "WorkableJobWarehouse",
  // Every published job with its descriptions. The original read one page (50 jobs) without the
  // descriptions, and the HrFlow board's `sync` then archived every job past that page.
  read: legacyReadOf(WorkableJobsAisle, {
    mode: "create",
    parameters: legacyJobReadParametersSchema,
    incremental: false,
    split: (p) => ({
      auth: { api_access_token: p.auth, subdomain: p.subdomain },
      parameters: { state: "published" },
    }),
    endpoints: [
      {
        name: "Get published jobs",
        description: "Lists published jobs with their descriptions, page by page (GET /jobs)",
        url: `${DOCS}/jobs`,
      },
    ],
  }),
});

/** Older-style Workable candidates warehouse (target of `push_profile`): adds candidates to a job. */
export const WorkableProfileWarehouse = defineLegacyWarehouse({
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
});
