import type { WriteFailure } from "../contracts/aisle.js";
import { isOutcomeUnknown } from "../http/errors.js";
import type { Logger } from "../logging/logger.js";
import { RECONCILED, type ReconcileOptions, writeWithLookup } from "./reconcile.js";
import { type BatchScope, currentBatch, outsideBatch } from "./write-slots.js";

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** How `writeEach` writes a batch. */
export interface WriteEachOptions<T> {
  /**
   * Items of this batch in flight at once, at most. Inside a run the run's window already bounds
   * requests in flight across batches, so the default there is the whole batch; outside a run
   * (a direct call) the default is 1.
   */
  concurrency?: number;
  /**
   * The vendor needs this target's writes one after another: the batch's items are written in
   * order, one at a time (other batches of the run still run beside it).
   */
  sequential?: boolean;
  logger?: Logger | undefined;
  label?: string;
  reconcile?: ReconcileOptions<T>;
}

/**
 * Writes a batch item by item: one item's error becomes its WriteFailure and the others go on;
 * failures come back in the batch's order. Inside an engine run the items are written at once,
 * each holding one of the run's write slots (see write-slots.ts), so the run keeps its requests
 * in flight while holding few batches; the rate limiter still sets the pace. Returning a string
 * from `write` fails the item with that reason without throwing. With `reconcile`, a transient
 * failure is settled by `writeWithLookup` (retried when repeatable, looked up otherwise); an item
 * whose outcome stays unknown fails with `outcome: "unknown"`.
 */
export async function writeEach<T>(
  items: readonly T[],
  write: (item: T) => Promise<unknown>,
  options: WriteEachOptions<T> = {},
): Promise<WriteFailure<T>[]> {
  const { reconcile } = options;
  const once = reconcile
    ? async (item: T) => {
        const out = await writeWithLookup(item, write, reconcile);
        return out === RECONCILED ? undefined : out;
      }
    : write;
  const outcomes: (WriteFailure<T> | undefined)[] = new Array(items.length);
  const settle = async (i: number) => {
    const item = items[i]!;
    try {
      const refused = await once(item);
      if (typeof refused === "string") outcomes[i] = { item, error: refused };
    } catch (err) {
      options.logger?.warn(`${options.label ?? "write"} failed for one item: ${message(err)}`);
      outcomes[i] = isOutcomeUnknown(err)
        ? { item, error: message(err), outcome: "unknown" }
        : { item, error: message(err) };
    }
  };
  const batch = currentBatch();
  const wanted = options.sequential ? 1 : (options.concurrency ?? (batch ? items.length : 1));
  const n = Math.max(1, Math.min(wanted, items.length));
  let next = 0;
  const worker = batch
    ? async () => {
        while (next < items.length) await inSlot(batch, next++, settle);
      }
    : async () => {
        while (next < items.length) await settle(next++);
      };
  await Promise.all(Array.from({ length: n }, worker));
  const failures: WriteFailure<T>[] = [];
  for (const outcome of outcomes) if (outcome) failures.push(outcome);
  return failures;
}

/** Writes item `i` holding one of the run's slots, and tells the batch how long it held it. */
async function inSlot(batch: BatchScope, i: number, settle: (i: number) => Promise<void>): Promise<void> {
  batch.perItem = true;
  batch.inFlight++;
  const { slots } = batch;
  const waiting = slots.take();
  if (waiting) await waiting;
  const began = Date.now();
  try {
    await outsideBatch(() => settle(i));
  } finally {
    batch.busyMs += Date.now() - began;
    batch.settled++;
    batch.inFlight--;
    slots.give();
  }
}
