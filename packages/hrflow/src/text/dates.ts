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

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The number written by `len` digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(v: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const c = v.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

function daysIn(y: number, mo: number): number {
  if (mo === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/**
 * True when `v` already is what toIsoDate gives for it: a real day as `YYYY-MM-DD`, or a real
 * time `YYYY-MM-DDTHH:MM:SS[.fff]` with `Z` or `+HH:MM`. Most vendors send that form, and reading
 * it by character codes costs no match array, no Date and no new string per date (about 3 KB per
 * profile in an allocation profile, bench/README.md "bytes"). Years before 100 are left to the
 * full path, which reads them as `Date.UTC` does.
 */
function alreadyIso(v: string): boolean {
  const n = v.length;
  if (n !== 10 && n < 20) return false;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  const y = digitsAt(v, 0, 4);
  const mo = digitsAt(v, 5, 2);
  const d = digitsAt(v, 8, 2);
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return false;
  if (n === 10) return true;
  if (v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return false;
  const h = digitsAt(v, 11, 2);
  const mi = digitsAt(v, 14, 2);
  const s = digitsAt(v, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return false;
  let i = 19;
  if (v.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < n && isDigit(v.charCodeAt(i))) i++;
    if (i === start) return false;
  }
  if (n - i === 1) return v.charCodeAt(i) === 90;
  const sign = v.charCodeAt(i);
  return (
    n - i === 6 &&
    (sign === 43 || sign === 45) &&
    digitsAt(v, i + 1, 2) >= 0 &&
    v.charCodeAt(i + 3) === 58 &&
    digitsAt(v, i + 4, 2) >= 0
  );
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
  if (alreadyIso(value)) return value;
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
