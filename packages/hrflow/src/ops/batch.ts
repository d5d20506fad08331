import type { WriteFailure } from "@hrflow-connectors/core";
import type { ItemId } from "../client.js";

/** An error's message, without a stack. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs `fn` on each item in order; an item that throws is returned as failed, the others go on. */
export async function eachItem<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<WriteFailure<T>[]> {
  const failures: WriteFailure<T>[] = [];
  for (const item of items) {
    try {
      await fn(item);
    } catch (err) {
      failures.push({ item, error: errorText(err) });
    }
  }
  return failures;
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
