import { randomUUID } from "node:crypto";
import { type LimiterFactory, RateLimiter, sleep } from "@hrflow-connectors/core/http";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./connection.js";

// Why not rate-limiter-flexible: its Redis limiter counts fixed windows opened by the first call,
// which are not the vendor's windows, so calls at the end of one window and the start of the next
// can reach twice the limit inside one vendor window. Why not BullMQ's limiter: it limits how many
// jobs a queue starts, not the HTTP calls a run makes, and it is per queue, not per credential.
// This is the sliding log core's in-process limiter keeps, moved into Redis: at most `requests`
// starts in any `perMs` (+ margin) interval, whatever process makes them, on Redis's clock.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < capacity then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now + 1
`;

const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1) end
return untilMs
`;

/** Observes the limiter, e.g. for metrics. */
export interface LimiterHooks {
  /** A call waited `ms` for the shared window. */
  onWait?: (key: string, ms: number) => void;
  /** The vendor announced its window spent (or answered 429): everyone pauses. */
  onPause?: (key: string, ms: number) => void;
  /** A Redis error; the call then proceeds only after the in-process limiter allows it. */
  onError?: (err: unknown) => void;
}

/**
 * The margin added to every window: absorbs the time between a decision and the request's arrival
 * on a busy machine (10% of the window, at most 250 ms: 2.5% of Workable's 10 s window).
 */
export function defaultMarginMs(perMs: number): number {
  return Math.min(250, Math.ceil(perMs * 0.1));
}

/**
 * A limiter shared by every process using the same Redis: same contract as core's RateLimiter
 * (take / pauseUntil), so the HTTP policy uses it unchanged once built by `redisLimiterFactory`.
 */
export class RedisRateLimiter extends RateLimiter {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #window: number;
  readonly #hooks: LimiterHooks;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    redis: Redis,
    key: string,
    requests: number,
    perMs: number,
    options: { marginMs?: number; hooks?: LimiterHooks } = {},
  ) {
    super(requests, perMs);
    this.#redis = redis;
    this.#key = `${KEY_PREFIX}:rate:${key}`;
    this.#window = perMs + (options.marginMs ?? defaultMarginMs(perMs));
    this.#hooks = options.hooks ?? {};
  }

  /** Waits until this call may start; calls of one process are served in arrival order. */
  override take(signal?: AbortSignal): Promise<void> {
    const next = this.#chain.then(async () => {
      let waited = 0;
      for (;;) {
        signal?.throwIfAborted();
        let wait: number;
        try {
          wait = Number(
            await this.#redis.eval(
              TAKE,
              2,
              this.#key,
              `${this.#key}:pause`,
              this.#window,
              this.capacity,
              randomUUID(),
            ),
          );
        } catch (err) {
          // Redis unreachable: fall back to this process's own window rather than stopping the run.
          this.#hooks.onError?.(err);
          return super.take(signal);
        }
        if (wait <= 0) {
          if (waited > 0) this.#hooks.onWait?.(this.#key, waited);
          return;
        }
        waited += wait;
        await sleep(wait, signal);
      }
    });
    this.#chain = next.catch(() => {});
    return next;
  }

  /** Pauses every process sharing the key until the given time. */
  override pauseUntil(epochMs: number): void {
    super.pauseUntil(epochMs);
    const ms = Math.max(1, Math.ceil(epochMs - Date.now()));
    this.#hooks.onPause?.(this.#key, ms);
    this.#redis.eval(PAUSE, 1, `${this.#key}:pause`, ms).catch((err: unknown) => this.#hooks.onError?.(err));
  }
}

/**
 * Builds limiters shared through Redis (per vendor and credential, as core keys them): give it to
 * the `HttpRuntime` the worker's runs share, so every process on this Redis keeps one window.
 */
export function redisLimiterFactory(
  redis: Redis,
  options: { marginMs?: number; hooks?: LimiterHooks } = {},
): LimiterFactory {
  return (key, requests, perMs) => new RedisRateLimiter(redis, key, requests, perMs, options);
}
