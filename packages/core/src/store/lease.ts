import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Who holds a lease, as far as the store can tell: enough to name the holder in a message. */
export interface LeaseHolder {
  /** The holder's own name for itself, e.g. `pid 4242 on host-a`. */
  owner: string;
  /** When the lease ends unless renewed (ISO 8601), when the store knows it. */
  expires_at?: string | undefined;
}

/** A held lease: renewed by a heartbeat while its work goes on, released at the end. */
export interface Lease {
  readonly key: string;
  /** The holder's name, as other processes see it in `LeaseHolder.owner`. */
  readonly owner: string;
  /** Extends the lease by its time to live; false when it was lost (taken over or gone). */
  renew(): Promise<boolean>;
  /** Frees the lease when this holder still has it (never frees another holder's). */
  release(): Promise<void>;
}

/** How long a lease lasts without renewal: a crashed holder blocks others at most this long. */
export interface LeaseOptions {
  ttlMs: number;
}

/** The answer to an acquire: the lease, or who holds it now (null when the store cannot tell). */
export type LeaseAttempt = { acquired: true; lease: Lease } | { acquired: false; holder: LeaseHolder | null };

/**
 * Stores that can arbitrate between processes: one holder per key at a time. Every store of the
 * project implements it (memory, file, Redis); the engine takes one per workflow for each run.
 */
export interface LeaseProvider {
  /** Takes the lease of `key` when it is free or stale; never waits. */
  acquire(key: string, options: LeaseOptions): Promise<LeaseAttempt>;
}

/** Whether a store (or any object) can hand out leases. */
export function hasLeases(store: unknown): store is LeaseProvider {
  return typeof (store as Partial<LeaseProvider> | null)?.acquire === "function";
}

/** A unique name for a new holder in this process: pid and host (for people), plus a nonce. */
export function newLeaseOwner(): { owner: string; token: string } {
  const owner = `pid ${process.pid} on ${hostname()}`;
  return { owner, token: `${owner} #${randomBytes(6).toString("hex")}` };
}

/** "held by pid 4242 on host-a until 12:00:30Z", or a neutral phrase when nobody is known. */
export function describeHolder(holder: LeaseHolder | null): string {
  if (!holder) return "held by another run";
  return `held by ${holder.owner}${holder.expires_at ? ` (lease until ${holder.expires_at})` : ""}`;
}

interface Entry {
  token: string;
  owner: string;
  expiresAt: number;
}

/** In-process leases (MemoryStore, and stores shared inside one process). */
export class MemoryLeases implements LeaseProvider {
  readonly #held = new Map<string, Entry>();

  async acquire(key: string, options: LeaseOptions): Promise<LeaseAttempt> {
    const now = Date.now();
    const current = this.#held.get(key);
    if (current && current.expiresAt > now) {
      return {
        acquired: false,
        holder: { owner: current.owner, expires_at: new Date(current.expiresAt).toISOString() },
      };
    }
    const { owner, token } = newLeaseOwner();
    this.#held.set(key, { token, owner, expiresAt: now + options.ttlMs });
    const mine = () => this.#held.get(key)?.token === token;
    return {
      acquired: true,
      lease: {
        key,
        owner,
        renew: async () => {
          const entry = this.#held.get(key);
          if (entry?.token !== token) return false;
          entry.expiresAt = Date.now() + options.ttlMs;
          return true;
        },
        release: async () => {
          if (mine()) this.#held.delete(key);
        },
      },
    };
  }
}

const perStore = new WeakMap<object, MemoryLeases>();

/**
 * The leases of a store: its own when it has them, else leases that only this process sees
 * (a store written before leases existed still keeps two runs of this process apart).
 */
export function leasesOf(store: object): LeaseProvider {
  if (hasLeases(store)) return store;
  let leases = perStore.get(store);
  if (!leases) {
    leases = new MemoryLeases();
    perStore.set(store, leases);
  }
  return leases;
}
