import { Redis, type RedisOptions } from "ioredis";

/** Prefix of every key this package writes besides BullMQ's own (`bull:` keys). */
export const KEY_PREFIX = "hrflow-connectors";

/**
 * An ioredis client for a redis:// or rediss:// URL. `maxRetriesPerRequest: null` is what BullMQ
 * requires for blocking connections and keeps a command waiting through a short Redis restart
 * instead of failing the run.
 */
export function redisClient(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

/** The URL without its password, for logs and `location` fields. */
export function safeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/$/, "");
  } catch {
    return "redis://(invalid url)";
  }
}

/** Raised for a missing or invalid Redis setting; the message names the variable or flag. */
export class RedisConfigError extends Error {
  override name = "RedisConfigError";
}

/** The Redis URL from `HRFLOW_CONNECTORS_REDIS_URL`, or a clear error naming it. */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.HRFLOW_CONNECTORS_REDIS_URL?.trim();
  if (!url) {
    throw new RedisConfigError(
      "HRFLOW_CONNECTORS_STORE=redis needs HRFLOW_CONNECTORS_REDIS_URL (e.g. redis://127.0.0.1:6379)",
    );
  }
  if (!/^rediss?:\/\//.test(url)) {
    throw new RedisConfigError(`HRFLOW_CONNECTORS_REDIS_URL must start with redis:// or rediss://`);
  }
  return url;
}
