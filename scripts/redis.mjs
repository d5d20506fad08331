#!/usr/bin/env node
// A real Redis for tests, demos and benchmarks, started by the project itself:
//   node scripts/redis.mjs ensure   finds redis-server (installs Debian's package when missing and root)
//   node scripts/redis.mjs start    starts it on a free loopback port, prints the URL, stops on SIGINT/SIGTERM
// Nothing is written into the repository: the server runs in a temporary directory. It is configured
// as production must be (AOF with fsync every second, no eviction), so the workers' and intake's
// durability check passes and a restart of it (`restart()`) keeps what was acknowledged.
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

/** redis-server's arguments: production-like durability unless `volatile` (for tests of the refusal). */
function serverArgs(port, dir, volatile) {
  const durability = volatile
    ? ["--save", "", "--appendonly", "no", "--maxmemory-policy", "allkeys-lru"]
    : ["--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction"];
  return [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    ...durability,
    "--protected-mode",
    "yes",
    "--daemonize",
    "no",
    "--loglevel",
    "warning",
  ];
}

/** Starts one redis-server process and waits for its PING; throws with its stderr when it fails. */
async function launch(bin, port, dir, volatile) {
  const child = spawn(bin, serverArgs(port, dir, volatile), { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await waitForPing(port, child);
  } catch (err) {
    child.kill("SIGKILL");
    await exited;
    throw new RedisUnavailableError(`${err.message}${stderr ? `: ${stderr.trim()}` : ""}`);
  }
  return { child, exited };
}

/**
 * Starts redis-server on a free loopback port in a temporary directory: AOF (fsync every second)
 * and `noeviction`, as a production Redis must be, or neither with `volatile: true`.
 * Returns { url, port, pid, kill(), restart(), stop() }: `kill` SIGKILLs the server (a crash),
 * `restart` starts it again on the same port and directory (the AOF is replayed), `stop` shuts it
 * down and removes the directory.
 */
export async function startRedis({ port, log, volatile = false } = {}) {
  const bin = ensureRedisServer(log ? { log } : {});
  const dir = await mkdtemp(join(tmpdir(), "hrflow-connectors-redis-"));
  let server;
  let chosen;
  for (let attempt = 0; ; attempt++) {
    chosen = port ?? (await freePort());
    try {
      server = await launch(bin, chosen, dir, volatile);
      break;
    } catch (err) {
      // Another process may have taken the port between the probe and the start: try another one.
      if (port === undefined && attempt < 3) continue;
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const halt = async (signal) => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill(signal);
      const timer = setTimeout(() => server.child.kill("SIGKILL"), 5000);
      await server.exited;
      clearTimeout(timer);
    }
  };
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    dir,
    get pid() {
      return server.child.pid;
    },
    async kill() {
      await halt("SIGKILL");
    },
    async restart() {
      await halt("SIGKILL");
      server = await launch(bin, chosen, dir, volatile);
    },
    async stop() {
      await halt("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
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
