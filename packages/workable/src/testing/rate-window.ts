/**
 * Workable's limiter: fixed windows of `perMs` (aligned on the clock), `requests` per window.
 * Every answer carries X-Rate-Limit-Limit/Remaining/Reset (Unix seconds of the next window).
 */
export class FixedWindow {
  #start = 0;
  #used = 0;

  constructor(
    readonly requests: number,
    readonly perMs: number,
  ) {}

  take(now = Date.now()): { allowed: boolean; headers: Record<string, string> } {
    const start = Math.floor(now / this.perMs) * this.perMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
    const allowed = this.#used < this.requests;
    if (allowed) this.#used++;
    return {
      allowed,
      headers: {
        "x-rate-limit-limit": String(this.requests),
        "x-rate-limit-remaining": String(this.requests - this.#used),
        "x-rate-limit-reset": String(Math.ceil((start + this.perMs) / 1000)),
      },
    };
  }
}
