import type { Lease } from "@hrflow-connectors/core/store";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./connection.js";

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** The Redis key of a workflow's lock (`lock`: the workers' scheduling lock) or lease (`lease`: the store's). */
export function workflowLockKey(workflowId: string, namespace: "lock" | "lease" = "lock"): string {
  return `${KEY_PREFIX}:${namespace}:${workflowId}`;
}

/** A holder's name from its token: core's lease tokens are the name plus ` #<nonce>` (and more). */
export function leaseOwner(token: string): string {
  return token.split(" #")[0] ?? token;
}

/**
 * One run per workflow across every worker: a Redis key holding the owner's token with a lease
 * (SET NX PX), renewed while the run goes on. A worker that dies stops renewing, so the lease ends
 * and another worker may take the workflow; a worker that fails to renew stops its run before the
 * lease ends, so two runs of one workflow never overlap. It is core's `Lease`: the Redis store
 * hands out the same kind under its own namespace (`RedisStore.acquire`).
 */
export class WorkflowLock implements Lease {
  readonly key: string;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    workflowId: string,
    readonly token: string,
    readonly leaseMs: number,
    /** `lock` for the workers' scheduling lock, `lease` for the store's leases (the engine's). */
    namespace: "lock" | "lease" = "lock",
  ) {
    this.key = workflowLockKey(workflowId, namespace);
  }

  /** The holder's name as others see it. */
  get owner(): string {
    return leaseOwner(this.token);
  }

  /** Extends the lease by `leaseMs`; false when another owner has it or it is gone. */
  async renew(): Promise<boolean> {
    return Number(await this.redis.eval(RENEW, 1, this.key, this.token, this.leaseMs)) === 1;
  }

  /** Takes the lock when free; false when another run holds it. */
  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.token, "PX", this.leaseMs, "NX")) === "OK";
  }

  /**
   * Renews the lease every third of it until released; `onLost` runs once when a renewal finds the
   * lock gone or taken, or when Redis could not be reached for most of the lease.
   */
  keepAlive(onLost: (why: string) => void): void {
    let lastRenewed = Date.now();
    const tick = async () => {
      try {
        const ok = await this.renew();
        if (!ok) return this.#lost(onLost, "the workflow lock was lost");
        lastRenewed = Date.now();
      } catch (err) {
        if (Date.now() - lastRenewed > (this.leaseMs * 2) / 3) {
          return this.#lost(onLost, `the workflow lock could not be renewed: ${(err as Error).message}`);
        }
      }
      if (this.#timer) this.#timer = setTimeout(tick, Math.max(50, Math.floor(this.leaseMs / 3)));
    };
    this.#timer = setTimeout(tick, Math.max(50, Math.floor(this.leaseMs / 3)));
  }

  #lost(onLost: (why: string) => void, why: string): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    onLost(why);
  }

  /** Stops renewing and frees the lock if this owner still holds it. */
  async release(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }
}
