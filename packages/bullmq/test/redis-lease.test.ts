import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { RedisStore, redisClient, WorkflowLock } from "../src/index.js";

// Its own database: the cluster tests flush theirs.
const url = `${inject("redisUrl")}/4`;
const redis = redisClient(url);
afterAll(() => redis.quit());

describe("RedisStore leases (core's Lease contract)", () => {
  it("one holder per key across stores sharing Redis, named to the others, until released", async () => {
    const key = `wf-${randomBytes(4).toString("hex")}`;
    const a = new RedisStore(redis);
    const b = new RedisStore(url);
    try {
      const first = await a.acquire(key, { ttlMs: 30_000 });
      if (!first.acquired) throw new Error("expected the lease");
      const refused = await b.acquire(key, { ttlMs: 30_000 });
      expect(refused.acquired).toBe(false);
      expect(!refused.acquired && refused.holder?.owner).toBe(first.lease.owner);
      expect(!refused.acquired && Date.parse(refused.holder?.expires_at ?? "")).toBeGreaterThan(Date.now());
      expect(await first.lease.renew()).toBe(true);
      await first.lease.release();
      const second = await b.acquire(key, { ttlMs: 30_000 });
      expect(second.acquired).toBe(true);
      expect(await first.lease.renew()).toBe(false);
      if (second.acquired) await second.lease.release();
    } finally {
      await b.close();
    }
  });

  it("is taken over at once when the workers' lock it was taken under passed to another worker", async () => {
    const key = `wf-${randomBytes(4).toString("hex")}`;
    const store = new RedisStore(redis);
    // Worker 1's run holds the lease; worker 1 dies, its lock expires and worker 2 takes it.
    const lock1 = new WorkflowLock(redis, key, "worker-1:job-1", 30_000);
    expect(await lock1.acquire()).toBe(true);
    const first = await store.acquire(key, { ttlMs: 30_000 });
    expect(first.acquired).toBe(true);
    expect((await store.acquire(key, { ttlMs: 30_000 })).acquired).toBe(false);
    await redis.del(lock1.key);
    const lock2 = new WorkflowLock(redis, key, "worker-2:job-1", 30_000);
    expect(await lock2.acquire()).toBe(true);
    const second = await store.acquire(key, { ttlMs: 30_000 });
    expect(second.acquired).toBe(true);
    if (first.acquired) expect(await first.lease.renew()).toBe(false);
    if (second.acquired) await second.lease.release();
    await lock2.release();
  });

  it("a lease taken outside any worker (a CLI run) is respected by a worker's run", async () => {
    const key = `wf-${randomBytes(4).toString("hex")}`;
    const store = new RedisStore(redis);
    const cli = await store.acquire(key, { ttlMs: 30_000 });
    expect(cli.acquired).toBe(true);
    const lock = new WorkflowLock(redis, key, "worker-1:job-1", 30_000);
    expect(await lock.acquire()).toBe(true);
    expect((await store.acquire(key, { ttlMs: 30_000 })).acquired).toBe(false);
    if (cli.acquired) await cli.lease.release();
    await lock.release();
  });

  it("is apart from the workers' scheduling lock, and taken over once expired", async () => {
    const key = `wf-${randomBytes(4).toString("hex")}`;
    const store = new RedisStore(redis);
    // A worker holds its lock around the run that then takes the store's lease of the same workflow.
    const lock = new WorkflowLock(redis, key, "worker-1:job-1", 30_000);
    expect(await lock.acquire()).toBe(true);
    const short = await store.acquire(key, { ttlMs: 150 });
    expect(short.acquired).toBe(true);
    await expect
      .poll(async () => (await store.acquire(key, { ttlMs: 30_000 })).acquired, { interval: 50 })
      .toBe(true);
    await lock.release();
  });
});
