import { tagValue as tagText, toIsoDate } from "@hrflow-connectors/hrflow";

export { tag, toNumber } from "@hrflow-connectors/hrflow";
export { tagText };

import type { HrFlowGeneralEntity, HrFlowSkill } from "@hrflow-connectors/hrflow";

/** The `id` of a TalentSoft code reference; null when the reference itself is null or absent. */
export function refId(ref: { id?: unknown } | null | undefined): unknown {
  return ref?.id ?? null;
}

/**
 * A TalentSoft date as HrFlow wants it (the shared normaliser): a date stays a date, a date-time
 * gets a time zone (TalentSoft exports UTC times without one). Null when missing or not a date.
 */
export function toHrFlowDate(value: unknown): string | null {
  return toIsoDate(value);
}

/** The calendar day of an ISO-like date as days since the epoch, or null when it is not one. */
function dayNumber(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : t / 86_400_000;
}

/** The year of an ISO-like date as an integer, or null. */
export function yearOf(value: unknown): number | null {
  return dayNumber(value) === null ? null : Number((value as string).trim().slice(0, 4));
}

/** Years between two ISO-like dates, to two decimals; null when either is missing or invalid. */
export function yearsBetween(start: unknown, end: unknown): number | null {
  const a = dayNumber(start);
  const b = dayNumber(end);
  if (a === null || b === null || b < a) return null;
  return Math.round(((b - a) / 365) * 100) / 100;
}

/**
 * A TalentSoft skill as an HrFlow skill. TalentSoft lists skills as text or as code references;
 * HrFlow needs `{ name, type, value }`. Null when no name can be found.
 */
export function toHrFlowSkill(skill: unknown): HrFlowSkill | null {
  if (typeof skill === "string")
    return skill.trim() ? { name: skill.trim(), type: "hard", value: null } : null;
  if (!skill || typeof skill !== "object") return null;
  const s = skill as Record<string, unknown>;
  const name = [s.label, s.name, s.skill && (s.skill as { label?: unknown }).label].find(
    (v): v is string => typeof v === "string" && v.trim() !== "",
  );
  if (!name) return null;
  const type = s.type === "soft" ? "soft" : "hard";
  const level = s.level && typeof s.level === "object" ? (s.level as { label?: unknown }).label : s.level;
  return { name: name.trim(), type, value: tagText(level ?? null) };
}

/** The value of the first HrFlow tag with this name, as text; undefined when there is none. */
export function hrflowTag(tags: readonly HrFlowGeneralEntity[] | null | undefined, name: string) {
  const found = tags?.find((t) => t.name === name);
  return found ? (found.value ?? null) : undefined;
}

const MALE = new Set(["male", "m", "man", "homme", "h", "mr", "mr."]);
const FEMALE = new Set(["female", "f", "woman", "femme", "mrs", "ms", "ms.", "mme"]);

/** "male" or "female" from an HrFlow gender in any case and a few common spellings; else null. */
export function genderOf(value: unknown): "male" | "female" | null {
  if (typeof value !== "string") return null;
  const g = value.trim().toLowerCase();
  return MALE.has(g) ? "male" : FEMALE.has(g) ? "female" : null;
}
