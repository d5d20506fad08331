/** A token bucket: at most `requests` calls per `perMs`, refilled continuously. */
export class TokenBucket {
  readonly capacity: number;
  readonly perMs: number;
  #tokens: number;
  #last: number;
  #queue: Promise<void> = Promise.resolve();
  #pausedUntil = 0;

  constructor(requests: number, perMs: number) {
    if (requests <= 0 || perMs <= 0) throw new RangeError("a rate limit needs positive requests and perMs");
    this.capacity = requests;
    this.perMs = perMs;
    this.#tokens = requests;
    this.#last = Date.now();
  }

  #refill(now: number): void {
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#last) * this.capacity) / this.perMs);
    this.#last = now;
  }

  /** Waits until a call may start; callers are served in arrival order. */
  take(signal?: AbortSignal): Promise<void> {
    const next = this.#queue.then(async () => {
      for (;;) {
        signal?.throwIfAborted();
        const now = Date.now();
        this.#refill(now);
        const pause = this.#pausedUntil - now;
        if (pause <= 0 && this.#tokens >= 1) {
          this.#tokens -= 1;
          return;
        }
        const wait = Math.max(pause, ((1 - this.#tokens) * this.perMs) / this.capacity, 1);
        await sleep(wait, signal);
      }
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  /** Stops everyone until the given time, e.g. when the vendor says the window is spent. */
  pauseUntil(epochMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, epochMs);
    this.#tokens = 0;
  }
}

const shared = new Map<string, TokenBucket>();

/** The limiter for a key (vendor + credential): every client using the same credential shares it. */
export function sharedLimiter(key: string, requests: number, perMs: number): TokenBucket {
  const id = `${key}|${requests}|${perMs}`;
  let bucket = shared.get(id);
  if (!bucket) {
    bucket = new TokenBucket(requests, perMs);
    shared.set(id, bucket);
  }
  return bucket;
}

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
