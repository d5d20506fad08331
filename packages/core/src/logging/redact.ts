/** Field names whose values are treated as secrets wherever they appear. */
export const SECRET_FIELD =
  /(secret|token|password|passwd|api[_-]?key|authorization|^auth$|credential|private|signature)/i;

const MASK = "***";

/** Holds the secret values of a run and masks them in any text or structure. */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Registers a value to mask; values shorter than 4 characters would mask too much and are ignored. */
  add(secret: unknown): void {
    if (typeof secret === "string" && secret.length >= 4) this.#secrets.add(secret);
  }

  /** Registers every secret-looking field of a parameter object (by field name or explicit list). */
  addFromObject(obj: unknown, secretFields: Iterable<string> = []): void {
    if (!obj || typeof obj !== "object") return;
    const explicit = new Set(secretFields);
    for (const [k, v] of Object.entries(obj)) {
      if (explicit.has(k) || SECRET_FIELD.test(k)) this.add(v);
    }
  }

  /** Returns the text with every registered secret replaced by a mask. */
  text(input: string): string {
    let out = input;
    for (const s of this.#secrets) {
      if (out.includes(s)) out = out.split(s).join(MASK);
    }
    return out;
  }

  /** Returns a deep copy with secrets masked, and secret-named fields masked whatever their value. */
  value<T>(input: T, depth = 0): T {
    if (typeof input === "string") return this.text(input) as T;
    if (!input || typeof input !== "object" || depth > 8) return input;
    if (Array.isArray(input)) return input.map((v) => this.value(v, depth + 1)) as T;
    if (input instanceof Error) return this.text(String(input.message)) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      out[k] =
        SECRET_FIELD.test(k) && typeof v === "string" && v.length > 0 ? MASK : this.value(v, depth + 1);
    }
    return out as T;
  }

  /** A child redactor that knows this one's secrets plus its own. */
  fork(): Redactor {
    return new Redactor(this.#secrets);
  }
}
