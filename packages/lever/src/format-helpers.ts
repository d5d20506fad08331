export { tagValue } from "@hrflow-connectors/hrflow";

import type { HrFlowLocation } from "@hrflow-connectors/hrflow";
import { htmlToText } from "@hrflow-connectors/hrflow";

/**
 * Epoch milliseconds as ISO 8601 in UTC (`…Z`). The original printed naive local times, so the
 * data depended on the host's time zone; null stays null.
 */
export function msToIso(ms: number | null | undefined): string | null {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * An HrFlow date (ISO 8601, with or without zone) as epoch milliseconds; a date-time without a
 * zone is read as UTC (the original read it in the host's zone). Null when absent or not a date.
 */
export function isoToMs(value: string | null | undefined): number | null {
  if (!value) return null;
  const v = value.trim();
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(v);
  const withTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v);
  const normalized =
    withTime && !zoned ? `${v.replace(" ", "T")}Z` : v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : ms;
}

// Block-level tags become line breaks, the way BeautifulSoup's get_text("\n") separated them.
const BLOCK = /<\s*(?:br\s*\/?|\/(?:p|div|li|ul|ol|h[1-6]|tr|blockquote|section|article))\s*>/gi;

/** HTML as plain text: one line per block or list item, tags removed, entities decoded; null when empty. */
export function htmlToPlainText(html: string | null | undefined): string | null {
  if (!html) return null;
  const text = htmlToText(html.replace(BLOCK, "\n"))
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
  return text || null;
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
