const NUMERIC = /^-?\d+(\.\d+)?$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/**
 * How far past a run's start a token may be committed. Vendors' clocks drift from ours; five
 * minutes absorbs any sane drift while an item dated days or centuries ahead stays out.
 */
export const TOKEN_SKEW_MS = 5 * 60_000;

/**
 * Decides what of a token may be committed when the run's ceiling (its start plus the skew) is
 * `ceiling`: the token itself, or null when the token is dated past the ceiling (its item is
 * still written; the token is not kept). Throws when the text is not a token of this kind at all,
 * so a wrong token is refused instead of saved. Tokens with no clock (ids) pass unchanged.
 */
export type TokenClamp = (token: string, ceiling: Date) => string | null;

/** The latest instant a run that started at `runStart` may commit a token for. */
export function tokenCeiling(runStart: Date, skewMs = TOKEN_SKEW_MS): Date {
  return new Date(runStart.getTime() + skewMs);
}

/** The default: ISO-like dates past the ceiling are held back; numbers and text have no clock. */
export const clampDateLike: TokenClamp = (token, ceiling) => {
  if (!DATE_LIKE.test(token)) return token;
  const at = Date.parse(token);
  if (Number.isNaN(at)) return token;
  return at > ceiling.getTime() ? null : token;
};

/** For tokens that must be ISO 8601 dates (Workable's `created_at`): anything else is refused. */
export const clampIsoDate: TokenClamp = (token, ceiling) => {
  const at = DATE_LIKE.test(token) ? Date.parse(token) : Number.NaN;
  if (Number.isNaN(at)) throw new Error(`'${token}' is not an ISO 8601 date`);
  return at > ceiling.getTime() ? null : token;
};

/** For epoch-millisecond tokens (Lever's `updatedAt`); an empty token (no date) has no clock. */
export const clampEpochMs: TokenClamp = (token, ceiling) => {
  if (token === "") return token;
  if (!/^\d+$/.test(token)) throw new Error(`'${token}' is not a time in epoch milliseconds`);
  return Number(token) > ceiling.getTime() ? null : token;
};

/** Orders tokens: numbers numerically, ISO-like dates chronologically, anything else as text. */
export function compareTokens(a: string, b: string): number {
  if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && /\d{4}-\d{2}-\d{2}/.test(a) && /\d{4}-\d{2}-\d{2}/.test(b)) {
    return ta - tb;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newer of two tokens (either may be null). */
export function maxToken(a: string | null, b: string | null, compare = compareTokens): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compare(a, b) >= 0 ? a : b;
}
