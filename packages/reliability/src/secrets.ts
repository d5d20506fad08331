/** Option keys whose values are credentials. */
export const SECRET_KEY = /secret|token|password|api_key|authorization_code|^auth$/i;

/** Every credential value in an options object, at any depth (at least 6 characters long). */
export function secretsIn(options: unknown): string[] {
  const found: string[] = [];
  const visit = (o: unknown) => {
    if (!o || typeof o !== "object") return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (typeof v === "string" && SECRET_KEY.test(k) && v.trim().length >= 6) found.push(v);
      else visit(v);
    }
  };
  visit(options);
  return found;
}

/** The secrets that occur in any of the outputs (each output serialized as JSON). */
export function leaks(secrets: readonly string[], ...outputs: unknown[]): string[] {
  const text = outputs.map((o) => (typeof o === "string" ? o : JSON.stringify(o))).join("\n");
  return secrets.filter((s) => text.includes(s) || text.includes(encodeURIComponent(s)));
}

/** A copy of the options with the first credential field (at any depth) set to `value`, or null. */
export function withSecret(options: Record<string, unknown>, value: string): Record<string, unknown> | null {
  const copy = structuredClone(options);
  const visit = (o: Record<string, unknown>): boolean => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === "string" && SECRET_KEY.test(k)) {
        o[k] = value;
        return true;
      }
      if (v && typeof v === "object" && !Array.isArray(v) && visit(v as Record<string, unknown>)) return true;
    }
    return false;
  };
  return visit(copy) ? copy : null;
}
