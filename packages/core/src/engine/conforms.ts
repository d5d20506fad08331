import type { ZodType } from "zod";

/*
 * Whether a value already is what a zod schema would give back for it, decided without building
 * the copy. The engine checks every formatted item against its target's schema; zod's parse
 * answers a new object, and on its way one `{ value, issues }` pair per field the schema declares,
 * present or not. For an HrFlow profile that was 7% of all the bytes a profile sync allocates
 * (bench/README.md, "bytes"), for an item the connector's own format just built.
 *
 * The walk only says yes when it is sure: every kind and check it does not know, a key zod would
 * strip, a default, a transform or a coercion answers no, and the caller then parses with zod as
 * before. So a yes means zod would accept the value and give back an equal one; a no means nothing.
 */

interface Schema {
  _zod: {
    def: {
      type: string;
      checks?: readonly Schema[];
      coerce?: boolean;
      innerType?: Schema;
      element?: Schema;
      shape?: Record<string, Schema>;
      catchall?: Schema;
      options?: readonly Schema[];
      keyType?: Schema;
      valueType?: Schema;
      fn?: (value: unknown) => unknown;
      check?: string;
      format?: string;
      pattern?: RegExp;
    };
    values?: ReadonlySet<unknown>;
    optin?: string;
  };
}

/** True when `schema.parse(value)` would succeed and answer a value deep-equal to `value`. */
export function conformsAsIs(schema: ZodType, value: unknown): boolean {
  return as(schema as unknown as Schema, value);
}

function as(s: Schema, v: unknown): boolean {
  const def = s._zod.def;
  switch (def.type) {
    case "string":
      return typeof v === "string" && !def.coerce && stringChecksPass(def.checks, v);
    case "number":
      return typeof v === "number" && Number.isFinite(v) && !def.coerce && noChecks(def.checks);
    case "boolean":
      return typeof v === "boolean" && !def.coerce && noChecks(def.checks);
    case "enum":
    case "literal":
      return s._zod.values?.has(v) === true && noChecks(def.checks);
    case "unknown":
    case "any":
      return noChecks(def.checks);
    case "optional":
      // An absent value stays absent, unless the inner schema substitutes a default.
      if (!noChecks(def.checks)) return false;
      return v === undefined ? def.innerType!._zod.optin !== "defaulted" : as(def.innerType!, v);
    case "default":
      // A default only replaces an absent value; a present one is the inner schema's.
      return v !== undefined && noChecks(def.checks) && as(def.innerType!, v);
    case "nullable":
      return noChecks(def.checks) && (v === null || as(def.innerType!, v));
    case "array":
      return Array.isArray(v) && noChecks(def.checks) && everyItem(def.element!, v);
    case "object":
      return plainObject(v) && noChecks(def.checks) && objectAsIs(def.shape!, def.catchall, v);
    case "record":
      return plainObject(v) && noChecks(def.checks) && recordAsIs(def.keyType!, def.valueType!, v);
    case "union":
      // zod answers the first option that accepts the value: only that one may decide.
      return noChecks(def.checks) && firstOptionAsIs(def.options!, v);
    case "custom":
      // z.instanceof and z.custom: the function is the check; the value is kept as it is.
      return (
        def.check === "custom" && noChecks(def.checks) && typeof def.fn === "function" && def.fn(v) === true
      );
    default:
      return false;
  }
}

function noChecks(checks: readonly Schema[] | undefined): boolean {
  return checks === undefined || checks.length === 0;
}

/** A string's checks, when every one is a plain pattern it matches (the only check HrFlow's schemas use). */
function stringChecksPass(checks: readonly Schema[] | undefined, v: string): boolean {
  if (checks === undefined) return true;
  for (const check of checks) {
    const d = check._zod.def;
    if (d.check !== "string_format" || d.format !== "regex" || !(d.pattern instanceof RegExp)) return false;
    d.pattern.lastIndex = 0;
    if (!d.pattern.test(v)) return false;
  }
  return true;
}

function everyItem(element: Schema, v: unknown[]): boolean {
  for (let i = 0; i < v.length; i++) if (!as(element, v[i])) return false;
  return true;
}

function plainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function objectAsIs(
  shape: Record<string, Schema>,
  catchall: Schema | undefined,
  v: Record<string, unknown>,
): boolean {
  for (const key in shape) if (!as(shape[key]!, v[key])) return false;
  for (const key in v) {
    if (Object.hasOwn(shape, key)) continue;
    // A key outside the shape is stripped (no catchall) or refused (never): either way not as is.
    if (key === "__proto__" || catchall === undefined || !as(catchall, v[key])) return false;
  }
  return true;
}

/** A record keyed by any string: zod copies every own key, and refuses a symbol one. */
function recordAsIs(keyType: Schema, valueType: Schema, v: Record<string, unknown>): boolean {
  const k = keyType._zod.def;
  if (k.type !== "string" || k.coerce || !noChecks(k.checks)) return false;
  if (Object.getOwnPropertySymbols(v).length > 0) return false;
  for (const key in v) if (key === "__proto__" || !as(valueType, v[key])) return false;
  return true;
}

function firstOptionAsIs(options: readonly Schema[], v: unknown): boolean {
  for (const option of options) {
    if (as(option, v)) return true;
    // This option might still accept the value (stripped, converted): zod would answer its copy.
    if (!refuses(option, v)) return false;
  }
  return false;
}

/** True only when the schema certainly refuses the value by its type alone. */
function refuses(s: Schema, v: unknown): boolean {
  const t = s._zod.def.type;
  if (t === "string") return typeof v !== "string" && !s._zod.def.coerce;
  if (t === "number") return typeof v !== "number" && !s._zod.def.coerce;
  if (t === "boolean") return typeof v !== "boolean" && !s._zod.def.coerce;
  if (t === "custom" && typeof s._zod.def.fn === "function") return s._zod.def.fn(v) === false;
  return false;
}
