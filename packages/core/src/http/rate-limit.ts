/** How far back a waiting call's start may be dated to its slot (see RateLimiter.take). */
const MAX_CATCH_UP_MS = 5;

/**
 * A sliding-window limiter: at most `requests` calls start in any window of `perMs`.
 * Stricter than a refilling bucket (which allows a double burst across a window edge), so it never
 * trips a vendor's fixed-window limit. Keeps only the last `requests` start times.
 */
export class RateLimiter {
  readonly capacity: number;
  readonly perMs: number;
  readonly #starts: number[] = [];
  #queue: Promise<void> = Promise.resolve();
  #pausedUntil = 0;

  constructor(requests: number, perMs: number) {
    if (requests <= 0 || perMs <= 0) throw new RangeError("a rate limit needs positive requests and perMs");
    this.capacity = requests;
    this.perMs = perMs;
  }

  /** Waits until a call may start; callers are served in arrival order. */
  take(signal?: AbortSignal): Promise<void> {
    const next = this.#queue.then(async () => {
      let waited = false;
      for (;;) {
        signal?.throwIfAborted();
        const now = Date.now();
        const oldest = this.#starts.length >= this.capacity ? this.#starts[0]! : Number.NEGATIVE_INFINITY;
        const due = Math.max(this.#pausedUntil, oldest + this.perMs);
        if (due <= now) {
          // A call that waited for its slot counts from the slot's time, not from when the timer
          // woke it (a little later): otherwise that lateness pushes every later slot back, and at
          // 50 calls a second a tenth of the window is lost to drift. Never more than
          // MAX_CATCH_UP_MS back, so a stalled process does not release a burst.
          this.#starts.push(waited ? Math.max(due, now - MAX_CATCH_UP_MS) : now);
          if (this.#starts.length > this.capacity) this.#starts.shift();
          return;
        }
        waited = true;
        await sleep(due - now + 1, signal);
      }
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  /** Stops everyone until the given time, e.g. when the vendor says the window is spent. */
  pauseUntil(epochMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, epochMs);
  }
}

/**
 * Builds the limiter for a key; a replacement (e.g. a Redis-backed subclass shared by every process,
 * from @hrflow-connectors/bullmq) returns an object honouring RateLimiter's take/pauseUntil contract.
 * Given to an `HttpRuntime`, which keeps one limiter per key.
 */
export type LimiterFactory = (key: string, requests: number, perMs: number) => RateLimiter;

/** Resolves after ms, or rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
