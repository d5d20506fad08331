import { defineLegacyWarehouse, type LegacyWriteContext, type WriteFailure } from "@hrflow-connectors/core";
import { createHrFlowClient, type HrFlowClient } from "../client.js";
import { eachItem, omit } from "../ops/batch.js";
import { hydrateProfile } from "../ops/hydrate.js";
import { parseResume, SourceInfo } from "../ops/profiles.js";
import { hasResume } from "../ops/resume.js";
import { legacyWriteProfileParsingParameters } from "../parameters.js";
import { type HrFlowProfileParsing, HrFlowProfileParsingSchema } from "../schemas.js";

/**
 * Parses one item's resume into the source. A reference already stored is re-parsed into the same
 * profile (never a second one), or skipped with `only_insert`.
 */
async function writeOne(
  client: HrFlowClient,
  source: SourceInfo,
  item: HrFlowProfileParsing,
  onlyInsert: boolean,
): Promise<void> {
  const existing = item.reference ? await client.getProfile(source.key, { reference: item.reference }) : null;
  if (existing && onlyInsert) return;
  const fields = omit(item, "resume");
  if (!hasResume(item.resume)) {
    if (existing?.key) await client.editProfile(source.key, { ...existing, ...fields, key: existing.key });
    else await client.indexProfile(source.key, fields);
    return;
  }
  // The original always asked for asynchronous parsing, then expected a parsed profile back.
  const parsed = await parseResume(client, source, item.resume, item, existing?.key ?? undefined);
  if (parsed) await client.editProfile(source.key, hydrateProfile(parsed, fields));
}

async function write(
  ctx: LegacyWriteContext<typeof legacyWriteProfileParsingParameters>,
  items: HrFlowProfileParsing[],
): Promise<WriteFailure<HrFlowProfileParsing>[]> {
  const p = ctx.parameters;
  const client = createHrFlowClient(p, ctx);
  const source = new SourceInfo(client, p.source_key);
  return eachItem(items, (item) => writeOne(client, source, item, p.only_insert));
}

/** Older-style HrFlow.ai profile parsing warehouse: resumes in, parsed profiles out. */
export const HrFlowProfileParsingWarehouse = defineLegacyWarehouse({
  name: "HrFlow.ai Profile Parsing",
  dataSchema: HrFlowProfileParsingSchema,
  write: { parameters: legacyWriteProfileParsingParameters, write },
});
