import { clampIsoDate, type IncrementalToken, type Mode } from "@hrflow-connectors/core";
import { toEpochMs } from "@hrflow-connectors/hrflow";

/** The date bounds every Greenhouse read takes (the original's v1 names). */
export interface DateBounds {
  created_before?: string | number | null;
  created_after?: string | number | null;
  updated_before?: string | number | null;
  updated_after?: string | number | null;
}

interface Dated {
  created_at?: string | null;
  updated_at?: string | null;
}

type Field = "created_at" | "updated_at";
interface Bound {
  field: Field;
  op: "gte" | "gt" | "lt";
  ms: number;
}

/** The field an incremental run follows: creation for create, last change otherwise. */
export function incrementalField(mode: Mode): Field {
  return mode === "create" ? "created_at" : "updated_at";
}

/** Per mode, an item's token: its creation time for create, its last change otherwise. */
export function datedTokens<T extends Dated>(kind: string): Partial<Record<Mode, IncrementalToken<T>>> {
  const pick = (mode: Mode) => (item: T) => {
    const value = mode === "create" ? item.created_at : (item.updated_at ?? item.created_at);
    if (!value) throw new Error(`Greenhouse ${kind} has no ${incrementalField(mode)}`);
    return value;
  };
  // Tokens are ISO dates: one dated in the future is held back, a text that is no date refused.
  return {
    create: { token: pick("create"), clamp: clampIsoDate },
    update: { token: pick("update"), clamp: clampIsoDate },
    archive: { token: pick("archive"), clamp: clampIsoDate },
  };
}

/**
 * How a read's date bounds reach Greenhouse. Harvest v3 takes one operator-prefixed value per field
 * (`updated_at=gte|2026-01-01T00:00:00.000Z`) and, per third-party notes, not both fields at once;
 * so one bound goes to the server (the incremental one when there is a token, else the first set)
 * and the others are checked on each item. An incremental token replaces the user's lower bound
 * only when it is later. The token's bound is exclusive (`gt|`): every item at the token's instant
 * was in the listing that set it (core resumes an interrupted listing from its resume point, and
 * commits the token only at the end), so none is read twice and none is skipped.
 */
export function dateFilter(
  bounds: DateBounds,
  ctx: { mode: Mode; incremental: boolean; incrementalToken: string | null },
): { query: Partial<Record<Field, string>>; keep: (item: Dated) => boolean } {
  const all: Bound[] = [];
  const add = (field: Field, op: Bound["op"], value: unknown) => {
    const ms = value === null || value === undefined ? null : toEpochMs(value);
    if (ms !== null) all.push({ field, op, ms });
  };
  add("updated_at", "gte", bounds.updated_after);
  add("created_at", "gte", bounds.created_after);
  add("updated_at", "lt", bounds.updated_before);
  add("created_at", "lt", bounds.created_before);
  let server: Bound | undefined;
  if (ctx.incremental && ctx.incrementalToken) {
    const field = incrementalField(ctx.mode);
    const ms = toEpochMs(ctx.incrementalToken);
    if (ms !== null) {
      const own = all.find((b) => b.field === field && b.op === "gte");
      if (own && own.ms > ms) server = own;
      else {
        if (own) all.splice(all.indexOf(own), 1);
        server = { field, op: "gt", ms };
        all.unshift(server);
      }
    }
  }
  server ??= all[0];
  const query: Partial<Record<Field, string>> = {};
  if (server) query[server.field] = `${server.op}|${new Date(server.ms).toISOString()}`;
  const local = all.filter((b) => b !== server);
  return {
    query,
    keep: (item) =>
      local.every((b) => {
        const at = toEpochMs(item[b.field] ?? null);
        // An item without the date cannot be proven out of range: kept, as the server would.
        if (at === null) return true;
        return b.op === "gte" ? at >= b.ms : b.op === "gt" ? at > b.ms : at < b.ms;
      }),
  };
}
