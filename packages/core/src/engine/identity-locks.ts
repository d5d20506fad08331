/**
 * Locks on item identities, so that two writes of one identity (an HrFlow reference, a candidate's
 * email) never run at once: a create looks the item up, then inserts it, and two of them running
 * together both find nothing and both insert. The engine takes the locks of a batch's identities
 * around its write (see identity.ts).
 */

/** Locks held on a set of keys until released. */
export interface IdentityLease {
  /** Releases every key of the lease; never throws. */
  release(): Promise<void>;
}

/**
 * Where the locks of identities live: in this process (`ProcessIdentityLocks`) or shared by a
 * cluster (e.g. `RedisIdentityLocks` of @hrflow-connectors/bullmq). Keys are acquired in sorted
 * order, so two batches sharing keys can never wait on each other in a cycle.
 */
export interface IdentityLocks {
  /** Waits until every key is held by this caller; rejects when `signal` aborts or the locks fail. */
  acquire(keys: readonly string[], signal?: AbortSignal): Promise<IdentityLease>;
}

/**
 * A keyed mutex in memory: the identity locks of every run given the same instance in this
 * process. Each key is a promise chain; an entry is dropped when its last holder releases it,
 * so the map holds only the keys being written.
 */
export class ProcessIdentityLocks implements IdentityLocks {
  readonly #tails = new Map<string, Promise<void>>();

  /** Keys held or waited for now (for tests and metrics). */
  get size(): number {
    return this.#tails.size;
  }

  async acquire(keys: readonly string[], signal?: AbortSignal): Promise<IdentityLease> {
    const releases: (() => void)[] = [];
    const releaseAll = async () => {
      for (const release of releases.splice(0).reverse()) release();
    };
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.#lock(key, signal));
    } catch (err) {
      await releaseAll();
      throw err;
    }
    return { release: releaseAll };
  }

  async #lock(key: string, signal: AbortSignal | undefined): Promise<() => void> {
    signal?.throwIfAborted();
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    const free = () => {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
    if (!signal) {
      await previous;
      return free;
    }
    // A waiter that gives up keeps its place in the chain and frees it as soon as it comes.
    // The listener is removed once the lock comes: the run's signal lives as long as the run, and
    // one listener left per item held every item's closures (about 1 KB an item, 100 MB at 100k).
    let onAbort = () => {};
    const aborted = new Promise<"aborted">((resolve) => {
      onAbort = () => resolve("aborted");
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      if ((await Promise.race([previous, aborted])) === "aborted") {
        void previous.then(free);
        throw signal.reason;
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    return free;
  }
}
