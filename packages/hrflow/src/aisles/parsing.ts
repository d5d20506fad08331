import { defineAisle } from "@hrflow-connectors/core";
import { createHrFlowClient } from "../client.js";
import { profileLookup } from "../ops/batch.js";
import { KnownReferences, knowledgeFor } from "../ops/known.js";
import { parseIntoSource } from "../ops/parsing.js";
import { SourceInfo } from "../ops/profiles.js";
import { parseProfileParameters } from "../parameters.js";
import { HrFlowProfileParsingSchema, hrflowAuthSchema } from "../schemas.js";
import { endpoint, hrflowIdentity, writeByMode } from "./shared.js";

/**
 * HrFlow.ai resume parsing (create mode only): each item's resume is parsed into a profile of the
 * source, a known reference re-parsed into the same profile. Its items are files plus the fields
 * kept beside the parsing (`HrFlowProfileParsingSchema`), not profiles, hence an aisle of its own
 * beside the profile aisle. The older style's `HrFlowProfileParsingWarehouse` is a view of it.
 */
export const profileParsingAisle = defineAisle({
  entity: "profile",
  auth: hrflowAuthSchema,
  schema: HrFlowProfileParsingSchema,
  write: {
    parameters: { create: parseProfileParameters },
    endpoints: {
      create: endpoint(
        "Parse a Resume in a Source",
        "Parses the resume into the profile with the item's reference, or a new one",
        "/profile/parsing/file",
      ),
    },
    open: (ctx) => {
      const { source_key, only_insert } = ctx.parameters;
      // The source's live references, listed at most once per run: an absent one is parsed without a look-up.
      const refs = new KnownReferences(
        (page) => createHrFlowClient(ctx.auth, ctx).searchProfiles(source_key, page),
        `source ${source_key}`,
        ctx.logger,
        ctx.sharedTargets,
      );
      // One source per run: its parsing setting is fetched at most once, when a resume needs it.
      const source = new SourceInfo(() => createHrFlowClient(ctx.auth, ctx), source_key);
      return {
        write: async (items) => {
          const knowledge = await knowledgeFor(refs, items.length);
          return writeByMode(
            ctx,
            items,
            (client, claimed) => {
              return {
                create: (item) =>
                  parseIntoSource(client, source, item, only_insert, claimed, ctx.skip, knowledge),
              };
            },
            (client) => profileLookup(client, source_key),
          );
        },
      };
    },
    identity: (ctx, item) => hrflowIdentity("profile", ctx.parameters.source_key, item),
  },
});
