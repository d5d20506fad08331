import { toIsoDate } from "@hrflow-connectors/hrflow";

const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) UTC$/;

/**
 * A Recruitee date as ISO 8601: Recruitee writes some times as `2024-05-10 14:03:22 UTC`, which the
 * shared normaliser does not read; other forms (ISO, date-only, epoch) go through it, and text
 * that is no date becomes null rather than failing the item.
 */
export function recruiteeDate(value: unknown): string | null {
  if (typeof value === "string") {
    const m = UTC_TEXT.exec(value.trim());
    if (m) return toIsoDate(`${m[1]}T${m[2]}Z`);
  }
  return toIsoDate(value);
}
