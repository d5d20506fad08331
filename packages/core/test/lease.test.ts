import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../src/index.js";
import { EncryptedStore, FileStore, type LeaseAttempt, MemoryStore } from "../src/store/index.js";

const TTL = { ttlMs: 30_000 };

/** The pid of a process that has ended (and was reaped), for a lease left by a dead holder. */
function deadPid(): number {
  const res = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(res.stdout);
}

function held(a: LeaseAttempt) {
  if (!a.acquired) throw new Error(`expected the lease, got ${JSON.stringify(a.holder)}`);
  return a.lease;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lease-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe.each([
  ["file", () => new FileStore(dir)],
  ["memory", () => new MemoryStore()],
  ["encrypted file", () => new EncryptedStore(new FileStore(dir), Buffer.alloc(32, 7))],
] as const)("%s store leases", (_name, make) => {
  it("gives a key to one holder at a time, naming it to the others, until released", async () => {
    const store: Store = make();
    // Another handle on the same store location, as a second process would have.
    const other: Store = _name === "memory" ? store : make();
    const first = held(await store.acquire!("wf", TTL));
    const refused = await other.acquire!("wf", TTL);
    expect(refused.acquired).toBe(false);
    expect(!refused.acquired && refused.holder?.owner).toBe(`pid ${process.pid} on ${hostname()}`);
    expect((await other.acquire!("another-wf", TTL)).acquired).toBe(true);
    expect(await first.renew()).toBe(true);
    await first.release();
    const second = held(await other.acquire!("wf", TTL));
    // A released lease renews no more, and releasing it again frees nobody else's.
    expect(await first.renew()).toBe(false);
    await first.release();
    expect((await store.acquire!("wf", TTL)).acquired).toBe(false);
    await second.release();
  });

  it("takes over a lease whose time is up", async () => {
    const store: Store = make();
    const old = held(await store.acquire!("wf", { ttlMs: 100 }));
    await expect.poll(async () => (await store.acquire!("wf", TTL)).acquired, { interval: 50 }).toBe(true);
    expect(await old.renew()).toBe(false);
  });
});

describe("file store leases across processes", () => {
  it("takes over a lease left by a dead process of this host at once", async () => {
    const store = new FileStore(dir);
    const pid = deadPid();
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    await writeFile(
      join(dir, "wf.lease"),
      JSON.stringify({
        token: "t",
        owner: `pid ${pid} on ${hostname()}`,
        pid,
        host: hostname(),
        expires_at: expires,
      }),
    );
    const lease = held(await store.acquire("wf", TTL));
    expect(JSON.parse(await readFile(join(dir, "wf.lease"), "utf8")).pid).toBe(process.pid);
    await lease.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes over a lease of this pid left by an earlier process (a restarted container)", async () => {
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const pid = process.pid;
    const started = Date.now() - process.uptime() * 1000 - 60_000;
    const lease = { token: "t", owner: "earlier", pid, host: hostname(), started, expires_at: expires };
    await writeFile(join(dir, "wf.lease"), JSON.stringify(lease));
    expect((await new FileStore(dir).acquire("wf", TTL)).acquired).toBe(true);
  });

  it("leaves a live lease of another host alone until it expires", async () => {
    const store = new FileStore(dir);
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    await writeFile(
      join(dir, "wf.lease"),
      JSON.stringify({
        token: "t",
        owner: "pid 1 on elsewhere",
        pid: 1,
        host: "elsewhere",
        expires_at: expires,
      }),
    );
    const attempt = await store.acquire("wf", TTL);
    expect(attempt).toEqual({
      acquired: false,
      holder: { owner: "pid 1 on elsewhere", expires_at: expires },
    });
  });

  it("gives the key to exactly one of several processes racing for it", { timeout: 60_000 }, async () => {
    const url = new URL("../src/store/file-store.ts", import.meta.url).href;
    const tsx = new URL("../../../node_modules/tsx/dist/esm/index.mjs", import.meta.url).href;
    const script = `const { FileStore } = await import(${JSON.stringify(url)});
      const a = await new FileStore(${JSON.stringify(dir)}).acquire("race", { ttlMs: 30000 });
      process.stdout.write(a.acquired ? "won" : "lost");
      await new Promise((r) => setTimeout(r, 1500));`;
    const racers = Array.from(
      { length: 6 },
      () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ["--import", tsx, "--input-type=module", "-e", script], {
            stdio: ["ignore", "pipe", "inherit"],
          });
          let out = "";
          child.stdout.on("data", (d) => {
            out += d;
          });
          child.on("error", reject);
          child.on("close", () => resolve(out));
        }),
    );
    const outcomes = await Promise.all(racers);
    expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "lost")).toHaveLength(5);
  });
});
