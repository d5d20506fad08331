/**
 * How many write requests a run keeps in flight, and how many items it holds to do so.
 *
 * Requests: a fixed 2 left a vendor with 20 ms of latency idle most of the time; a fixed large
 * number only queues calls behind a rate limiter. So the number adapts (additive increase,
 * multiplicative decrease, as TCP does): it halves when the time per request doubles against the
 * best seen (calls are queueing behind a rate limit or a slower vendor) or items fail, and grows
 * back by one per batch while the vendor keeps up, up to what the best time per request makes
 * useful (16 at 20 ms, the bound of 32 at 100 ms). Each item `writeEach` writes holds one of the
 * run's write slots (write-slots.ts) for its request(s), so the window counts requests across
 * every batch, not batches.
 *
 * Items: every item held while others are read survives V8's young-generation collections, and
 * V8 grows the young generation each time the bytes surviving them add up to its size
 * (bench/README.md, "Memory"). A batch's items are therefore written at once, and the engine
 * only starts another batch while fewer requests than the window allows are in flight: 16
 * requests hold about that many items plus one batch (40 to 60 measured), where writing each
 * batch one item after another needed 16 batches (160 items) for 16 requests. What is left is the
 * requests themselves (about 20 KB each surviving a collection), hence the cap. A batch is still the
 * checkpoint and dead-letter unit, and writes that send one request per batch (or that say they
 * are sequential) count as one request per batch, bounded by {@link ITEMS_IN_FLIGHT} items.
 */

/** Requests in flight at most, unless the run sets `concurrency` itself. */
export const REQUESTS_IN_FLIGHT = 32;
/** Requests in flight at the start, and at most while answers come quickly (see `RATE_CAP`). */
export const REQUESTS_AT_START = 16;
// Items per second one process writes at best (about 600 to 800 on the bench machine): more
// requests than this rate times the best time per request cannot go faster, they only hold memory
// (each request in flight keeps about 20 KB alive through a young-generation collection). At 20 ms
// per answer that is 16 requests; at 100 ms the window may grow to its bound.
const RATE_CAP = 800;
/** Items held in batches being written, at most, unless the run sets `concurrency` itself. */
export const ITEMS_IN_FLIGHT = 160;
/** Items per write call when neither the run nor the target says (`batchSize`). */
export const DEFAULT_BATCH_SIZE = 10;
// The window never halves below this many requests: a busy machine makes requests look "slow"
// from noise alone, and 2 requests at a time cannot keep up with a rate-limited reader handing
// over 100 items a second (Workable's limit), which then waits for writes and loses its slots.
const MIN_REQUESTS = 4;
// A request slower than this many times the best seen means calls are queueing.
const SLOWER = 2;
// Within this factor of the best time per request, the vendor keeps up and the window may grow.
const KEEPS_UP = 1.5;
const DRIFT = 1.05;

/** The requests a run may have in flight: fixed when the run says so, adaptive otherwise. */
export class WriteWindow {
  /** Requests allowed in flight now. */
  limit: number;
  /** The most requests the adaptive window allows (or the run's own number). */
  readonly max: number;
  /** The fewest requests the adaptive window halves to. */
  readonly min: number;
  /** Items held in batches being written, at most (one batch is always allowed). */
  readonly maxItems: number;
  readonly #fixed: boolean;
  #best = Number.POSITIVE_INFINITY;

  constructor(batchSize: number, requested?: number) {
    this.#fixed = requested !== undefined;
    this.max = this.#fixed ? Math.max(1, requested!) : REQUESTS_IN_FLIGHT;
    this.min = Math.min(this.max, MIN_REQUESTS);
    // A run's own number holds as many batches as it says, whatever their size (as it always did).
    this.maxItems = this.#fixed ? this.max * batchSize : Math.max(ITEMS_IN_FLIGHT, 2 * batchSize);
    // Optimistic start: halving finds a rate limit within a few batches, where growing one
    // request at a time would leave a short run (1,000 items) mostly idle.
    this.limit = this.#fixed ? this.max : REQUESTS_AT_START;
  }

  /** The most requests worth having in flight at the best time per request seen (see `RATE_CAP`). */
  get cap(): number {
    if (this.#fixed || !Number.isFinite(this.#best)) return this.limit;
    const useful = Math.ceil((this.#best * RATE_CAP) / 1000);
    return Math.min(this.max, Math.max(REQUESTS_AT_START, useful));
  }

  /**
   * Whether another batch may start while `requests` requests are in flight (or waiting for a
   * slot) and `items` items are held in batches being written.
   */
  room(requests: number, items: number): boolean {
    return requests < this.limit && items < this.maxItems;
  }

  /** Records a written batch: its requests, how many of its items failed, and their time in all. */
  done(requests: number, failed: number, ms: number): void {
    if (this.#fixed || requests === 0) return;
    const perRequest = ms / requests;
    // The best time drifts up 5% a batch, so one lucky batch on a busy machine fades instead of
    // making every later batch look slow forever.
    this.#best = Math.min(perRequest, this.#best * DRIFT);
    if (failed > 0 || perRequest > this.#best * SLOWER) {
      this.limit = Math.max(this.min, Math.floor(this.limit / 2));
    } else if (perRequest <= this.#best * KEEPS_UP) {
      this.limit = Math.min(this.cap, this.limit + 1);
    }
  }
}
