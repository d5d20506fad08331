import type { ApiProfile } from "../client.js";

const LISTS = [
  "experiences",
  "educations",
  "skills",
  "languages",
  "certifications",
  "courses",
  "tasks",
  "interests",
  "tags",
  "metadatas",
];

const truthy = (v: unknown) => Boolean(v) && !(Array.isArray(v) && v.length === 0);

/**
 * Lays what we know about a profile over what the parser extracted: non-empty incoming values win,
 * URLs are merged, and the parsed profile keeps its key.
 */
export function hydrateProfile(parsed: ApiProfile, incoming: Record<string, unknown>): ApiProfile {
  const out: Record<string, unknown> = { ...parsed };
  const pInfo = (parsed.info ?? {}) as Record<string, unknown>;
  const iInfo = (incoming.info ?? {}) as Record<string, unknown>;
  const info: Record<string, unknown> = { ...pInfo };
  for (const [k, v] of Object.entries(iInfo)) {
    if (k === "urls") continue;
    if (k === "location") {
      if (v && typeof v === "object" && Object.values(v).some(truthy)) info.location = v;
    } else if (truthy(v)) info[k] = v;
  }
  const urls = [...((pInfo.urls as unknown[] | null) ?? [])];
  for (const u of (iInfo.urls as unknown[] | null) ?? []) {
    if (!urls.some((x) => JSON.stringify(x) === JSON.stringify(u))) urls.push(u);
  }
  info.urls = urls;
  out.info = info;
  for (const k of LISTS) if (truthy(incoming[k])) out[k] = incoming[k];
  for (const k of ["text", "text_language", "reference", "created_at"])
    if (truthy(incoming[k])) out[k] = incoming[k];
  for (const k of ["experiences_duration", "educations_duration"]) {
    if (incoming[k] !== null && incoming[k] !== undefined) out[k] = incoming[k];
  }
  out.key = parsed.key;
  return out as ApiProfile;
}
