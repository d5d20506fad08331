import type { TestProject } from "vitest/node";
import { ensureChromium } from "../../../scripts/chromium.mjs";
import { startRedis } from "../../../scripts/redis.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    /** Debian's chromium for the dashboard test, or why it is missing. */
    chromium: { path?: string; missing?: string };
  }
}

/**
 * One real Redis for the project's tests: found, or installed with apt when missing and root, by
 * scripts/redis.mjs. Tests fail (never skip) when it cannot be had: the message says what to do.
 */
export default async function setup(project: TestProject) {
  const redis = await startRedis({ log: (line) => process.stderr.write(`${line}\n`) });
  project.provide("redisUrl", redis.url);
  // Installed here (no test timeout runs during setup), like Redis; only the browser test needs it.
  project.provide("chromium", ensureChromium({ log: (line) => process.stderr.write(`${line}\n`) }));
  return () => redis.stop();
}
