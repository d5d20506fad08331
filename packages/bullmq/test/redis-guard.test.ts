import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger } from "@hrflow-connectors/core";
import { memorySink } from "@hrflow-connectors/core/logging";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningRedis, startRedis } from "../../../scripts/redis.mjs";
import {
  guardRedis,
  inspectRedisDurability,
  redisClient,
  startIntake,
  startWorker,
  VolatileRedisError,
} from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { jobsConfig, ref, TEST_SECRETS } from "./helpers.js";

const BIN = fileURLToPath(new URL("../../cli/src/bin.ts", import.meta.url));
const durableUrl = `${inject("redisUrl")}/7`;
// A Redis as many are installed: no AOF, keys evicted under memory pressure.
let volatile: RunningRedis;
let dir: string;
let serveConfig: string;

beforeAll(async () => {
  volatile = await startRedis({ volatile: true });
  dir = mkdtempSync(join(tmpdir(), "hrflow-guard-test-"));
  serveConfig = join(dir, "serve.json");
  writeFileSync(
    serveConfig,
    JSON.stringify({
      actions: [
        {
          connector: "workable",
          action: "create_profiles_in_hrflow",
          webhook_secret: ref("WEBHOOK_SECRET"),
          ...jobsConfig("guard", "unused", "acme"),
          push_parameters: { source_key: "src" },
        },
      ],
    }),
  );
}, 60_000);
afterAll(async () => {
  await volatile?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const workerOn = (redisUrl: string, allowVolatileRedis: boolean, logs = memorySink()) =>
  startWorker({
    redisUrl,
    connectors: ["workable"],
    resolveConnector: resolveWorkable,
    trust: { secrets: TEST_SECRETS, allowBaseUrls: [] },
    allowVolatileRedis,
    logger: createLogger({ sink: logs }),
  });

describe("a Redis that can lose data", () => {
  it("is refused by the worker and the intake, naming each risk and the fix", async () => {
    const err = await workerOn(volatile.url, false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VolatileRedisError);
    const message = (err as Error).message;
    expect(message).toContain("Refusing to start the worker on redis://127.0.0.1");
    expect(message).toContain('persistence is off (appendonly no, save "")');
    expect(message).toContain("maxmemory-policy is allkeys-lru");
    expect(message).toContain("--allow-volatile-redis");

    const intakeErr = await startIntake({
      redisUrl: volatile.url,
      configFile: serveConfig,
      port: 0,
      resolveConnector: resolveWorkable,
      logger: createLogger({ sink: memorySink() }),
      env: { WEBHOOK_SECRET: "s" },
    }).catch((e: unknown) => e);
    expect(intakeErr).toBeInstanceOf(VolatileRedisError);
    expect((intakeErr as Error).message).toContain("Refusing to start the intake");
  });

  it("runs with --allow-volatile-redis, saying the risk at start", async () => {
    const logs = memorySink();
    const worker = await workerOn(volatile.url, true, logs);
    await worker.stop();
    const warning = logs.records.find((r) => r.level === "warn");
    expect(warning?.message).toContain("RISK: the worker runs on redis://127.0.0.1");
    expect(warning?.message).toContain("persistence is off");
  });

  it("is refused by the CLI's worker with a clear message and a failing exit code", () => {
    const res = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=@hrflow-connectors/source",
        BIN,
        "worker",
        "--redis",
        volatile.url,
        "--connectors",
        "workable",
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain("this Redis can lose data");
    expect(res.stderr).toContain("appendonly yes");
  }, 60_000);

  it("is recognised from INFO when CONFIG is forbidden by the ACL", async () => {
    const admin = redisClient(volatile.url);
    await admin.call("ACL", "SETUSER", "guarded", "on", ">pw", "~*", "&*", "+@all", "-config");
    const guarded = redisClient(volatile.url.replace("redis://", "redis://guarded:pw@"));
    try {
      await expect(guarded.call("CONFIG", "GET", "appendonly")).rejects.toThrow(/NOPERM/);
      expect(await inspectRedisDurability(guarded)).toEqual({
        aof: false,
        rdb: "unknown",
        maxmemoryPolicy: "allkeys-lru",
        source: "info",
      });
      await expect(guardRedis(guarded, { who: "worker" })).rejects.toThrow(/aof_enabled:0/);
    } finally {
      await guarded.quit();
      await admin.call("ACL", "DELUSER", "guarded");
      await admin.quit();
    }
  });
});

describe("the project's own Redis (scripts/redis.mjs)", () => {
  it("keeps what it acknowledged: AOF on and noeviction, so workers start on it", async () => {
    const redis = redisClient(durableUrl);
    try {
      expect(await inspectRedisDurability(redis)).toEqual({
        aof: true,
        rdb: false,
        maxmemoryPolicy: "noeviction",
        source: "config",
      });
    } finally {
      await redis.quit();
    }
    const worker = await workerOn(durableUrl, false);
    await worker.stop();
  });
});
