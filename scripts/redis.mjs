#!/usr/bin/env node
// A real Redis for tests, demos and benchmarks, started by the project itself:
//   node scripts/redis.mjs ensure   finds redis-server (installs Debian's package when missing and root)
//   node scripts/redis.mjs start    starts it on a free loopback port, prints the URL, stops on SIGINT/SIGTERM
// Nothing is written into the repository: the server runs in a temporary directory with persistence off.
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const CANDIDATES = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];

/** Raised when no redis-server can be found or installed; the message says what to do. */
export class RedisUnavailableError extends Error {
  name = "RedisUnavailableError";
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of redis-server: $REDIS_SERVER, then the PATH, then the usual Debian places; null when absent. */
export function findRedisServer(env = process.env) {
  if (env.REDIS_SERVER && executable(env.REDIS_SERVER)) return env.REDIS_SERVER;
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const file of [...dirs.map((d) => join(d, "redis-server")), ...CANDIDATES]) {
    if (executable(file)) return file;
  }
  return null;
}

/** Whether this process may install system packages (root on a Debian-like system with apt-get). */
function canInstall() {
  return typeof process.getuid === "function" && process.getuid() === 0 && executable("/usr/bin/apt-get");
}

/**
 * Returns redis-server's path, installing Debian's `redis-server` package when it is missing and
 * the user is root. Throws RedisUnavailableError with a clear instruction otherwise.
 */
export function ensureRedisServer({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const found = findRedisServer();
  if (found) return found;
  if (!canInstall()) {
    throw new RedisUnavailableError(
      "redis-server was not found. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; " +
        "macOS: brew install redis) or set REDIS_SERVER to its path, then run again.",
    );
  }
  log("redis-server not found: installing Debian's redis-server package (apt-get)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "redis-server"]]) {
    const res = spawnSync("apt-get", args, { env, encoding: "utf8" });
    if (res.status !== 0) {
      throw new RedisUnavailableError(
        `apt-get ${args.join(" ")} failed (exit ${res.status}): ${(res.stderr || res.stdout || "").trim().slice(-500)}`,
      );
    }
  }
  const installed = findRedisServer();
  if (!installed) throw new RedisUnavailableError("apt-get installed redis-server but it is not on the PATH");
  return installed;
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers PING on the port. */
async function waitForPing(port, child, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new RedisUnavailableError(`redis-server exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.setTimeout(1000);
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (d) => {
        socket.destroy();
        resolve(d.toString().startsWith("+PONG"));
      });
      socket.once("error", () => resolve(false));
      socket.once("timeout", () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new RedisUnavailableError(`redis-server did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts redis-server on a free loopback port in a temporary directory, without persistence.
 * Returns { url, port, stop() }; stop() shuts it down and removes the directory.
 */
export async function startRedis({ port, log } = {}) {
  const bin = ensureRedisServer(log ? { log } : {});
  const dir = await mkdtemp(join(tmpdir(), "hrflow-connectors-redis-"));
  for (let attempt = 0; ; attempt++) {
    const chosen = port ?? (await freePort());
    const child = spawn(
      bin,
      [
        "--port",
        String(chosen),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "no",
        "--protected-mode",
        "yes",
        "--daemonize",
        "no",
        "--loglevel",
        "warning",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    try {
      await waitForPing(chosen, child);
    } catch (err) {
      child.kill("SIGKILL");
      // Another process may have taken the port between the probe and the start: try another one.
      if (port === undefined && attempt < 3) continue;
      await rm(dir, { recursive: true, force: true });
      throw new RedisUnavailableError(`${err.message}${stderr ? `: ${stderr.trim()}` : ""}`);
    }
    const exited = new Promise((resolve) => child.once("exit", resolve));
    return {
      url: `redis://127.0.0.1:${chosen}`,
      port: chosen,
      pid: child.pid,
      async stop() {
        if (child.exitCode === null) {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? "start";
  try {
    if (command === "ensure") {
      console.log(ensureRedisServer());
    } else if (command === "start") {
      const redis = await startRedis();
      console.log(redis.url);
      const stop = () => redis.stop().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    } else {
      console.error("Usage: node scripts/redis.mjs [ensure|start]");
      process.exit(2);
    }
  } catch (err) {
    console.error(err instanceof RedisUnavailableError ? err.message : err);
    process.exit(1);
  }
}
