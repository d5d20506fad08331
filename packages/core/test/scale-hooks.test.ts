import { describe, expect, it } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { MemoryDeadLetter } from "../src/engine/dead-letter.js";
import { RateLimiter } from "../src/http/rate-limit.js";
import { HttpRuntime } from "../src/http/runtime.js";
import { storeFromEnv } from "../src/store/from-env.js";
import { MemoryStore } from "../src/store/store.js";
import { jobOptions, type Lead, leadsConnector, runtime, World } from "./fixtures.js";

// The hooks the scale-out package (@hrflow-connectors/bullmq) plugs into: a graceful stop, a
// limiter factory and store kinds passed in from outside core.
describe("RunOptions.stop", () => {
  it("ends the read at the next item but writes and checkpoints every item read", async () => {
    const world = new World().seed(20);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const stop = new AbortController();
    const store = new MemoryStore();
    const deadLetter = new MemoryDeadLetter();
    const res = await action.run(
      jobOptions({
        incremental: true,
        logics: [
          (lead: Lead) => {
            if (lead.id === 7) stop.abort();
            return lead;
          },
        ],
      }),
      runtime({ store, deadLetter, batchSize: 3, stop: stop.signal }),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "aborted"]);
    expect(res.events.read_success).toBe(7);
    expect(res.written).toBe(7);
    expect(world.written.map((l) => (l as Lead).id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(deadLetter.count).toBe(0);
    // The committed token does not move on a stopped read; its resume point covers the 7 items done.
    expect(await store.load("wf-1")).toMatchObject({
      incremental_token: null,
      resume: { from: null, done: 7 },
    });
    // The next incremental run resumes after the last item written: not before it, not past it.
    const next = await action.run(
      jobOptions({ incremental: true }),
      runtime({ store, deadLetter, batchSize: 3 }),
    );
    expect([next.status, next.written]).toEqual(["success", 13]);
    expect(world.written.map((l) => (l as Lead).id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await store.load("wf-1")).toMatchObject({ incremental_token: "20" });
  });
});

describe("RunOptions.stop after the listing was read through", () => {
  it("cuts nothing: the last batches are written, the run is complete and its token moves", async () => {
    const world = new World().seed(20);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const stop = new AbortController();
    const store = new MemoryStore();
    // The stop comes while the last batch (items 19 and 20) is written, after the read ended.
    world.writeRejects = (lead: Lead) => {
      if (lead.id === 20) stop.abort();
      return null;
    };
    const res = await action.run(
      jobOptions({ incremental: true }),
      runtime({ store, deadLetter: new MemoryDeadLetter(), batchSize: 3, stop: stop.signal }),
    );
    expect(stop.signal.aborted).toBe(true);
    expect([res.status, res.reason, res.written]).toEqual(["success", "none", 20]);
    expect(res.incremental_token).toBe("20");
    const saved = (await store.load("wf-1")) as Record<string, unknown>;
    expect(saved).toMatchObject({ incremental_token: "20" });
    expect(saved.resume).toBeUndefined();
  });
});

describe("HttpRuntime limiter factory", () => {
  it("hands clients the factory's limiter per key; another runtime keeps the in-process one", () => {
    const made: string[] = [];
    class Counting extends RateLimiter {}
    const runtime = new HttpRuntime({
      limiterFactory: (key, requests, perMs) => {
        made.push(key);
        return new Counting(requests, perMs);
      },
    });
    const a = runtime.limiter("vendor|cred", 10, 1000);
    expect(a).toBeInstanceOf(Counting);
    expect(runtime.limiter("vendor|cred", 10, 1000)).toBe(a);
    expect(made).toEqual(["vendor|cred"]);
    const b = new HttpRuntime().limiter("vendor|cred", 10, 1000);
    expect(b).not.toBeInstanceOf(Counting);
    expect(b).toBeInstanceOf(RateLimiter);
  });
});

describe("storeFromEnv with store kinds", () => {
  it("builds a kind another package passes in, names it in errors, and keeps nothing between calls", () => {
    const built = new MemoryStore();
    const kinds = { "test-kind": () => built };
    expect(storeFromEnv({ HRFLOW_CONNECTORS_STORE: "test-kind" }, kinds)).toBe(built);
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_STORE: "redis-typo" }, kinds)).toThrow(/test-kind/);
    // No registry: a kind given once is not known to the next call, nor is an inherited key a kind.
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_STORE: "test-kind" })).toThrow(/not a valid store/);
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_STORE: "toString" }, kinds)).toThrow(/not a valid store/);
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_STORE: "redis" })).toThrow(/storeKinds/);
  });
});
