import type { Logger } from "@hrflow-connectors/core";
import type { Redis } from "ioredis";
import { redisClient, safeRedisUrl } from "./connection.js";

/** What a Redis says about keeping the data it acknowledged. */
export interface RedisDurability {
  /** Append-only file on: every acknowledged write is replayed after a restart. */
  aof: boolean;
  /** RDB snapshots configured (`save` not empty); "unknown" when only INFO could be read. */
  rdb: boolean | "unknown";
  maxmemoryPolicy: string;
  /** Where the answer came from: CONFIG GET, or INFO when the ACL (or a managed service) forbids CONFIG. */
  source: "config" | "info";
}

/** Raised when a worker or intake is started on a Redis that can lose data. */
export class VolatileRedisError extends Error {
  override name = "VolatileRedisError";
}

/** The flag that lets a process run on such a Redis anyway, printed in every message. */
export const ALLOW_VOLATILE_FLAG = "--allow-volatile-redis";

async function configValue(redis: Redis, name: string): Promise<string> {
  const pair = (await redis.call("CONFIG", "GET", name)) as string[];
  return pair[1] ?? "";
}

function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, "m").exec(info)?.[1]?.trim();
}

/** Reads persistence and eviction settings: CONFIG GET, else INFO (CONFIG is often disabled by ACL). */
export async function inspectRedisDurability(redis: Redis): Promise<RedisDurability> {
  try {
    const [appendonly, save, policy] = await Promise.all([
      configValue(redis, "appendonly"),
      configValue(redis, "save"),
      configValue(redis, "maxmemory-policy"),
    ]);
    return { aof: appendonly === "yes", rdb: save.trim() !== "", maxmemoryPolicy: policy, source: "config" };
  } catch {
    const persistence = await redis.info("persistence");
    const memory = await redis.info("memory");
    return {
      aof: infoField(persistence, "aof_enabled") === "1",
      rdb: "unknown",
      maxmemoryPolicy: infoField(memory, "maxmemory_policy") ?? "unknown",
      source: "info",
    };
  }
}

/** Each way this Redis can lose queued runs, accepted webhooks, locks or state; empty when none. */
export function durabilityRisks(d: RedisDurability): string[] {
  const risks: string[] = [];
  if (!d.aof) {
    if (d.rdb === true) {
      risks.push(
        "persistence is RDB snapshots only (appendonly no): a crash loses every write since the last snapshot",
      );
    } else if (d.rdb === false) {
      risks.push(
        'persistence is off (appendonly no, save ""): a restart loses every queued run and accepted webhook',
      );
    } else {
      risks.push(
        "the append-only file is off (INFO persistence: aof_enabled:0): a crash loses recent writes",
      );
    }
  }
  if (d.maxmemoryPolicy !== "noeviction") {
    risks.push(
      `maxmemory-policy is ${d.maxmemoryPolicy}: when memory runs short Redis deletes keys (queued runs, locks, state)`,
    );
  }
  return risks;
}

/** How a process reacts to a Redis that can lose data. */
export interface RedisGuardOptions {
  /** Run anyway; the risk is logged as a warning on every start. */
  allowVolatile?: boolean;
  logger?: Logger;
  /** Who is starting, for the message ("worker", "intake"). */
  who: string;
  /** The URL shown in messages (its password is masked). */
  url?: string;
}

/**
 * Refuses to go on with a Redis that can lose data (no AOF, or keys evicted under memory pressure):
 * BullMQ, the workflow locks and the state store all assume that what Redis acknowledged stays.
 * With `allowVolatile` the risk is logged instead, every time.
 */
export async function guardRedis(redis: Redis, options: RedisGuardOptions): Promise<RedisDurability> {
  const durability = await inspectRedisDurability(redis);
  const risks = durabilityRisks(durability);
  if (risks.length === 0) return durability;
  const where = options.url ? ` on ${safeRedisUrl(options.url)}` : "";
  const list = risks.map((r) => `  - ${r}`).join("\n");
  if (!options.allowVolatile) {
    throw new VolatileRedisError(
      `Refusing to start the ${options.who}${where}: this Redis can lose data.\n${list}\n` +
        "Configure it with appendonly yes, appendfsync everysec and maxmemory-policy noeviction " +
        "(CONFIG SET appendonly yes; CONFIG SET maxmemory-policy noeviction; CONFIG REWRITE), " +
        `or pass ${ALLOW_VOLATILE_FLAG} to run knowing that accepted work can be lost.`,
    );
  }
  options.logger?.warn(
    `RISK: the ${options.who} runs${where} on a Redis that can lose data (${ALLOW_VOLATILE_FLAG}):\n${list}`,
    { redis_risks: risks },
  );
  return durability;
}

/** `guardRedis` on a short-lived connection to `url`. */
export async function guardRedisUrl(url: string, options: RedisGuardOptions): Promise<RedisDurability> {
  const redis = redisClient(url);
  try {
    return await guardRedis(redis, { ...options, url });
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
