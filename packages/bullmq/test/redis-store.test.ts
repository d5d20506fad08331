import { randomBytes } from "node:crypto";
import { MemoryStore, storeFromEnv } from "@hrflow-connectors/core/store";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  EncryptedStore,
  RedisDeadLetter,
  RedisStore,
  RunQueues,
  readRedisDeadLetters,
  redisClient,
  storeKinds,
  WorkflowLock,
} from "../src/index.js";

// Its own database: the cluster tests flush theirs.
const url = `${inject("redisUrl")}/3`;
const redis = redisClient(url);
afterAll(() => redis.quit());

describe("RedisStore", () => {
  it("keeps the file store's contract: null when never saved, the saved JSON back, replaced on save", async () => {
    const store = new RedisStore(redis, { prefix: `t-${Date.now()}:` });
    expect(await store.load("wf")).toBeNull();
    await store.save("wf", { incremental_token: "2024-01-01", checkpoint: true });
    expect(await store.load("wf")).toEqual({ incremental_token: "2024-01-01", checkpoint: true });
    await store.save("wf", { incremental_token: "2024-02-01" });
    expect(await store.load("wf")).toEqual({ incremental_token: "2024-02-01" });
  });

  it("applies concurrent updates atomically: no increment is lost", async () => {
    const store = new RedisStore(redis, { prefix: `t-${Date.now()}-u:` });
    await Promise.all(
      Array.from({ length: 25 }, () =>
        store.update<{ n: number }>("counter", (c) => ({ n: (c?.n ?? 0) + 1 })),
      ),
    );
    expect(await store.load("counter")).toEqual({ n: 25 });
  });

  it("is what storeFromEnv builds for HRFLOW_CONNECTORS_STORE=redis, and names the missing URL", async () => {
    const store = storeFromEnv(
      { HRFLOW_CONNECTORS_STORE: "redis", HRFLOW_CONNECTORS_REDIS_URL: url },
      storeKinds,
    );
    expect(store).toBeInstanceOf(RedisStore);
    await (store as RedisStore).close();
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_STORE: "redis" }, storeKinds)).toThrow(
      /HRFLOW_CONNECTORS_REDIS_URL/,
    );
  });
});

describe("EncryptedStore", () => {
  it("stores only ciphertext, reads the value back, and refuses another key or a moved value", async () => {
    const inner = new MemoryStore();
    const key = randomBytes(32);
    const store = new EncryptedStore(inner, key);
    await store.save("lever:tokens", { refresh_token: "rt-secret-value" });
    expect(JSON.stringify(await inner.load("lever:tokens"))).not.toContain("rt-secret-value");
    expect(await store.load("lever:tokens")).toEqual({ refresh_token: "rt-secret-value" });
    await expect(new EncryptedStore(inner, randomBytes(32)).load("lever:tokens")).rejects.toThrow(
      /cannot be decrypted/,
    );
    await inner.save("other", await inner.load("lever:tokens"));
    await expect(store.load("other")).rejects.toThrow(/cannot be decrypted/);
  });
});

describe("WorkflowLock", () => {
  it("admits one owner; a lapsed lease frees it; release by a stale owner does nothing", async () => {
    const wf = `lock-${Date.now()}`;
    const a = new WorkflowLock(redis, wf, "a", 300);
    const b = new WorkflowLock(redis, wf, "b", 300);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(await b.acquire()).toBe(true);
    await a.release();
    expect(await redis.get(b.key)).toBe("b");
    await b.release();
    expect(await redis.get(b.key)).toBeNull();
  });

  it("keeps a renewed lease past its length, and reports a lost lock", async () => {
    const wf = `renew-${Date.now()}`;
    const a = new WorkflowLock(redis, wf, "a", 300);
    expect(await a.acquire()).toBe(true);
    let lost = "";
    a.keepAlive((why) => {
      lost = why;
    });
    await new Promise((r) => setTimeout(r, 700));
    expect(await new WorkflowLock(redis, wf, "b", 300).acquire()).toBe(false);
    await redis.set(a.key, "someone-else");
    await new Promise((r) => setTimeout(r, 300));
    expect(lost).toMatch(/lost/);
    await a.release();
  });
});

describe("RedisDeadLetter", () => {
  it("appends entries to the shared stream, and reads a workflow's back", async () => {
    const stream = `dl-${Date.now()}`;
    const sink = new RedisDeadLetter(redis, stream);
    const entry = (workflow_id: string, n: number) => ({
      run_id: "r1",
      workflow_id,
      connector: "Workable",
      action_name: "create_jobs_in_hrflow",
      mode: "create",
      stage: "write" as const,
      error: "HTTP 500",
      item: { reference: `job-${n}` },
      at: new Date().toISOString(),
    });
    sink.put(entry("wf-a", 1));
    sink.put(entry("wf-b", 2));
    sink.put(entry("wf-a", 3));
    await sink.close();
    expect(sink.count).toBe(3);
    const back = [];
    for await (const e of readRedisDeadLetters(redis, { workflowId: "wf-a" }, stream)) back.push(e.item);
    expect(back).toEqual([{ reference: "job-1" }, { reference: "job-3" }]);
  });
});

describe("RunQueues.enqueue", () => {
  it("coalesces a pull of a workflow already queued, but keeps every webhook event", async () => {
    const queues = new RunQueues(url);
    const q = queues.queue("coalesce-test");
    await q.obliterate({ force: true });
    const pull = {
      connector: "coalesce-test",
      action: "create_jobs_in_hrflow",
      workflow_id: "wf-pull",
      trigger: "pull" as const,
      config: {},
    };
    const first = await queues.enqueue(pull);
    const second = await queues.enqueue(pull);
    expect(second).toBe(first);
    await queues.enqueue({ ...pull, trigger: "catch", event: { n: 1 } });
    await queues.enqueue({ ...pull, trigger: "catch", event: { n: 2 } });
    const waiting = await q.getJobs(["waiting"]);
    expect(waiting.map((j) => JSON.stringify([j.data.trigger, j.data.event ?? null])).sort()).toEqual([
      '["catch",{"n":1}]',
      '["catch",{"n":2}]',
      '["pull",null]',
    ]);
    await q.obliterate({ force: true });
    await queues.close();
  });
});
