import { tagValue as sharedTagValue } from "@hrflow-connectors/hrflow";

export { toNumber } from "@hrflow-connectors/hrflow";

import type { HrFlowGeneralEntity } from "@hrflow-connectors/hrflow";

// DR texts are mostly French: the accented letters and typographic marks come as named entities.
const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
  rsquo: "\u2019",
  lsquo: "\u2018",
  rdquo: "\u201d",
  ldquo: "\u201c",
  laquo: "\u00ab",
  raquo: "\u00bb",
  hellip: "\u2026",
  ndash: "\u2013",
  mdash: "\u2014",
  euro: "\u20ac",
  bull: "\u2022",
  middot: "\u00b7",
  deg: "\u00b0",
  oelig: "\u0153",
  OElig: "\u0152",
  aelig: "\u00e6",
  szlig: "\u00df",
};
const ACCENTS: Record<string, string> = { acute: "\u0301", grave: "\u0300", circ: "\u0302", uml: "\u0308" };

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith("#")) {
    const code =
      name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  if (ENTITIES[name] !== undefined) return ENTITIES[name]!;
  if (name === "ccedil" || name === "Ccedil") return name[0] === "c" ? "\u00e7" : "\u00c7";
  // &eacute; &Egrave; &ocirc; &iuml;... : a letter plus a combining accent, composed.
  const accented = /^([a-zA-Z])(acute|grave|circ|uml)$/.exec(name);
  if (accented) return `${accented[1]}${ACCENTS[accented[2]!]}`.normalize("NFC");
  return entity;
}

/**
 * Plain text of DR's HTML: tags become spaces (the original glued the words of adjacent
 * paragraphs), entities are decoded (numeric and accented ones were left as is), and whitespace
 * runs collapse to one space. Null stays null.
 */
export function htmlToPlainText(html: string | null | undefined): string | null {
  if (html === null || html === undefined) return null;
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => decodeEntity(entity, name))
    .replace(/\s+/g, " ")
    .trim();
}

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

const ZONED = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?))?$/;
const NAIVE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * An ISO 8601 timestamp HrFlow accepts. DR dates with a zone (or a bare date) pass unchanged; a
 * date-time without a zone is read as UTC rather than as the host's local time.
 */
export function toTimestamp(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const v = value.trim();
  if (ZONED.test(v)) return v;
  const naive = NAIVE.exec(v);
  if (naive) return `${naive[1]}T${naive[2]}Z`;
  const parsed = Date.parse(v);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
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
