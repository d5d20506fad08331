import { FakeHttpError } from "@hrflow-connectors/core/testing";

/** A row as the fake stores it. */
export type Row = Record<string, unknown>;
/** A compiled query: whether a row matches. */
export type Matcher = (row: Row) => boolean;

const DATE_FIELDS = new Set(["dateAdded", "dateLastModified", "dateAvailable", "dateOfBirth", "startDate"]);

/**
 * The subset of Lucene the fake understands, enough for every query the connector and its docs
 * use: `field:value`, `field:"quoted value"`, `field:[a TO b]` (`*` open; dates as yyyyMMddHHmmss
 * in UTC, inclusive to the second), AND, OR, NOT and parentheses (AND binds tighter than OR).
 * Anything else answers 400, as Bullhorn does for a query it cannot parse.
 */
export function compileLucene(query: string): Matcher {
  const tokens = query.match(/"(?:[^"\\]|\\.)*"|\[|\]|\(|\)|[^\s()[\]]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const bad = (why: string) => new FakeHttpError(400, `Invalid search query '${query}': ${why}`);

  const or = (): Matcher => {
    const parts = [and()];
    while (peek() === "OR") {
      i++;
      parts.push(and());
    }
    return (row) => parts.some((p) => p(row));
  };
  const and = (): Matcher => {
    const parts = [unary()];
    while (peek() === "AND") {
      i++;
      parts.push(unary());
    }
    return (row) => parts.every((p) => p(row));
  };
  const unary = (): Matcher => {
    const t = tokens[i++];
    if (t === undefined) throw bad("unexpected end");
    if (t === "NOT") {
      const inner = unary();
      return (row) => !inner(row);
    }
    if (t === "(") {
      const inner = or();
      if (tokens[i++] !== ")") throw bad("missing )");
      return inner;
    }
    const colon = t.indexOf(":");
    if (colon <= 0) throw bad(`'${t}' is not field:value`);
    const field = t.slice(0, colon);
    const rest = t.slice(colon + 1);
    if (rest === "") {
      if (tokens[i++] !== "[") throw bad(`no value for ${field}`);
      const lo = tokens[i++];
      if (tokens[i++] !== "TO") throw bad("range without TO");
      const hi = tokens[i++];
      if (tokens[i++] !== "]" || lo === undefined || hi === undefined) throw bad("unclosed range");
      return range(field, lo, hi);
    }
    return equals(field, rest.startsWith('"') ? JSON.parse(rest) : rest);
  };

  const matcher = or();
  if (i !== tokens.length) throw bad(`unexpected '${tokens[i]}'`);
  return matcher;
}

function equals(field: string, value: string): Matcher {
  return (row) => {
    const v = row[field];
    if (typeof v === "boolean") return v === (value === "true" || value === "1");
    if (typeof v === "number") return v === Number(value);
    return typeof v === "string" && v.toLowerCase() === value.toLowerCase();
  };
}

/** The instant of a Lucene date (yyyyMMddHHmmss, UTC). */
function luceneDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(text);
  if (!m) throw new FakeHttpError(400, `Invalid date '${text}' (yyyyMMddHHmmss)`);
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

function range(field: string, lo: string, hi: string): Matcher {
  const isDate = DATE_FIELDS.has(field);
  const bound = (text: string, upper: boolean) => {
    if (text === "*") return upper ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    // A date range is inclusive to the second: the upper bound takes its whole second.
    return isDate ? luceneDate(text) + (upper ? 999 : 0) : Number(text);
  };
  const min = bound(lo, false);
  const max = bound(hi, true);
  return (row) => {
    const v = row[field];
    return typeof v === "number" && v >= min && v <= max;
  };
}
