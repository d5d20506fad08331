import {
  defineLegacyWarehouse,
  type LegacyReadContext,
  type LegacyWriteContext,
  type WriteFailure,
  writeEach,
} from "@hrflow-connectors/core";
import type { z } from "zod";
import { createWorkableClient } from "./client.js";
import { skillNames, WorkableCandidateCreateBodySchema, withoutNullLists } from "./objects.js";

type CreateBody = z.output<typeof WorkableCandidateCreateBodySchema>;

import { legacyJobReadParametersSchema, legacyProfileWriteParametersSchema } from "./schemas.js";

const DOCS = "https://workable.readme.io/reference";

/**
 * Every published job with its descriptions. The original read one page (50 jobs) without the
 * descriptions, and the HrFlow board's `sync` then archived every job past that page.
 */
async function* readPublishedJobs(ctx: LegacyReadContext<typeof legacyJobReadParametersSchema>) {
  const client = createWorkableClient(ctx, { token: ctx.auth.auth, subdomain: ctx.auth.subdomain });
  yield* client.jobs({ state: "published", include_fields: "description,requirements,benefits" });
}

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
    { logger: ctx.logger, label: `Adding a candidate to Workable job ${shortcode}` },
  );
}

/** Older-style Workable jobs warehouse (origin of `pull_job_list`). */
export const WorkableJobWarehouse = defineLegacyWarehouse({
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
