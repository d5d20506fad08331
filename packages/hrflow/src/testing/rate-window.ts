/**
 * A request ceiling for the fake: `requests` per window of `perMs`, windows aligned on the clock
 * (the model of most API limits, Workable's among them). HrFlow.ai publishes no limit; the bench
 * sets the client's own ceiling here to measure how close a run comes to it.
 */
export class FixedWindow {
  #start = 0;
  #used = 0;

  constructor(
    readonly requests: number,
    readonly perMs: number,
  ) {}

  /** Accepts a request at `now` while the current window has room. */
  take(now = Date.now()): boolean {
    const start = Math.floor(now / this.perMs) * this.perMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
    if (this.#used >= this.requests) return false;
    this.#used++;
    return true;
  }
}
