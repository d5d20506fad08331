import type { AnyWriteSession, WriteFailure } from "../contracts/aisle.js";
import type { IdentityLocks } from "./identity-locks.js";
import { errorText } from "./stages.js";

/** A non-empty string field of an object, or null. */
const field = (item: unknown, name: string): string | null => {
  const value = (item as Record<string, unknown> | null)?.[name];
  return typeof value === "string" && value.trim() ? value.trim() : null;
};

/**
 * The identity of an item whose write declares none: its `reference` (HrFlow items, and what
 * connectors key vendor items by), else its email (`email`, or HrFlow's `info.email`) lower-cased,
 * scoped by the target's name. Null when it has neither: such an item is written without a lock.
 */
export function derivedIdentity(target: string, item: unknown): string | null {
  const reference = field(item, "reference");
  if (reference) return `${target}|reference|${reference}`;
  const email = field(item, "email") ?? field((item as { info?: unknown } | null)?.info, "email");
  return email ? `${target}|email|${email.toLowerCase()}` : null;
}

/**
 * Writes a batch so that no two writes of one identity run at once, in this process or wherever
 * `locks` reach: the batch is cut into rounds whose items have distinct identities (a repeated
 * identity waits for the next round), and each round is written while holding its identities'
 * locks. Items without an identity go in the first round, unlocked. A round whose locks or write
 * fail has all its items failed with the error (`onError` hears it); the others are written.
 */
export async function writeByIdentity(
  session: AnyWriteSession,
  items: unknown[],
  locks: IdentityLocks,
  target: string,
  options: { signal?: AbortSignal; onError?: (err: unknown) => void } = {},
): Promise<WriteFailure[]> {
  const identityOf = (item: unknown): string | null => {
    try {
      return (session.identity ? session.identity(item) : derivedIdentity(target, item)) || null;
    } catch {
      // An item whose identity cannot be computed is written as one without: the write decides.
      return null;
    }
  };
  const rounds: { items: unknown[]; keys: Set<string> }[] = [];
  for (const item of items) {
    const key = identityOf(item);
    let round = key === null ? rounds[0] : rounds.find((r) => !r.keys.has(key));
    if (!round) {
      round = { items: [], keys: new Set() };
      rounds.push(round);
    }
    round.items.push(item);
    if (key !== null) round.keys.add(key);
  }
  const failures: WriteFailure[] = [];
  for (const round of rounds) {
    // A round that cannot be locked or written fails alone: the rounds before it were written.
    try {
      const lease = round.keys.size > 0 ? await locks.acquire([...round.keys], options.signal) : null;
      try {
        const out = await session.write(round.items);
        if (!Array.isArray(out)) throw new TypeError("write must return the array of failed items");
        failures.push(...out);
      } finally {
        await lease?.release();
      }
    } catch (err) {
      options.onError?.(err);
      const error = errorText(err);
      for (const item of round.items) failures.push({ item, error });
    }
  }
  return failures;
}
