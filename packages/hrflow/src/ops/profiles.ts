import type { Logger } from "@hrflow-connectors/core";
import type { ApiProfile, ApiSource, HrFlowClient } from "../client.js";
import type { HrFlowProfile, HrFlowResume } from "../schemas.js";
import { omit, requireId } from "./batch.js";
import { hydrateProfile } from "./hydrate.js";
import { hasResume, resumeUpload } from "./resume.js";

/** The source of a batch, fetched once and only when a resume needs its parsing setting. */
export class SourceInfo {
  #pending: Promise<ApiSource> | null = null;
  constructor(
    private readonly client: HrFlowClient,
    readonly key: string,
  ) {}

  /** The source; a failure is thrown, never read as "nothing to do". */
  get(): Promise<ApiSource> {
    this.#pending ??= this.client.getSource(this.key);
    return this.#pending;
  }
}

export type ProfileOutcome = "created" | "parsed" | "queued" | "restored" | "kept" | "updated";

/** Fields sent to indexing: the item without the file and without a stale key. */
const content = (profile: HrFlowProfile) => omit(profile, "resume", "key");

/** What parsing takes from an item besides its file. */
type ResumeFields = Pick<HrFlowProfile, "reference" | "created_at"> & {
  tags?: unknown[] | null | undefined;
  metadatas?: unknown[] | null | undefined;
};

/**
 * Sends an item's resume to parsing (into the profile `key` when given), synchronously when the
 * source parses synchronously; the parsed profile, or null when queued.
 */
export async function parseResume(
  client: HrFlowClient,
  source: SourceInfo,
  resume: HrFlowResume,
  item: ResumeFields,
  key?: string,
): Promise<ApiProfile | null> {
  const { sync_parsing } = await source.get();
  return client.parseProfileFile(
    source.key,
    resumeUpload(resume, {
      key,
      reference: item.reference,
      createdAt: item.created_at,
      tags: item.tags ?? [],
      metadatas: item.metadatas ?? [],
      syncParsing: Boolean(sync_parsing),
    }),
  );
}

/** A stored profile with this item's key, else its reference; null when there is none. */
async function lookup(client: HrFlowClient, sourceKey: string, p: HrFlowProfile): Promise<ApiProfile | null> {
  if (p.key) return client.getProfile(sourceKey, { key: p.key });
  if (p.reference) return client.getProfile(sourceKey, { reference: p.reference });
  return null;
}

/**
 * Creates a profile unless its key or reference is already in the source (no duplicates on
 * retries); an archived namesake is restored and updated. A resume is parsed into the profile.
 */
export async function createProfile(
  client: HrFlowClient,
  source: SourceInfo,
  profile: HrFlowProfile,
  logger?: Logger,
  claimed?: WeakSet<object>,
): Promise<ProfileOutcome> {
  const existing = await lookup(client, source.key, profile);
  // Found after this write's own earlier attempt claimed it: that attempt's steps are completed.
  if (existing?.key && !existing.archived_at && claimed?.has(profile)) {
    await client.editProfile(source.key, { ...existing, ...content(profile), key: existing.key });
    return "created";
  }
  if (existing?.key && !existing.archived_at) {
    logger?.info(`Profile reference=${profile.reference} is already in source ${source.key}; left as it is`);
    return "kept";
  }
  const fields = content(profile);
  claimed?.add(profile);
  if (existing?.key) await client.archiveProfile(source.key, { key: existing.key }, false);
  if (hasResume(profile.resume)) {
    const parsed = await parseResume(client, source, profile.resume, profile, existing?.key ?? undefined);
    // A source that parses later gets the item's fields from the queued parsing itself.
    if (parsed) await client.editProfile(source.key, hydrateProfile(parsed, fields));
    if (existing?.key && !parsed) await client.editProfile(source.key, { ...fields, key: existing.key });
    return existing?.key ? "restored" : parsed ? "parsed" : "queued";
  }
  if (existing?.key) {
    await client.editProfile(source.key, { ...fields, key: existing.key });
    return "restored";
  }
  await client.indexProfile(source.key, content(profile));
  return "created";
}

/**
 * Edits a stored profile. With `onlyEditFields`, only those fields that the item actually has are
 * changed (the original wrote missing ones as null); otherwise the item's fields replace stored ones.
 */
export async function updateProfile(
  client: HrFlowClient,
  source: SourceInfo,
  profile: HrFlowProfile,
  onlyEditFields: string[] | null | undefined,
): Promise<ProfileOutcome> {
  requireId(profile, "Profile");
  const stored = await lookup(client, source.key, profile);
  if (!stored?.key)
    throw new Error(`Profile ${profile.key ?? profile.reference} not found in source ${source.key}`);
  const incoming = content(profile);
  const selected =
    onlyEditFields && onlyEditFields.length > 0
      ? Object.fromEntries(onlyEditFields.filter((f) => f in incoming).map((f) => [f, incoming[f]]))
      : incoming;
  let payload: Record<string, unknown> = { ...stored, ...selected, key: stored.key };
  // Re-parsing a profile that already has its file would attach a second copy.
  if (hasResume(profile.resume) && !(stored.attachments?.length ?? 0)) {
    const parsed = await parseResume(client, source, profile.resume, profile, stored.key);
    if (parsed) payload = hydrateProfile(parsed, payload);
  }
  await client.editProfile(source.key, payload);
  return "updated";
}

/** Archives a profile named by key or reference. */
export async function archiveProfile(client: HrFlowClient, sourceKey: string, profile: HrFlowProfile) {
  await client.archiveProfile(sourceKey, requireId(profile, "Profile"));
}
