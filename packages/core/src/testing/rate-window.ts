import { FakeHttpError } from "./fake-server.js";

/** One request's place in a fixed window: whether it fits, what is left, and when the window ends. */
export interface WindowSlot {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends (ms since the epoch). */
  resetAt: number;
}

/**
 * A fake's request ceiling: `requests` per window of `perMs`, windows aligned on the clock (the
 * model of most vendor limits, Workable's among them). Each fake reports the slot in its vendor's
 * own headers.
 */
export class FixedWindow {
  #start = 0;
  #used = 0;

  constructor(
    readonly requests: number,
    readonly perMs: number,
  ) {}

  /** Takes a slot at `now` when the current window has room. */
  take(now = Date.now()): WindowSlot {
    const start = Math.floor(now / this.perMs) * this.perMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
    const allowed = this.#used < this.requests;
    if (allowed) this.#used++;
    return {
      allowed,
      limit: this.requests,
      remaining: this.requests - this.#used,
      resetAt: start + this.perMs,
    };
  }
}

/**
 * A fake's guard for a vendor that answers 429 with `Retry-After` (whole seconds to the window's
 * end) beyond its window; paths `exempt` keeps out (file storage outside the API) are not counted.
 */
export function retryAfterGuard(
  window: FixedWindow | null,
  exempt: (path: string) => boolean = () => false,
): (req: { path: string }) => undefined {
  return (req) => {
    if (!window || exempt(req.path)) return undefined;
    const slot = window.take();
    if (slot.allowed) return undefined;
    const wait = Math.max(1, Math.ceil((slot.resetAt - Date.now()) / 1000));
    throw new FakeHttpError(429, "Too Many Requests", { "retry-after": String(wait) });
  };
}
