import type { WriteContext } from "@hrflow-connectors/core";
import type { HrFlowClient } from "../client.js";
import type { HrFlowProfileParsing } from "../schemas.js";
import { omit } from "./batch.js";
import { hydrateProfile } from "./hydrate.js";
import { parseResume, type SourceInfo } from "./profiles.js";
import { hasResume } from "./resume.js";

/**
 * Parses one item's resume into the source. A reference already stored is re-parsed into the same
 * profile (never a second one), or skipped with `onlyInsert`. An item without a resume is indexed
 * (or its fields laid over the stored profile).
 */
export async function parseIntoSource(
  client: HrFlowClient,
  source: SourceInfo,
  item: HrFlowProfileParsing,
  onlyInsert: boolean,
  claimed: WeakSet<object>,
  skip: WriteContext["skip"],
): Promise<void> {
  const existing = item.reference ? await client.getProfile(source.key, { reference: item.reference }) : null;
  // A profile this write's own lost attempt stored is completed, never skipped as pre-existing.
  if (existing && onlyInsert && !claimed.has(item)) {
    skip?.(item, `profile ${item.reference} is already in the source (only_insert)`);
    return;
  }
  claimed.add(item);
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
