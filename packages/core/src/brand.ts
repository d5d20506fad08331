/**
 * The kinds of error core brands. Each brand is a registered symbol, `Symbol.for("hrflow-connectors.<kind>")`,
 * so a connector built against another copy of core (two versions in one install) makes errors
 * that this copy still recognises, where `instanceof` would silently say no. The strings are a
 * contract between versions: add kinds, never rename one.
 */
export type ErrorKind =
  | "http-error"
  | "network-error"
  | "outcome-unknown"
  | "oauth-error"
  | "body-too-large"
  | "state-shape"
  | "corrupted-store"
  | "store-config"
  | "invalid-flow";

const symbolOf = (kind: ErrorKind): symbol => Symbol.for(`hrflow-connectors.${kind}`);

/** Marks an error with its kind's brand (non-enumerable: logs and JSON never show it). */
export function brand(error: Error, kind: ErrorKind): void {
  Object.defineProperty(error, symbolOf(kind), { value: true });
}

/** Whether a value carries a kind's brand, whichever copy of core made it. */
export function hasBrand(value: unknown, kind: ErrorKind): boolean {
  return typeof value === "object" && value !== null && Reflect.get(value, symbolOf(kind)) === true;
}
