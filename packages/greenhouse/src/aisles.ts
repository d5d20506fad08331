import { defineAisle, defineWarehouse, type ReadContext, type WriteContext } from "@hrflow-connectors/core";
import { everyMode } from "@hrflow-connectors/core/contracts";
import { GreenhouseClient } from "./client.js";
import { datedTokens } from "./incremental.js";
import {
  type GreenhouseCandidate,
  GreenhouseCandidateSchema,
  type GreenhouseJob,
  GreenhouseJobSchema,
} from "./objects.js";
import { readCandidates, readJobs } from "./reads.js";
import {
  type GreenhouseAuth,
  greenhouseAuthSchema,
  jobsReadParametersSchema,
  type ProfilesArchiveParameters,
  type ProfilesWriteParameters,
  profilesArchiveParametersSchema,
  profilesReadParametersSchema,
  profilesWriteParametersSchema,
} from "./schemas.js";
import { archiveCandidates, candidateIdentity, createCandidates, updateCandidates } from "./writes.js";

const DOCS = "https://harvestdocs.greenhouse.io/reference";

/** A client for a read or write context (exported for the older-style warehouses and tests). */
export function greenhouseClient(
  ctx: ReadContext<GreenhouseAuth> | WriteContext<GreenhouseAuth>,
): GreenhouseClient {
  return new GreenhouseClient(ctx);
}

/** Greenhouse jobs: readable in every mode (incrementally too). */
export const GreenhouseJobsAisle = defineAisle({
  entity: "job",
  auth: greenhouseAuthSchema,
  schema: GreenhouseJobSchema,
  read: {
    parameters: {
      create: jobsReadParametersSchema,
      update: jobsReadParametersSchema,
      archive: jobsReadParametersSchema,
    },
    endpoints: everyMode({
      name: "List jobs",
      description:
        "Lists jobs to the last page (GET /v3/jobs, then each Link rel=next cursor), naming departments and offices from GET /v3/departments and /v3/offices once per run",
      url: `${DOCS}/get_v3-jobs`,
    }),
    incremental: datedTokens<GreenhouseJob>("job"),
    read: (ctx) => readJobs(ctx, greenhouseClient(ctx)),
  },
});

/** Greenhouse candidates: readable in every mode (incrementally too), creatable, updatable, archivable. */
export const GreenhouseProfilesAisle = defineAisle({
  entity: "profile",
  auth: greenhouseAuthSchema,
  schema: GreenhouseCandidateSchema,
  read: {
    parameters: {
      create: profilesReadParametersSchema,
      update: profilesReadParametersSchema,
      archive: profilesReadParametersSchema,
    },
    endpoints: everyMode({
      name: "List candidates",
      description:
        "Lists candidates to the last page (GET /v3/candidates), joining educations, employments and attachments from GET /v3/candidate_educations, /v3/candidate_employments and /v3/attachments 50 candidates per call (archive: /v3/applications)",
      url: `${DOCS}/get_v3-candidates`,
    }),
    incremental: datedTokens<GreenhouseCandidate>("candidate"),
    read: (ctx) => readCandidates(ctx, greenhouseClient(ctx)),
  },
  write: {
    parameters: {
      create: profilesWriteParametersSchema,
      update: profilesWriteParametersSchema,
      archive: profilesArchiveParametersSchema,
    },
    endpoints: {
      create: {
        name: "Create candidate",
        description:
          "Creates a candidate with its first application (POST /v3/candidates), then one POST /v3/applications per further job",
        url: `${DOCS}/post_v3-candidates`,
      },
      update: {
        name: "Update candidate",
        description: "Changes the candidate's set fields (PATCH /v3/candidates/{id})",
        url: `${DOCS}/patch_v3-candidates-id`,
      },
      archive: {
        name: "Reject applications",
        description:
          "Rejects the candidate's active applications (GET /v3/applications, POST /v3/applications/{id}/reject); DELETE /v3/candidates/{id} only with hard_delete",
        url: `${DOCS}/post_v3-applications-id-reject`,
      },
    },
    batchSize: 10,
    identity: (_ctx, item) => candidateIdentity(item),
    write: (ctx, items) => {
      const client = greenhouseClient(ctx);
      if (ctx.mode === "archive") {
        return archiveCandidates(
          ctx as WriteContext<GreenhouseAuth, ProfilesArchiveParameters>,
          client,
          items,
        );
      }
      const c = ctx as WriteContext<GreenhouseAuth, ProfilesWriteParameters>;
      return ctx.mode === "update" ? updateCandidates(c, client, items) : createCandidates(c, client, items);
    },
  },
});

/** The Greenhouse warehouse of the flow-style actions. */
export const GreenhouseWarehouse = defineWarehouse({
  name: "Greenhouse",
  auth: greenhouseAuthSchema,
  aisles: [GreenhouseJobsAisle, GreenhouseProfilesAisle],
});
