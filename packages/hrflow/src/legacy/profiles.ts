import { defineLegacyWarehouse, type LegacyWriteContext, type WriteFailure } from "@hrflow-connectors/core";
import { readOneProfile } from "../aisles/profiles.js";
import { createHrFlowClient } from "../client.js";
import { eachItem } from "../ops/batch.js";
import { createProfile, SourceInfo, updateProfile } from "../ops/profiles.js";
import { legacyReadProfileParameters, legacyWriteProfileParameters } from "../parameters.js";
import { type HrFlowProfile, HrFlowProfileSchema } from "../schemas.js";

/** `edit: false` creates (idempotently by reference); `edit: true` edits the stored profile. */
async function write(
  ctx: LegacyWriteContext<typeof legacyWriteProfileParameters>,
  items: HrFlowProfile[],
): Promise<WriteFailure<HrFlowProfile>[]> {
  const p = ctx.parameters;
  const client = createHrFlowClient(p, ctx);
  const source = new SourceInfo(client, p.source_key);
  if (p.edit) return eachItem(items, (profile) => updateProfile(client, source, profile, p.only_edit_fields));
  return eachItem(items, (profile) => createProfile(client, source, profile, ctx.logger));
}

/** Older-style HrFlow.ai profiles warehouse (seeds 000 and 004). */
export const HrFlowProfileWarehouse = defineLegacyWarehouse({
  name: "HrFlow.ai Profiles",
  dataSchema: HrFlowProfileSchema,
  read: {
    parameters: legacyReadProfileParameters,
    // The credentials sit in the same object: the read's auth is its parameters.
    read: readOneProfile,
  },
  write: { parameters: legacyWriteProfileParameters, write },
});
