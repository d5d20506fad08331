import type { WriteContext } from "@hrflow-connectors/core";
import type { HrFlowClient } from "../client.js";
import type { HrFlowProfileParsing } from "../schemas.js";
import { omit } from "./batch.js";
import { hydrateProfile } from "./hydrate.js";
import { type CreateKnowledge, firstAttempt } from "./known.js";
import { parseResume, type SourceInfo } from "./profiles.js";
import { hasResume } from "./resume.js";

/**
 * Parses one item's resume into the source. A reference already stored is re-parsed into the same
 * profile (never a second one), or skipped with `onlyInsert`. An item without a resume is indexed
 * (or its fields laid over the stored profile). A reference absent from the source's listing is
 * parsed without a look-up on its first attempt.
 */
export async function parseIntoSource(
  client: HrFlowClient,
  source: SourceInfo,
  item: HrFlowProfileParsing,
  onlyInsert: boolean,
  claimed: WeakSet<object>,
  skip: WriteContext["skip"],
  knowledge?: CreateKnowledge,
): Promise<void> {
  // Absent from the run's listing, on a first attempt: parsed without a look-up.
  const absent =
    firstAttempt(item, item.reference, knowledge) && !knowledge.known.has(item.reference as string);
  // Noted before sending: a namesake later in this run is parsed into the same profile.
  if (item.reference) knowledge?.sent(item.reference);
  const existing =
    item.reference && !absent ? await client.getProfile(source.key, { reference: item.reference }) : null;
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
