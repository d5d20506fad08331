import type { WriteFailure } from "../contracts/aisle.js";
import type { Logger } from "../logging/logger.js";

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Writes a batch item by item: one item's error becomes its WriteFailure and the others go on.
 * `concurrency` (default 1) bounds calls in flight; the rate limiter still sets the pace.
 * Returning a string from `write` fails the item with that reason without throwing.
 */
export async function writeEach<T>(
  items: readonly T[],
  write: (item: T) => Promise<unknown>,
  options: { concurrency?: number; logger?: Logger; label?: string } = {},
): Promise<WriteFailure<T>[]> {
  const failures: WriteFailure<T>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        const refused = await write(item);
        if (typeof refused === "string") failures.push({ item, error: refused });
      } catch (err) {
        options.logger?.warn(`${options.label ?? "write"} failed for one item: ${message(err)}`);
        failures.push({ item, error: message(err) });
      }
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 1, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return failures;
}
