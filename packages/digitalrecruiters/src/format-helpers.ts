import { tagValue as sharedTagValue, toIsoDate } from "@hrflow-connectors/hrflow";

export { toNumber } from "@hrflow-connectors/hrflow";

import type { HrFlowGeneralEntity } from "@hrflow-connectors/hrflow";

/** A tag value as text, or null for an absent or empty value (DigitalRecruiters sends "" for unset fields). */
export function tagValue(value: unknown): string | null {
  return value === "" ? null : sharedTagValue(value);
}

/** The tags whose value is present, values as text, in the given order. */
export function tags(entries: readonly (readonly [string, unknown])[]): HrFlowGeneralEntity[] {
  const out: HrFlowGeneralEntity[] = [];
  for (const [name, raw] of entries) {
    const value = tagValue(raw);
    if (value !== null) out.push({ name, value });
  }
  return out;
}

/**
 * An ISO 8601 timestamp HrFlow accepts (the shared normaliser): a zone or offset is kept, a
 * date-time without one is read as UTC rather than as the host's local time; null when not a date.
 */
export function toTimestamp(value: unknown): string | null {
  return toIsoDate(value);
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, the date format of DR's apply payload. */
export function drDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** A plain object or an empty one: DR sends null for absent sub-objects. */
export function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Text or null: numbers become text, anything else null. */
export function str(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}
