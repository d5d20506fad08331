import type { Store } from "@hrflow-connectors/core";
import {
  type LeaseAttempt,
  type LeaseOptions,
  newLeaseOwner,
  type StoreFactory,
} from "@hrflow-connectors/core/store";
import type { Redis } from "ioredis";
import { KEY_PREFIX, redisClient, redisUrlFromEnv, safeRedisUrl } from "./connection.js";
import { leaseOwner, WorkflowLock, workflowLockKey } from "./lock.js";

// Takes the lease when free, or when it was taken under a workers' lock that has changed hands.
const TAKE = `local held = redis.call('GET', KEYS[1])
if held then
  local under = string.match(held, ' #lock:(.*)$') or ''
  if under == '' or under == (redis.call('GET', KEYS[2]) or '') then return false end
end
return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])`;

/**
 * The state store shared by every worker: one Redis string per key (JSON), so `save` replaces a
 * value atomically and `update` does a read-modify-write under WATCH/MULTI (optimistic, retried).
 * Same contract as core's FileStore: load returns null for a key never saved.
 */
export class RedisStore implements Store {
  readonly name = "redis";
  readonly location: string;
  readonly #redis: Redis;
  readonly #own: boolean;
  readonly #prefix: string;

  constructor(redis: Redis | string, options: { prefix?: string } = {}) {
    this.#own = typeof redis === "string";
    this.#redis = typeof redis === "string" ? redisClient(redis) : redis;
    this.#prefix = options.prefix ?? `${KEY_PREFIX}:state:`;
    this.location = typeof redis === "string" ? safeRedisUrl(redis) : "redis";
  }

  /** The Redis key holding a store key's value. */
  keyFor(key: string): string {
    return `${this.#prefix}${key}`;
  }

  async load(key: string): Promise<unknown | null> {
    const raw = await this.#redis.get(this.keyFor(key));
    if (raw === null) return null;
    try {
      return JSON.parse(raw);
    } catch (err) {
      throw new Error(`Redis store key ${this.keyFor(key)} is corrupted: unable to decode JSON`, {
        cause: err,
      });
    }
  }

  async save(key: string, value: unknown): Promise<void> {
    await this.#redis.set(this.keyFor(key), JSON.stringify(value));
  }

  /**
   * Core's lease on Redis (SET NX PX, renewed and released only by its token): one holder of a
   * key across every process sharing this Redis, CLI runs and workers alike. Its keys are apart
   * from the workers' scheduling locks, which a worker holds around the run that takes this one.
   */
  async acquire(key: string, options: LeaseOptions): Promise<LeaseAttempt> {
    const lockKey = workflowLockKey(key);
    // The lease records the workers' lock owner it was taken under: once that lock has passed to
    // another worker, the run that held this lease has stopped (a worker that cannot renew its
    // lock stops its run) or died, and its lease is taken over instead of waiting out its time.
    const lockOwner = (await this.#redis.get(lockKey)) ?? "";
    const token = `${newLeaseOwner().token} #lock:${lockOwner}`;
    const lease = new WorkflowLock(this.#redis, key, token, options.ttlMs, "lease");
    const taken = await this.#redis.eval(TAKE, 2, lease.key, lockKey, token, options.ttlMs);
    if (taken === "OK") return { acquired: true, lease };
    const [holder, ttl] = await Promise.all([this.#redis.get(lease.key), this.#redis.pttl(lease.key)]);
    if (holder === null) return { acquired: false, holder: null };
    const owner = leaseOwner(holder);
    const expires_at = ttl > 0 ? new Date(Date.now() + ttl).toISOString() : undefined;
    return { acquired: false, holder: { owner, expires_at } };
  }

  /**
   * Replaces a value with `change(current)` atomically: when another process writes the key in
   * between, the transaction aborts and the change is computed again on the new value (after a
   * short random pause, so contending writers spread out instead of colliding again).
   */
  async update<T>(key: string, change: (current: T | null) => T, attempts = 100): Promise<T> {
    const redisKey = this.keyFor(key);
    // WATCH belongs to a connection: each update gets its own so concurrent updates never share one.
    const conn = this.#redis.duplicate();
    try {
      for (let i = 0; i < attempts; i++) {
        await conn.watch(redisKey);
        const raw = await conn.get(redisKey);
        const next = change(raw === null ? null : (JSON.parse(raw) as T));
        const done = await conn.multi().set(redisKey, JSON.stringify(next)).exec();
        if (done !== null) return next;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * (i + 1))));
      }
    } finally {
      conn.disconnect();
    }
    throw new Error(`Redis store key ${redisKey}: too much contention, gave up after ${attempts} attempts`);
  }

  /** Closes the connection when the store opened it. */
  async close(): Promise<void> {
    if (this.#own) await this.#redis.quit().catch(() => {});
  }
}

/** `HRFLOW_CONNECTORS_STORE=redis` with `HRFLOW_CONNECTORS_REDIS_URL`. */
export function redisStoreFromEnv(env: NodeJS.ProcessEnv = process.env): RedisStore {
  return new RedisStore(redisUrlFromEnv(env));
}

/**
 * The store kinds this package adds to core's `storeFromEnv(env, storeKinds)`:
 * `HRFLOW_CONNECTORS_STORE=redis` builds a `RedisStore` from `HRFLOW_CONNECTORS_REDIS_URL`.
 */
export const storeKinds: Readonly<Record<string, StoreFactory>> = { redis: redisStoreFromEnv };
