/**
 * A sliding window of `requests` per `perMs`, for a fake that enforces a request ceiling (HrFlow.ai
 * publishes none; the bench sets the client's own one here to prove a run stays under it).
 */
export class SlidingWindow {
  // The times of the last `requests` accepted requests, oldest at `#next`.
  readonly #times: number[];
  #next = 0;

  constructor(
    readonly requests: number,
    readonly perMs: number,
  ) {
    this.#times = new Array<number>(requests).fill(Number.NEGATIVE_INFINITY);
  }

  /** Accepts a request at `now` when fewer than `requests` were accepted in the last `perMs`. */
  take(now = performance.now()): boolean {
    if (now - this.#times[this.#next]! < this.perMs) return false;
    this.#times[this.#next] = now;
    this.#next = (this.#next + 1) % this.requests;
    return true;
  }
}
