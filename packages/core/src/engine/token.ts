const NUMERIC = /^-?\d+(\.\d+)?$/;

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
