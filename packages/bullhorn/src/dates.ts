const EPOCH_MS = /^\d{1,15}$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A point in time as epoch milliseconds: epoch ms as given (number or digits), ISO 8601 with its
 * zone, or ISO 8601 without one taken as UTC. Null for anything else.
 */
export function toEpochMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const v = value.trim();
  if (EPOCH_MS.test(v)) return Number(v);
  const m = ISO.exec(v);
  if (!m) return null;
  const text = v.replace(" ", "T");
  const ms = Date.parse(m[1] ? text : text.length === 10 ? `${text}T00:00:00Z` : `${text}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Bullhorn's Lucene date form (yyyyMMddHHmmss) of an instant, in UTC; seconds are floored. */
export function toLuceneDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** An epoch-ms value from Bullhorn as an ISO 8601 UTC date-time; null when absent or not a number. */
export function msToIso(value: unknown): string | null {
  const ms = typeof value === "string" && EPOCH_MS.test(value) ? Number(value) : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Epoch seconds of an ISO date (Bullhorn's outbound date fields); null when it is none. */
export function isoToMs(value: string | null | undefined): number | null {
  return value ? toEpochMs(value) : null;
}
