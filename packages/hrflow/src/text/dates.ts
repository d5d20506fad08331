/*
 * One date normaliser for every connector. Vendors send ISO 8601 with or without a zone, partial
 * dates, compact forms, and epoch seconds or milliseconds as numbers or numeric text; HrFlow wants
 * ISO 8601 with a zone (or a plain date). Written by hand rather than with a date library because
 * the rules are a few exact patterns and the output must keep the vendor's own offset, which
 * `Date` would drop.
 */

/** How a number (or numeric text) is read: `auto` takes 12+ digits as milliseconds, fewer as seconds. */
export type EpochUnit = "auto" | "s" | "ms";

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}:?\d{2})?$/i;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^\d{4}$/;
const EPOCH = /^-?\d{9,}(?:\.\d+)?$/;
const HTTP_DATE = /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})$/;

/** True when the parts name a real calendar day and time (no 31 February, no 25:00). */
function valid(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === s
  );
}

function zone(raw: string | undefined): string {
  if (!raw || raw.toUpperCase() === "Z") return "Z";
  if (raw.length === 3) return `${raw}:00`;
  return raw.includes(":") ? raw : `${raw.slice(0, 3)}:${raw.slice(3)}`;
}

function fromEpoch(n: number, unit: EpochUnit): string | null {
  if (!Number.isFinite(n)) return null;
  const ms = unit === "ms" || (unit === "auto" && Math.abs(n) >= 1e11) ? n : n * 1000;
  const date = new Date(Math.round(ms));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

type Parts = [string, string, string, string?, string?, string?, string?, string?];

/** Year, month, day, hour, minute, second, fraction and zone of an ISO or compact ISO value. */
function isoParts(v: string): Parts | null {
  const m = ISO.exec(v);
  if (m) return m.slice(1) as Parts;
  const c = COMPACT.exec(v);
  return c ? [c[1]!, c[2]!, c[3]!, c[4], c[5], c[6], undefined, c[7]] : null;
}

/**
 * A vendor date or timestamp as ISO 8601 HrFlow accepts; null when absent or not a date.
 *
 * - A date-time with a zone keeps its own offset, in the long form (`+0100` -> `+01:00`, `z` -> `Z`,
 *   seconds added when missing); a date-time without a zone is read as UTC and gets `Z` (the
 *   originals used the host's zone, so the data depended on the machine).
 * - A date stays a date (`2024-06-03`); `2024-06` and `2024` get day and month 1.
 * - The compact form `20150708T115616Z` is expanded.
 * - A number, or text of 9 or more digits, is an epoch: 12 or more digits (>= 1e11) are milliseconds,
 *   fewer are seconds, unless `unit` says which. Epochs come back in UTC with milliseconds
 *   (`2024-06-03T09:54:56.000Z`). Edge: in `auto`, milliseconds before 1973-03-03 read as seconds.
 * - An HTTP date (`Mon, 03 Jun 2024 09:54:56 GMT`) becomes UTC; any other text, an impossible
 *   day (`2024-02-30`), `NaN` or a boolean gives null rather than failing the item.
 */
export function toIsoDate(value: unknown, unit: EpochUnit = "auto"): string | null {
  if (typeof value === "number") return fromEpoch(value, unit);
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (v === "") return null;
  if (EPOCH.test(v)) return fromEpoch(Number(v), unit);
  const iso = isoParts(v);
  if (iso) {
    const [y, mo, d, h, mi, s, frac, z] = iso;
    if (!valid(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)))
      return null;
    if (h === undefined) return `${y}-${mo}-${d}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}${frac ?? ""}${zone(z)}`;
  }
  const month = MONTH.exec(v);
  if (month) return valid(Number(month[1]), Number(month[2]), 1) ? `${month[1]}-${month[2]}-01` : null;
  if (YEAR.test(v)) return `${v}-01-01`;
  if (HTTP_DATE.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return null;
}

/**
 * A date as epoch milliseconds (what Lever writes): any input `toIsoDate` accepts, with a zone-less
 * time read as UTC and a bare date as UTC midnight. Null when absent or not a date.
 */
export function toEpochMs(value: unknown, unit: EpochUnit = "auto"): number | null {
  const iso = toIsoDate(value, unit);
  if (iso === null) return null;
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(t) ? null : t;
}
