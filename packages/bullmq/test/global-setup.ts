import type { TestProject } from "vitest/node";
import { startRedis } from "../../../scripts/redis.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * One real Redis for the project's tests: found, or installed with apt when missing and root, by
 * scripts/redis.mjs. Tests fail (never skip) when it cannot be had: the message says what to do.
 */
export default async function setup(project: TestProject) {
  const redis = await startRedis({ log: (line) => process.stderr.write(`${line}\n`) });
  project.provide("redisUrl", redis.url);
  return () => redis.stop();
}
