import { defineAisle, type ReadContext, type ReadOperation } from "@hrflow-connectors/core";
import type { z } from "zod";
import { createHrFlowClient } from "../client.js";
import { profileLookup } from "../ops/batch.js";
import { KnownReferences, knowledgeFor } from "../ops/known.js";
import { archiveProfile, createProfile, SourceInfo, updateProfile } from "../ops/profiles.js";
import {
  archiveProfileParameters,
  createProfileParameters,
  listProfilesParameters,
  readProfileParameters,
  updateProfileParameters,
} from "../parameters.js";
import { type HrFlowAuth, type HrFlowProfile, HrFlowProfileSchema, hrflowAuthSchema } from "../schemas.js";
import { endpoint, hrflowIdentity, writeByMode } from "./shared.js";

const clientOf = (ctx: ReadContext<HrFlowAuth>) => createHrFlowClient(ctx.auth, ctx);

/** Yields the one profile named by `source_key` + `profile_key`, or nothing when it does not exist. */
async function* readOneProfile(
  ctx: ReadContext<HrFlowAuth, z.output<typeof readProfileParameters>>,
): AsyncGenerator<HrFlowProfile> {
  const { source_key, profile_key } = ctx.parameters;
  const profile = await clientOf(ctx).getProfile(source_key, { key: profile_key });
  if (!profile) {
    ctx.logger.info(`No profile with key=${profile_key} in source ${source_key}`);
    return;
  }
  yield profile as HrFlowProfile;
}

const getProfile = endpoint("Get a Profile in a Source", "Reads one profile by key", "/profile/indexing");

/** HrFlow.ai profiles: read one by key (every mode), write (create, update, archive) into a source. */
export const profileAisle = defineAisle({
  entity: "profile",
  auth: hrflowAuthSchema,
  schema: HrFlowProfileSchema,
  read: {
    parameters: {
      create: readProfileParameters,
      update: readProfileParameters,
      archive: readProfileParameters,
    },
    endpoints: { create: getProfile, update: getProfile, archive: getProfile },
    read: readOneProfile,
  },
  write: {
    parameters: {
      create: createProfileParameters,
      update: updateProfileParameters,
      archive: archiveProfileParameters,
    },
    endpoints: {
      create: endpoint(
        "Index a Profile in a Source",
        "Indexes the profile (or parses its resume) when the source does not have its reference (listed once per run)",
        "/profile/indexing",
      ),
      update: endpoint(
        "Edit a Profile in a Source",
        "Edits the profile found by key or reference",
        "/profile/indexing",
      ),
      archive: endpoint(
        "Archive a Profile in a Source",
        "Archives a profile named by key or reference",
        "/profile/indexing/archive",
      ),
    },
    open: (ctx) => {
      const sourceKey = ctx.parameters.source_key;
      const onlyEditFields = ctx.mode === "update" ? ctx.parameters.only_edit_fields : null;
      // The source's live references, listed at most once per run, when creates make it worth it.
      const refs = new KnownReferences(
        (page) => createHrFlowClient(ctx.auth, ctx).searchProfiles(sourceKey, page),
        `source ${sourceKey}`,
        ctx.logger,
        ctx.sharedTargets,
      );
      // One source per run: its parsing setting is fetched at most once, when a resume needs it.
      const source = new SourceInfo(() => createHrFlowClient(ctx.auth, ctx), sourceKey);
      return {
        write: async (items) => {
          const knowledge = ctx.mode === "create" ? await knowledgeFor(refs, items.length) : undefined;
          return writeByMode(
            ctx,
            items,
            (client, claimed) => {
              return {
                create: (p) => createProfile(client, source, p, ctx.logger, claimed, knowledge),
                update: (p) => updateProfile(client, source, p, onlyEditFields),
                archive: (p) => archiveProfile(client, sourceKey, p),
              };
            },
            (client) => profileLookup(client, sourceKey),
          );
        },
      };
    },
    identity: (ctx, p) => hrflowIdentity("profile", ctx.parameters.source_key, p),
  },
});

/**
 * A paged read of every live profile of a source, for custom warehouses (no flow uses it):
 * `{ source_key, limit }` in every mode.
 */
export const listProfilesRead: ReadOperation<
  HrFlowAuth,
  HrFlowProfile,
  Record<"create" | "update" | "archive", typeof listProfilesParameters>
> = {
  parameters: {
    create: listProfilesParameters,
    update: listProfilesParameters,
    archive: listProfilesParameters,
  },
  read: async function* (ctx) {
    const { source_key, limit } = ctx.parameters;
    for await (const p of clientOf(ctx).listProfiles(source_key, limit)) yield p as HrFlowProfile;
  },
};
