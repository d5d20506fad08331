import type { WriteFailure } from "../contracts/aisle.js";
import { isOutcomeUnknown } from "../http/errors.js";
import type { Logger } from "../logging/logger.js";
import { RECONCILED, type ReconcileOptions, writeWithLookup } from "./reconcile.js";

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Writes a batch item by item: one item's error becomes its WriteFailure and the others go on.
 * `concurrency` (default 1) bounds calls in flight; the rate limiter still sets the pace.
 * Returning a string from `write` fails the item with that reason without throwing.
 * With `reconcile`, a transient failure is settled by `writeWithLookup` (retried when repeatable,
 * looked up otherwise); an item whose outcome stays unknown fails with `outcome: "unknown"`.
 */
export async function writeEach<T>(
  items: readonly T[],
  write: (item: T) => Promise<unknown>,
  options: {
    concurrency?: number;
    logger?: Logger | undefined;
    label?: string;
    reconcile?: ReconcileOptions<T>;
  } = {},
): Promise<WriteFailure<T>[]> {
  const failures: WriteFailure<T>[] = [];
  const { reconcile } = options;
  const once = reconcile
    ? async (item: T) => {
        const out = await writeWithLookup(item, write, reconcile);
        return out === RECONCILED ? undefined : out;
      }
    : write;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        const refused = await once(item);
        if (typeof refused === "string") failures.push({ item, error: refused });
      } catch (err) {
        options.logger?.warn(`${options.label ?? "write"} failed for one item: ${message(err)}`);
        failures.push(
          isOutcomeUnknown(err)
            ? { item, error: message(err), outcome: "unknown" }
            : { item, error: message(err) },
        );
      }
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 1, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return failures;
}
