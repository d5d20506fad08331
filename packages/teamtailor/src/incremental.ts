import { clampIsoDate, type IncrementalToken, type Mode } from "@hrflow-connectors/core";
import { toIsoDate } from "@hrflow-connectors/hrflow";

/** The date attribute an incremental run follows: creation for create, the last change otherwise. */
export function trackedAttribute(mode: Mode): "created-at" | "updated-at" {
  return mode === "create" ? "created-at" : "updated-at";
}

/**
 * A token `"<ISO date>|<id>"`: the tracked date of the newest item read, and its id. Teamtailor's
 * `filter[...][from]` is inclusive, so the next run asks from that date and skips what it already
 * read at that instant (ids up to the token's): the boundary item is neither read twice nor lost.
 */
export interface DatedId {
  at: string;
  id: string;
}

/** Parses a token; a token without `|` (an older, date-only one) has no id and skips nothing. */
export function parseToken(token: string): DatedId {
  const bar = token.lastIndexOf("|");
  return bar < 0 ? { at: token, id: "" } : { at: token.slice(0, bar), id: token.slice(bar + 1) };
}

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b) || a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders (date, id) tokens: by instant, then by id. */
export function compareDatedIds(a: string, b: string): number {
  const x = parseToken(a);
  const y = parseToken(b);
  return Date.parse(x.at) - Date.parse(y.at) || compareIds(x.id, y.id);
}

interface Resource {
  id: string;
  attributes?: Record<string, unknown> | null;
}

/** Per mode, the (date, id) token of a resource, ordered and clamped to the run's start. */
export function datedIdTokens<T extends Resource>(kind: string): Partial<Record<Mode, IncrementalToken<T>>> {
  const of = (mode: Mode): IncrementalToken<T> => ({
    token: (item) => {
      const attr = trackedAttribute(mode);
      const at = toIsoDate(
        item.attributes?.[attr] ?? (mode === "create" ? null : item.attributes?.["created-at"]),
      );
      if (!at) throw new Error(`Teamtailor ${kind} ${item.id} has no ${attr}`);
      return `${at}|${item.id}`;
    },
    compare: compareDatedIds,
    clamp: (token, ceiling) => (clampIsoDate(parseToken(token).at, ceiling) === null ? null : token),
  });
  return { create: of("create"), update: of("update"), archive: of("archive") };
}

/** Whether an item was already read by the run that committed `token` (same instant, id not above). */
export function alreadyRead(item: Resource, mode: Mode, token: DatedId): boolean {
  if (!token.id) return false;
  const at = toIsoDate(item.attributes?.[trackedAttribute(mode)]);
  if (!at) return false;
  const diff = Date.parse(at) - Date.parse(token.at);
  return diff < 0 || (diff === 0 && compareIds(item.id, token.id) <= 0);
}

/** Our date parameters (ISO text or epoch) as the ISO 8601 text Teamtailor's filters take. */
export function filterDate(value: string | number | null | undefined): string | undefined {
  return toIsoDate(value) ?? undefined;
}
