export { tagValue } from "@hrflow-connectors/hrflow";

import type { HrFlowLocation } from "@hrflow-connectors/hrflow";
import { toEpochMs, toIsoDate } from "@hrflow-connectors/hrflow";

/**
 * Lever's epoch milliseconds (a number, or numeric text as some payloads carry) as ISO 8601 in UTC
 * (`…Z`). The original printed naive local times, so the data depended on the host's time zone;
 * null or anything that is not a time stays null.
 */
export function msToIso(ms: unknown): string | null {
  return toIsoDate(ms, "ms");
}

/**
 * An HrFlow date (ISO 8601, with or without zone) as epoch milliseconds; a date-time without a
 * zone is read as UTC (the original read it in the host's zone). Null when absent or not a date.
 */
export function isoToMs(value: string | null | undefined): number | null {
  return toEpochMs(value);
}

/** A location HrFlow accepts, from Lever's free text (Lever gives no coordinates). */
export function textLocation(text: string | null | undefined): HrFlowLocation {
  return { text: text || null, lat: null, lng: null };
}

/** `"Ada King Lovelace"` -> first `Ada`, last `King Lovelace`; one word is a first name only. */
export function splitName(name: string | null | undefined): { first: string | null; last: string | null } {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { first: null, last: null };
  return { first: words[0]!, last: words.length > 1 ? words.slice(1).join(" ") : null };
}

/**
 * A resume `{year, month}` as an ISO date (`YYYY-MM-01`, or `YYYY-01-01` with the year only).
 * Null, missing or out-of-range parts give null instead of failing the whole profile.
 */
export function resumeDate(
  date: { year?: number | null; month?: number | null } | null | undefined,
): string | null {
  const year = date?.year;
  if (typeof year !== "number" || !Number.isInteger(year) || year < 1000 || year > 9999) return null;
  const month = date?.month;
  const mm = typeof month === "number" && Number.isInteger(month) && month >= 1 && month <= 12 ? month : 1;
  return `${year}-${String(mm).padStart(2, "0")}-01`;
}

type UrlType = "linkedin" | "twitter" | "facebook" | "github" | "from_resume";
const URL_TYPES: [RegExp, UrlType][] = [
  [/(^|\.)linkedin\.com$/, "linkedin"],
  [/(^|\.)(twitter|x)\.com$/, "twitter"],
  [/(^|\.)facebook\.com$/, "facebook"],
  [/(^|\.)github\.com$/, "github"],
];

/**
 * The HrFlow URL type of a link, from its host. HrFlow only accepts these five types (the
 * original's "from lever" was refused); any other link is filed as `from_resume`.
 */
export function urlType(link: string): UrlType {
  let host = "";
  try {
    host = new URL(/^[a-z]+:\/\//i.test(link) ? link : `https://${link}`).hostname.toLowerCase();
  } catch {
    return "from_resume";
  }
  return URL_TYPES.find(([re]) => re.test(host))?.[1] ?? "from_resume";
}
