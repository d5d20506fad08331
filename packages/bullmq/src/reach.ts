import { UsageError } from "@hrflow-connectors/cli";
import { Redis } from "ioredis";
import { safeRedisUrl } from "./connection.js";

/** How long a command waits for Redis before it says it cannot reach it. */
export const REACH_TIMEOUT_MS = 3_000;

/**
 * Connects once, without retries, and pings: a command then fails within seconds with one clear
 * line when Redis is down, instead of BullMQ's clients retrying (and printing) every second forever.
 */
export async function assertRedisReachable(url: string, timeoutMs = REACH_TIMEOUT_MS): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The error is reported once below; ioredis would otherwise print it as an unhandled event.
  let cause = "";
  probe.on("error", (err: Error) => {
    cause ||= err.message;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    const why = cause || (err instanceof Error ? err.message : String(err));
    throw new UsageError(
      `Cannot reach Redis at ${safeRedisUrl(url)} (${why}). Start it (see the quick start in ` +
        "@hrflow-connectors/bullmq's README) or fix --redis / HRFLOW_CONNECTORS_REDIS_URL.",
    );
  } finally {
    probe.disconnect();
  }
}
