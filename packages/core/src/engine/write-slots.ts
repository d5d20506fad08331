import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The run's write slots: one per request in flight. Every item `writeEach` writes during a run
 * holds a slot from its first call to its outcome, so the run's window bounds requests in flight
 * across all its batches (not batches times their size). Slots are handed out in the order they
 * were asked for, so a batch's items start in the batch's order.
 */
export class WriteSlots {
  #active = 0;
  readonly #queue: (() => void)[] = [];
  #change: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(private readonly limit: () => number) {}

  /** Slots held now. */
  get active(): number {
    return this.#active;
  }

  /** Items waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Takes a slot: at once (undefined) when one is free and nobody waits, else a promise of one. */
  take(): Promise<void> | undefined {
    if (this.#queue.length === 0 && this.#active < this.limit()) {
      this.#active++;
      return undefined;
    }
    return new Promise<void>((resolve) => this.#queue.push(resolve));
  }

  /** Gives a slot back: the next waiter gets it, and whoever waits for a change hears of it. */
  give(): void {
    this.#active--;
    this.refill();
    this.changed();
  }

  /** Hands free slots to waiters, e.g. after the window grew. */
  refill(): void {
    while (this.#queue.length > 0 && this.#active < this.limit()) {
      this.#active++;
      this.#queue.shift()!();
    }
  }

  /** Resolves at the next slot given back or batch ended (see `changed`). */
  nextChange(): Promise<void> {
    if (!this.#change) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#change = { promise, resolve };
    }
    return this.#change.promise;
  }

  /** Wakes whoever waits in `nextChange` (the engine, for room to dispatch another batch). */
  changed(): void {
    const change = this.#change;
    this.#change = null;
    change?.resolve();
  }
}

/**
 * One batch being written: its size, and what its items do with the run's slots. The engine
 * reads it to know how many requests the batch has in flight, and how long they took.
 */
export class BatchScope {
  /** The batch went through `writeEach` at least once (its items hold slots). */
  perItem = false;
  /** Items holding a slot or waiting for one. */
  inFlight = 0;
  /** Items that held a slot and are done. */
  settled = 0;
  /** Milliseconds those items held their slot, summed (time per request, rate-limit waits included). */
  busyMs = 0;

  constructor(
    readonly slots: WriteSlots,
    readonly items: number,
  ) {}
}

// The batch a write runs for travels with its async calls: `writeEach` is called deep inside a
// connector's write, which the engine cannot hand an argument to without changing every writer.
const scopes = new AsyncLocalStorage<BatchScope | undefined>();

/** Runs `fn` as the write of `scope`'s batch: `writeEach` calls inside it take the run's slots. */
export function inBatch<R>(scope: BatchScope, fn: () => R): R {
  return scopes.run(scope, fn);
}

/** The batch the calling write runs for, or undefined outside an engine's write. */
export function currentBatch(): BatchScope | undefined {
  return scopes.getStore();
}

/**
 * Runs `fn` outside any batch: an item's own write holds its slot, so a `writeEach` nested in it
 * must not wait for another slot of the same run (all slots could be held by such items).
 */
export function outsideBatch<R>(fn: () => R): R {
  // `run` with no store rather than `exit`, which Node still marks experimental.
  return scopes.run(undefined, fn);
}
