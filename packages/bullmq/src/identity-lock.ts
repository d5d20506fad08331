import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "@hrflow-connectors/core";
import type { IdentityLease, IdentityLocks } from "@hrflow-connectors/core/engine";
import { sleep } from "@hrflow-connectors/core/http";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./connection.js";

// All or nothing: a batch holds every key of its identities or none, so no worker ever sits on
// some keys while waiting for others (no deadlock, whatever the order). Returns the 1-based index
// of the first key already held by someone else, 0 when every key was taken.
const TAKE = `for i, key in ipairs(KEYS) do
  if not redis.call('SET', key, ARGV[1], 'PX', ARGV[2], 'NX') then
    for j = 1, i - 1 do redis.call('DEL', KEYS[j]) end
    return i
  end
end
return 0`;
// Renews the keys still held with this token; returns how many were no longer ours.
const RENEW = `local lost = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('PEXPIRE', key, ARGV[2]) else lost = lost + 1 end
end
return lost`;
// Frees only the keys this token holds: a lease that expired and was taken since is left alone.
const RELEASE = `for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0`;

export interface RedisIdentityLocksOptions {
  /** How long a key lives unless renewed (default 30 s): a crashed worker blocks its items no longer. */
  leaseMs?: number;
  /** The longest wait for keys held elsewhere before the batch fails (default 5 minutes). */
  maxWaitMs?: number;
  /** Pause between attempts while keys are held elsewhere, jittered (default 50 ms). */
  retryMs?: number;
  logger?: Logger;
}

/**
 * Identity locks shared by every worker on one Redis: writes of one item identity (an HrFlow
 * source + reference) never run at once across workflows and workers, so the look-up-then-insert
 * of a create cannot race. Each identity is a short key (`SET NX PX` with a random token), renewed
 * while the batch writes and freed by a token-checked script, as a single-instance Redlock does.
 * Keys are digests of the identities: no email or reference is stored in Redis.
 */
export class RedisIdentityLocks implements IdentityLocks {
  readonly #leaseMs: number;
  readonly #maxWaitMs: number;
  readonly #retryMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisIdentityLocksOptions = {},
  ) {
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#maxWaitMs = options.maxWaitMs ?? 300_000;
    this.#retryMs = options.retryMs ?? 50;
  }

  /** The Redis key of an identity. */
  static keyOf(identity: string): string {
    return `${KEY_PREFIX}:identity:${createHash("sha256").update(identity).digest("hex").slice(0, 40)}`;
  }

  async acquire(identities: readonly string[], signal?: AbortSignal): Promise<IdentityLease> {
    const keys = [...new Set(identities.map(RedisIdentityLocks.keyOf))].sort();
    const token = randomUUID();
    const started = Date.now();
    for (;;) {
      signal?.throwIfAborted();
      const taken = Number(await this.redis.eval(TAKE, keys.length, ...keys, token, this.#leaseMs));
      if (taken === 0) break;
      if (Date.now() - started > this.#maxWaitMs) {
        throw new Error(
          `an item identity stayed locked by another run for ${Math.round(this.#maxWaitMs / 1000)} s (Redis key ${keys[taken - 1]}); the batch was not written`,
        );
      }
      await sleep(this.#retryMs / 2 + Math.random() * this.#retryMs, signal);
    }
    return this.#lease(keys, token);
  }

  /** Keeps the keys alive every third of the lease until released. */
  #lease(keys: string[], token: string): IdentityLease {
    let timer: NodeJS.Timeout | null = null;
    const renew = async () => {
      try {
        const lost = Number(await this.redis.eval(RENEW, keys.length, ...keys, token, this.#leaseMs));
        if (lost > 0) {
          this.options.logger?.warn(
            `${lost} identity lock(s) expired while their batch was being written; another run may write those items at once`,
          );
        }
      } catch (err) {
        this.options.logger?.warn(`Could not renew identity locks: ${(err as Error).message}`);
      }
      if (timer) schedule();
    };
    // Unref'd: a lease never keeps a process alive on its own.
    const schedule = () => {
      timer = setTimeout(renew, Math.max(50, Math.floor(this.#leaseMs / 3)));
      timer.unref();
    };
    schedule();
    return {
      release: async () => {
        if (timer) clearTimeout(timer);
        timer = null;
        // A release that fails leaves keys that expire with their lease: never worth failing a run.
        await this.redis.eval(RELEASE, keys.length, ...keys, token).catch((err: Error) => {
          this.options.logger?.warn(
            `Could not release identity locks (they expire on their own): ${err.message}`,
          );
        });
      },
    };
  }
}
