import type { Names } from "./names.js";

/** The source rooms of a new connector: vendor, client, objects, schemas, aisles, format, connector. */
export function sourceFiles(n: Names): Record<string, string> {
  return {
    "src/vendor.ts": `import { bearer, defineVendor } from "@hrflow-connectors/core";
import type { paths } from "./generated/${n.id}.js";
import { ${n.id}AuthSchema } from "./schemas.js";

/**
 * ${n.pascal}'s API, declared once: core builds its typed client, its rate limit per credential and
 * its auth from this (set them from the vendor's docs). Overrides: \`baseUrls.${n.id}\`,
 * \`http.rateLimits.${n.id}\`.
 */
export const ${n.id} = defineVendor<paths>()({
  key: "${n.id}",
  name: "${n.pascal}",
  auth: ${n.id}AuthSchema,
  baseUrl: () => "https://api.${n.id}.example/v1",
  credential: (auth) => bearer(auth.api_key),
  rateLimit: { requests: 10, perMs: 1_000 },
});
`,
    "src/client.ts": `import type { VendorClient } from "@hrflow-connectors/core";
import { paginatePages } from "@hrflow-connectors/core/http";
import type { VendorContext } from "@hrflow-connectors/core/vendor";
import type { paths } from "./generated/${n.id}.js";
import type { ${n.pascal}Job } from "./objects.js";
import type { ${n.pascal}Auth } from "./schemas.js";
import { ${n.id} } from "./vendor.js";

/** The calls the aisles make, on the client core builds from the vendor declaration. */
export class ${n.pascal}Client {
  readonly api: VendorClient<paths>;

  constructor(ctx: VendorContext<${n.pascal}Auth>) {
    this.api = ${n.id}.client(ctx);
  }

  /** Every job (changed after \`updatedAfter\` when given), page after page (one page in memory at a time). */
  jobs(updatedAfter: string | null): AsyncGenerator<${n.pascal}Job> {
    return paginatePages(async (page) => {
      const query = updatedAfter ? { page, updated_after: updatedAfter } : { page };
      // Non-2xx answers throw HttpError from core's middleware: only data arrives here.
      const { data } = await this.api.GET("/jobs", { params: { query } });
      if (!data) throw new Error("${n.pascal} GET /jobs answered without a body");
      return { items: data.jobs, ...(data.next_page ? {} : { maxPage: page }) };
    });
  }
}
`,
    "src/objects.ts": `import type { components } from "./generated/${n.id}.js";
import { JobSchema } from "./generated/${n.id}.zod.js";

// The vendor's objects are declared once, in openapi.yaml; this file only picks what the aisles use.

/** A ${n.pascal} job as \`GET /jobs\` lists it. */
export type ${n.pascal}Job = components["schemas"]["Job"];

/** A ${n.pascal} job as the docs show it and the read gives it (generated from openapi.yaml). */
export const ${n.pascal}JobSchema = JobSchema;
`,
    "src/schemas.ts": `import { z } from "zod";

/** ${n.pascal} credentials (\`connector_auth\`). */
export const ${n.id}AuthSchema = z.object({
  api_key: z.string().min(1).describe("The ${n.pascal} API key").meta({ secret: true }),
});
export type ${n.pascal}Auth = z.output<typeof ${n.id}AuthSchema>;

/** Pull parameters of the job flows. */
export const jobsReadParametersSchema = z.object({
  updated_after: z.string().nullish().describe("Only jobs changed after this ISO 8601 date"),
});
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;
`,
    "src/aisles.ts": `import { defineAisle, defineWarehouse, type ReadContext } from "@hrflow-connectors/core";
import { ${n.pascal}Client } from "./client.js";
import { type ${n.pascal}Job, ${n.pascal}JobSchema } from "./objects.js";
import {
  type ${n.pascal}Auth,
  type JobsReadParameters,
  jobsReadParametersSchema,
  ${n.id}AuthSchema,
} from "./schemas.js";

/** Every job; an incremental run asks only for jobs changed since the newest one already read. */
async function* readJobs(ctx: ReadContext<${n.pascal}Auth, JobsReadParameters>): AsyncGenerator<${n.pascal}Job> {
  const client = new ${n.pascal}Client(ctx);
  const since = ctx.incremental && ctx.incrementalToken ? ctx.incrementalToken : ctx.parameters.updated_after;
  yield* client.jobs(since ?? null);
}

const listJobs = {
  name: "List jobs",
  description: "Lists jobs page by page (GET /jobs)",
  url: "https://api.${n.id}.example/v1/jobs",
};

/** ${n.pascal} jobs: readable in create and update modes (incrementally in update). */
export const ${n.pascal}JobsAisle = defineAisle({
  entity: "job",
  auth: ${n.id}AuthSchema,
  schema: ${n.pascal}JobSchema,
  read: {
    parameters: { create: jobsReadParametersSchema, update: jobsReadParametersSchema },
    endpoints: { create: listJobs, update: listJobs },
    incremental: {
      update: {
        token: (job) => {
          if (!job.updated_at) throw new Error(\`${n.pascal} job \${job.id} has no updated_at\`);
          return job.updated_at;
        },
      },
    },
    read: readJobs,
  },
});

/** The ${n.pascal} warehouse of the flow-style actions. */
export const ${n.pascal}Warehouse = defineWarehouse({
  name: "${n.pascal}",
  auth: ${n.id}AuthSchema,
  aisles: [${n.pascal}JobsAisle],
});
`,
    "src/format.ts": `import type { HrFlowJob } from "@hrflow-connectors/hrflow";
import type { ${n.pascal}Job } from "./objects.js";

/** A ${n.pascal} job as an HrFlow.ai job (pure: no I/O). */
export function formatJob(job: ${n.pascal}Job): HrFlowJob {
  return {
    reference: job.id,
    name: job.title,
    summary: job.description ?? null,
    location: { text: job.location ?? null, lat: null, lng: null },
    updated_at: job.updated_at ?? null,
    tags: [{ name: "${n.id}_id", value: job.id }],
  };
}
`,
    "src/connector.ts": `import { defineConnector } from "@hrflow-connectors/core";
import { HrFlowWarehouse } from "@hrflow-connectors/hrflow";
import type { ${n.pascal}Actions } from "./actions.generated.js";
import { ${n.pascal}Warehouse } from "./aisles.js";
import { formatJob } from "./format.js";

/** What defineConnector made of the spec; exported below with its documented option types. */
const definition = defineConnector({
  name: "${n.pascal}",
  subtype: "${n.id}",
  type: "ATS",
  url: "https://www.${n.id}.example/",
  description: "${n.pascal} is an applicant tracking system.",
  warehouse: ${n.pascal}Warehouse,
  hrflow: HrFlowWarehouse,
  flows: [
    { mode: "create", entity: "job", direction: "inbound", format: formatJob },
    { mode: "update", entity: "job", direction: "inbound", format: formatJob },
  ],
});

/** The connector as defined, with the option types inferred from its schemas. */
export type ${n.pascal}Definition = typeof definition;

/** The ${n.pascal} connector: every action typed from its schemas, its options documented for editors. */
export const ${n.pascal}: Omit<${n.pascal}Definition, keyof ${n.pascal}Actions> & ${n.pascal}Actions = definition;
`,
    // \`npm run docs\` replaces it with each action's documented options; until then the methods keep
    // their inferred types.
    "src/actions.generated.ts": `// Generated by tools/docgen from the connector's zod schemas (\`npm run docs\`): do not edit.
import type { ${n.pascal}Definition } from "./connector.js";

/** The actions of ${n.pascal}, documented once \`npm run docs\` has run. */
export type ${n.pascal}Actions = Pick<${n.pascal}Definition, never>;
`,
    "src/index.ts": `export * from "./aisles.js";
export * from "./client.js";
export * from "./connector.js";
export * from "./format.js";
export * from "./objects.js";
export * from "./schemas.js";
export * from "./vendor.js";
`,
  };
}
