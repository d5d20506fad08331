import type { IncrementalToken, Mode } from "@hrflow-connectors/core";
import { msToIso, toEpochMs } from "./dates.js";

/** The date field a mode filters and sorts on: creation for create, last change otherwise. */
export type DateField = "dateAdded" | "dateLastModified";

/** The date field of a mode. */
export function dateFieldOf(mode: Mode): DateField {
  return mode === "create" ? "dateAdded" : "dateLastModified";
}

/** The token key of a mode, as the original named it. */
const tokenKey = (field: DateField) => (field === "dateAdded" ? "created_date" : "last_modified_date");

/** A read position: items at or before (date, id) were read; `id` null means "from this instant". */
export interface Position {
  ms: number;
  id: number | null;
}

/** Whether a row comes after a position in the read order (date, then id). */
export function isAfter(row: { ms: number; id: number }, from: Position): boolean {
  if (row.ms !== from.ms) return row.ms > from.ms;
  return from.id === null || row.id > from.id;
}

/**
 * The token of an item: `{"last_modified_date": ISO UTC, "last_id": id}` (or `created_date` for
 * create), the original's shape, but compared as (epoch ms, id) so a boundary item is neither read
 * again (the original compared an ms integer with the ISO text) nor skipped.
 */
export function encodeToken(field: DateField, ms: number, id: number): string {
  return JSON.stringify({ [tokenKey(field)]: msToIso(ms), last_id: id });
}

/** A token's position; null for a text that is no token of ours. Reads either key. */
export function decodeToken(token: string): Position | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(token);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object") return null;
  const t = parsed as Record<string, unknown>;
  const date = t.last_modified_date ?? t.created_date;
  const ms = typeof date === "string" || typeof date === "number" ? toEpochMs(date) : null;
  if (ms === null) return null;
  const id = Number(t.last_id);
  return { ms, id: Number.isInteger(id) ? id : null };
}

function comparePositions(a: Position, b: Position): number {
  if (a.ms !== b.ms) return a.ms - b.ms;
  return (a.id ?? Number.NEGATIVE_INFINITY) - (b.id ?? Number.NEGATIVE_INFINITY);
}

/** Per mode, the token of a row: its date of the mode's field and its id. */
export function bullhornTokens<
  T extends { id: number; dateAdded?: number | null; dateLastModified?: number | null },
>(kind: string): Record<Mode, IncrementalToken<T>> {
  const of = (mode: Mode): IncrementalToken<T> => {
    const field = dateFieldOf(mode);
    return {
      token: (item) => {
        const ms = item[field];
        if (typeof ms !== "number") throw new Error(`Bullhorn ${kind} ${item.id} has no ${field}`);
        return encodeToken(field, ms, item.id);
      },
      compare: (a, b) => {
        const pa = decodeToken(a);
        const pb = decodeToken(b);
        if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
        return comparePositions(pa, pb);
      },
      clamp: (token, ceiling) => {
        const p = decodeToken(token);
        if (!p) throw new Error(`'${token}' is not a Bullhorn incremental token`);
        return p.ms > ceiling.getTime() ? null : token;
      },
    };
  };
  return { create: of("create"), update: of("update"), archive: of("archive") };
}

/**
 * Where a read starts: the caller's date, or the checkpointed token when it is later. The
 * caller's date is inclusive (every item at that instant); the token excludes what it names.
 */
export function startPosition(
  parameterDate: string | number | null | undefined,
  ctx: { incremental: boolean; incrementalToken: string | null },
): Position | null {
  const ms = parameterDate === null || parameterDate === undefined ? null : toEpochMs(parameterDate);
  const own: Position | null = ms === null ? null : { ms, id: null };
  const token = ctx.incremental && ctx.incrementalToken ? decodeToken(ctx.incrementalToken) : null;
  if (ctx.incremental && ctx.incrementalToken && !token) {
    throw new Error(`'${ctx.incrementalToken}' is not a Bullhorn incremental token`);
  }
  if (!own) return token;
  if (!token) return own;
  return comparePositions(token, own) >= 0 ? token : own;
}
