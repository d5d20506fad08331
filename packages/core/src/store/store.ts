import { type LeaseAttempt, type LeaseOptions, MemoryLeases } from "./lease.js";

/** Where runs keep state between executions (incremental tokens, last results), keyed by workflow id. */
export interface Store {
  readonly name: string;
  /** The stored JSON value for the key, or null when nothing was saved. */
  load(key: string): Promise<unknown | null>;
  /** Replaces the value for the key. */
  save(key: string, value: unknown): Promise<void>;
  /**
   * Takes the lease of a key (one holder at a time across every process using the store). The
   * engine takes `workflowId`'s for each run; a store without it gets a lease for this process only.
   */
  acquire?(key: string, options: LeaseOptions): Promise<LeaseAttempt>;
}

/** A store that keeps values in memory; for tests and single-process embedding. */
export class MemoryStore implements Store {
  readonly name = "memory";
  readonly #data = new Map<string, string>();
  readonly #leases = new MemoryLeases();

  async load(key: string): Promise<unknown | null> {
    const raw = this.#data.get(key);
    return raw === undefined ? null : JSON.parse(raw);
  }

  async save(key: string, value: unknown): Promise<void> {
    // Stored as text so callers can never mutate what was saved.
    this.#data.set(key, JSON.stringify(value));
  }

  acquire(key: string, options: LeaseOptions): Promise<LeaseAttempt> {
    return this.#leases.acquire(key, options);
  }

  /** Every key saved so far. */
  keys(): string[] {
    return [...this.#data.keys()];
  }
}
