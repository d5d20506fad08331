import type { Logger } from "@hrflow-connectors/core";
import type { ApiProfile, ApiSource, HrFlowClient } from "../client.js";
import type { HrFlowProfile, HrFlowResume } from "../schemas.js";
import { omit, requireId } from "./batch.js";
import { hydrateProfile } from "./hydrate.js";
import { type CreateKnowledge, firstAttempt } from "./known.js";
import { hasResume, resumeUpload } from "./resume.js";

/**
 * The source's settings for one run, fetched at most once and only when a resume needs its parsing
 * setting: a run of 10,000 resumes in batches of 10 paid 1,000 `GET /source` (0.1 request per
 * item) when this was per batch. A failed read is forgotten, so the next batch asks again.
 */
export class SourceInfo {
  #pending: Promise<ApiSource> | null = null;
  constructor(
    private readonly client: () => HrFlowClient,
    readonly key: string,
  ) {}

  /** The source; a failure is thrown, never read as "nothing to do". */
  get(): Promise<ApiSource> {
    if (!this.#pending) {
      const pending = this.client().getSource(this.key);
      this.#pending = pending;
      pending.catch(() => {
        if (this.#pending === pending) this.#pending = null;
      });
    }
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

/** Indexes a profile known to be absent, or parses its resume into a new one. */
async function createAbsent(
  client: HrFlowClient,
  source: SourceInfo,
  profile: HrFlowProfile,
): Promise<ProfileOutcome> {
  const fields = content(profile);
  if (hasResume(profile.resume)) {
    const parsed = await parseResume(client, source, profile.resume, profile);
    // A source that parses later gets the item's fields from the queued parsing itself.
    if (parsed) await client.editProfile(source.key, hydrateProfile(parsed, fields));
    return parsed ? "parsed" : "queued";
  }
  await client.indexProfile(source.key, fields);
  return "created";
}

/**
 * Creates a profile unless its key or reference is already in the source (no duplicates on
 * retries). With the source's listing, a first attempt by reference sends no look-up; a retry,
 * an item named by key or a run without a listing looks it up first, and then an archived
 * namesake is restored and updated. A resume is parsed into the profile.
 */
export async function createProfile(
  client: HrFlowClient,
  source: SourceInfo,
  profile: HrFlowProfile,
  logger?: Logger,
  claimed?: WeakSet<object>,
  knowledge?: CreateKnowledge,
): Promise<ProfileOutcome> {
  if (!profile.key && firstAttempt(profile, profile.reference, knowledge)) {
    const reference = profile.reference as string;
    if (knowledge.known.has(reference)) {
      logger?.info(`Profile reference=${reference} is already in source ${source.key}; left as it is`);
      return "kept";
    }
    // Reserved before sending: a namesake later in this run is then kept, not indexed twice.
    knowledge.sent(reference);
    claimed?.add(profile);
    return createAbsent(client, source, profile);
  }
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
  claimed?.add(profile);
  if (!existing?.key) {
    if (profile.reference) knowledge?.sent(profile.reference);
    return createAbsent(client, source, profile);
  }
  const fields = content(profile);
  await client.archiveProfile(source.key, { key: existing.key }, false);
  if (hasResume(profile.resume)) {
    const parsed = await parseResume(client, source, profile.resume, profile, existing.key);
    await client.editProfile(
      source.key,
      parsed ? hydrateProfile(parsed, fields) : { ...fields, key: existing.key },
    );
  } else {
    await client.editProfile(source.key, { ...fields, key: existing.key });
  }
  return "restored";
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
