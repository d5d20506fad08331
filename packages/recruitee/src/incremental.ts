import { clampIsoDate, type IncrementalToken } from "@hrflow-connectors/core";
import { recruiteeDate as toIsoDate } from "./dates.js";

/**
 * The create flows' token `"<ISO created_at>|<id>"`: Recruitee filters candidates by creation
 * time only (`created_after`), so only the create flow reads incrementally. The next run asks from
 * a second before that instant (whether Recruitee's bound is inclusive is not documented) and skips
 * what it already read there: the boundary candidate is neither read twice nor lost.
 */
export interface DatedId {
  at: string;
  id: string;
}

/** Parses a token; one without `|` has no id and skips nothing. */
export function parseToken(token: string): DatedId {
  const bar = token.lastIndexOf("|");
  return bar < 0 ? { at: token, id: "" } : { at: token.slice(0, bar), id: token.slice(bar + 1) };
}

const compareIds = (a: string, b: string) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);

/** Orders tokens by instant, then by numeric id. */
export function compareDatedIds(a: string, b: string): number {
  const x = parseToken(a);
  const y = parseToken(b);
  return Date.parse(x.at) - Date.parse(y.at) || compareIds(x.id, y.id);
}

/** The create token of a candidate. */
export const createdToken: IncrementalToken<{ id: number | string; created_at?: string | null }> = {
  token: (c) => {
    const at = toIsoDate(c.created_at);
    if (!at) throw new Error(`Recruitee candidate ${c.id} has no created_at`);
    return `${at}|${c.id}`;
  },
  compare: compareDatedIds,
  clamp: (token, ceiling) => (clampIsoDate(parseToken(token).at, ceiling) === null ? null : token),
};

/** Recruitee's `created_after` text for a token: a second earlier, UTC, `yyyy-mm-ddThh:mm:ss`. */
export function createdAfter(token: DatedId): string {
  return new Date(Date.parse(token.at) - 1000).toISOString().slice(0, 19);
}

/** Whether a candidate was already read by the run that committed `token`. */
export function alreadyRead(c: { id: number | string; created_at?: string | null }, token: DatedId): boolean {
  if (!token.id) return false;
  const at = toIsoDate(c.created_at);
  if (!at) return false;
  const diff = Date.parse(at) - Date.parse(token.at);
  return diff < 0 || (diff === 0 && compareIds(String(c.id), token.id) <= 0);
}
