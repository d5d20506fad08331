/**
 * How many write calls a run keeps in flight. A fixed 2 left a vendor with 20 ms of latency idle
 * most of the time; a fixed large number holds items in memory that a rate limiter would only
 * queue. So the number adapts (additive increase, multiplicative decrease, as TCP does): it halves
 * when a batch's time per item doubles against the best seen (calls are queueing behind a rate
 * limit or a slower vendor) or items fail, and grows back one batch at a time while the vendor
 * keeps up. Memory bounds it from above: at most {@link ITEMS_IN_FLIGHT} items in batches being
 * written.
 *
 * Why so few items: every item held while others are read survives V8's young-generation
 * collections, and V8 grows the young generation each time the bytes surviving them add up to its
 * size (bench/README.md, "Memory"). With 1,000 items held a 10,000-job sync grew it to its 128 MB
 * maximum; with 160 it stays at 64 MB. Most writers send one request per item, in order, so
 * concurrency comes from the number of batches, not their size: small batches (the default
 * {@link DEFAULT_BATCH_SIZE}) keep 16 requests in flight with 160 items held.
 */

/** Items held in batches being written, at most, unless the run sets `concurrency` itself. */
export const ITEMS_IN_FLIGHT = 160;
/** Items per write call when neither the run nor the target says (`batchSize`). */
export const DEFAULT_BATCH_SIZE = 10;
/** The fewest and most batches in flight the adaptive window allows. */
const MIN_BATCHES = 2;
const MAX_BATCHES = 32;
// The window never halves below this many items: small batches on a busy machine look "slow" from
// noise alone, and 2 batches of 10 cannot keep up with a rate-limited reader handing over 100 items
// a second (Workable's limit), which then waits for writes and loses its rate-limit slots.
const MIN_ITEMS = 40;
// A batch slower than this many times the best time per item seen means calls are queueing.
const SLOWER = 2;
// Within this factor of the best time per item, the vendor keeps up and the window may grow.
const KEEPS_UP = 1.5;
const DRIFT = 1.05;

/** The batches a run may write at once: fixed when the run says so, adaptive otherwise. */
export class BatchWindow {
  /** Batches allowed in flight now. */
  limit: number;
  /** The memory bound of the adaptive window. */
  readonly max: number;
  /** The fewest batches the adaptive window halves to. */
  readonly min: number;
  readonly #fixed: boolean;
  #best = Number.POSITIVE_INFINITY;

  constructor(batchSize: number, requested?: number) {
    this.#fixed = requested !== undefined;
    this.max = this.#fixed
      ? Math.max(1, requested!)
      : Math.min(MAX_BATCHES, Math.max(MIN_BATCHES, Math.floor(ITEMS_IN_FLIGHT / batchSize)));
    this.min = Math.min(this.max, Math.max(MIN_BATCHES, Math.floor(MIN_ITEMS / batchSize)));
    // Optimistic start at the memory bound: halving finds a rate limit within a few batches, where
    // growing one batch at a time would leave a short run (1,000 items: 10 batches) mostly idle.
    this.limit = this.max;
  }

  /** Records a written batch: its size, how many of its items failed, and how long it took. */
  done(items: number, failed: number, ms: number): void {
    if (this.#fixed || items === 0) return;
    const perItem = ms / items;
    // The best time drifts up 5% a batch, so one lucky batch on a busy machine fades instead of
    // making every later batch look slow forever.
    this.#best = Math.min(perItem, this.#best * DRIFT);
    if (failed > 0 || perItem > this.#best * SLOWER) {
      this.limit = Math.max(this.min, Math.floor(this.limit / 2));
    } else if (perItem <= this.#best * KEEPS_UP) {
      this.limit = Math.min(this.max, this.limit + 1);
    }
  }
}

/** The most batches a run writes at once (the adaptive window's memory bound, or the run's own). */
export function batchesInFlight(batchSize: number, requested?: number): number {
  return new BatchWindow(batchSize, requested).max;
}
