import { type WriteFailure, writeEach } from "@hrflow-connectors/core";
import type { ItemId } from "../client.js";

/** An error's message, without a stack. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Runs `fn` on each item in order (core's writeEach); an item that throws is returned as failed.
 * The ops resolve to outcome words ("created", "kept") that writeEach would take for refusals,
 * so they are dropped here.
 */
export function eachItem<T>(
  items: readonly T[],
  fn: (item: T) => Promise<unknown>,
): Promise<WriteFailure<T>[]> {
  return writeEach(items, async (item) => {
    await fn(item);
  });
}

/** The key or reference naming an item; throws when it has neither, so nothing is sent. */
export function requireId(item: { key?: unknown; reference?: unknown }, what: string): ItemId {
  const key = typeof item.key === "string" && item.key ? item.key : undefined;
  const reference = typeof item.reference === "string" && item.reference ? item.reference : undefined;
  if (!key && !reference) throw new Error(`${what} has neither key nor reference`);
  return { key, reference };
}

/** A copy of an object without some keys. */
export function omit<T extends Record<string, unknown>>(obj: T, ...keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}
