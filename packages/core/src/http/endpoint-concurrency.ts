/**
 * A vendor's cap on calls in flight, for every call or for one endpoint (SmartRecruiters allows 8
 * calls at once per credential, and only one `GET /candidates`). `method` and `path` narrow it;
 * `path` is matched against the URL's path after the client's base path, as a regular expression
 * or as an exact text.
 */
export interface ConcurrencyCap {
  /** At most this many matching calls in flight. */
  max: number;
  /** Only calls with this method (any when absent). */
  method?: string;
  /** Only calls to this path, relative to the base URL, e.g. `/candidates` (any when absent). */
  path?: string | RegExp;
}

/** A counting semaphore: `acquire` waits for a free slot, in arrival order. */
export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError("a concurrency cap needs max >= 1");
    this.#free = max;
  }

  /** Waits for a slot; the returned function gives it back (once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#free > 0) {
      this.#free--;
    } else {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.#waiting.indexOf(wake);
          if (i >= 0) this.#waiting.splice(i, 1);
          reject(signal?.reason);
        };
        this.#waiting.push(wake);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so a late arrival cannot overtake it.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}

/** Whether a call (method, path after the base URL) falls under a cap. */
export function capApplies(cap: ConcurrencyCap, method: string, path: string): boolean {
  if (cap.method && cap.method.toUpperCase() !== method) return false;
  if (cap.path === undefined) return true;
  return typeof cap.path === "string" ? cap.path === path : cap.path.test(path);
}

/**
 * Waits for a slot under every cap the call falls under (in declaration order, so two calls never
 * hold one cap each while waiting for the other's); returns the function that frees them.
 */
export async function acquireCaps(
  caps: readonly { cap: ConcurrencyCap; semaphore: Semaphore }[],
  method: string,
  path: string,
  signal?: AbortSignal,
): Promise<() => void> {
  const releases: (() => void)[] = [];
  try {
    for (const { cap, semaphore } of caps) {
      if (capApplies(cap, method, path)) releases.push(await semaphore.acquire(signal));
    }
  } catch (err) {
    for (const release of releases.reverse()) release();
    throw err;
  }
  return () => {
    for (const release of releases.reverse()) release();
  };
}
