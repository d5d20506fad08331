import { FakeHttpError } from "@hrflow-connectors/core/testing";

/**
 * TalentSoft's export filters: `field::a,b` (one of), `field:gt:v`, `field:lt:v`. Values compare
 * as numbers when both are numeric, else as text (ISO dates sort as text).
 */
export type FilterFields<T> = Record<string, (item: T) => unknown>;

const compare = (a: unknown, b: string): number => {
  const x = String(a ?? "");
  if (/^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(b)) return Number(x) - Number(b);
  return x < b ? -1 : x > b ? 1 : 0;
};

/** A predicate for a filter expression; throws a 400 for a malformed filter or an unknown field. */
export function parseFilter<T>(expression: string | null, fields: FilterFields<T>): (item: T) => boolean {
  if (!expression) return () => true;
  const m = /^([A-Za-z]+):(|gt|lt):(.+)$/.exec(expression);
  if (!m) throw new FakeHttpError(400, `Invalid filter '${expression}'`);
  const [, name, op, value] = m as unknown as [string, string, string, string];
  const get = fields[name];
  if (!get) throw new FakeHttpError(400, `Field '${name}' cannot be filtered`);
  if (op === "gt") return (item) => get(item) != null && compare(get(item), value) > 0;
  if (op === "lt") return (item) => get(item) != null && compare(get(item), value) < 0;
  const wanted = new Set(value.split(","));
  return (item) => wanted.has(String(get(item) ?? ""));
}
