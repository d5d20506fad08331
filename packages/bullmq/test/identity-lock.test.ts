import { createLogger, type RunResult } from "@hrflow-connectors/core";
import type { IdentityLocks } from "@hrflow-connectors/core/engine";
import { memorySink } from "@hrflow-connectors/core/logging";
import { closeAll } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { RedisIdentityLocks, RedisStore, redisClient, runJob } from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { ref, TEST_SECRETS } from "./helpers.js";

// Issue 19 item 6: three workflows writing one HrFlow source at once made 44 profiles for 40
// candidates, the lock being per workflow. Each "worker" here has its own Redis connection, as
// worker processes do; the identity locks live in the one real Redis they share.

const redisUrl = inject("redisUrl");
const connections: Redis[] = [];
const connect = () => {
  const redis = redisClient(redisUrl);
  connections.push(redis);
  return redis;
};
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
});

describe("RedisIdentityLocks", () => {
  it("lets one holder of an identity at a time across connections, and stores no identity in clear", async () => {
    const [a, b] = [new RedisIdentityLocks(connect()), new RedisIdentityLocks(connect(), { retryMs: 10 })];
    const held = await a.acquire(["hrflow:profile:src:reference:ada@example.com", "x"]);
    let second = false;
    const waiting = b.acquire(["hrflow:profile:src:reference:ada@example.com"]).then((lease) => {
      second = true;
      return lease;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(second).toBe(false);
    const keys = await connect().keys("hrflow-connectors:identity:*");
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.join(" ")).not.toContain("ada@example.com");
    await held.release();
    await (await waiting).release();
    expect(second).toBe(true);
  });

  it("frees the identities of a worker that died when its lease ends", async () => {
    const doomed = redisClient(redisUrl);
    await new RedisIdentityLocks(doomed, { leaseMs: 300 }).acquire(["y"]);
    // The worker dies: its connection goes, so nothing renews or releases its key.
    doomed.disconnect();
    const began = Date.now();
    const lease = await new RedisIdentityLocks(connect(), { retryMs: 20 }).acquire(["y"]);
    expect(Date.now() - began).toBeGreaterThanOrEqual(100);
    expect(Date.now() - began).toBeLessThan(10_000);
    await lease.release();
  });

  it("releases only its own keys: a late release after the lease was lost frees nothing", async () => {
    const admin = connect();
    const late = await new RedisIdentityLocks(connect()).acquire(["z"]);
    // The lease is lost (expired while Redis was unreachable, say) and another run takes the key.
    await admin.del(RedisIdentityLocks.keyOf("z"));
    const next = await new RedisIdentityLocks(connect()).acquire(["z"]);
    await late.release();
    expect(await admin.exists(RedisIdentityLocks.keyOf("z"))).toBe(1);
    await next.release();
    expect(await admin.exists(RedisIdentityLocks.keyOf("z"))).toBe(0);
  });
});

describe("three workflows writing the same 40 candidates into one source", () => {
  const CANDIDATES = 40;
  const FAST = { requests: 10_000, perMs: 1_000 };
  let workable: FakeWorkable;
  let hrflow: FakeHrFlow;
  beforeAll(async () => {
    await connect().flushdb();
  });
  afterEach(() => closeAll(workable, hrflow));

  /** Runs three workflows at once as three workers would (own connection each); profiles per candidate. */
  async function threeWorkflows(identityLocks?: IdentityLocks) {
    workable = await startFakeWorkable({ jobs: 1, candidates: CANDIDATES, seed: 19, rateLimit: null });
    hrflow = await startFakeHrFlow();
    const source = hrflow.addSource(undefined, { sync_parsing: true });
    // Each create is held 100 ms by HrFlow: a look-up of another workflow in that window finds nothing.
    hrflow.fail({ method: "POST", delayMs: 100, times: 10 * CANDIDATES });
    const env = {
      WORKABLE_TOKEN: workable.token,
      HRFLOW_SECRET: hrflow.apiKey,
      HRFLOW_USER: hrflow.userEmail,
    };
    const worker = (workflow: string): Promise<RunResult> => {
      const redis = connect();
      return runJob(
        {
          connector: "workable",
          action: "create_profiles_in_hrflow",
          workflow_id: workflow,
          trigger: "pull",
          config: {
            workflow_id: workflow,
            connector_auth: { api_access_token: { $env: "WORKABLE_TOKEN" }, subdomain: workable.subdomain },
            hrflow_auth: { api_secret: ref("HRFLOW_SECRET"), api_user: hrflow.userEmail },
            pull_parameters: {},
            push_parameters: { source_key: source },
          },
        },
        {
          redis,
          store: new RedisStore(redis),
          logger: createLogger({ sink: memorySink(), level: "warn" }),
          resolveConnector: resolveWorkable,
          env,
          // Job data names its secrets; the worker shares these two.
          trust: { secrets: TEST_SECRETS, allowBaseUrls: [] },
          runtime: {
            baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
            http: { rateLimits: { workable: FAST, hrflow: FAST } },
            ...(identityLocks ? { identityLocks } : {}),
          },
        },
        { signal: new AbortController().signal, stop: new AbortController().signal },
      );
    };
    const results = await Promise.all(["wf-a", "wf-b", "wf-c"].map(worker));
    const copies = new Map<string, number>();
    for (const p of hrflow.profiles(source).filter((p) => !p.archived_at)) {
      copies.set(String(p.reference), (copies.get(String(p.reference)) ?? 0) + 1);
    }
    return { results, copies, profiles: [...copies.values()].reduce((a, b) => a + b, 0) };
  }

  it("make 40 profiles, each once, with the Redis identity locks the runner gives every run", async () => {
    // Redis's MONITOR shows that the runs took their identity keys in Redis, not in this process.
    const monitor = await connect().monitor();
    let identityCalls = 0;
    monitor.on("monitor", (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === "eval" && args.some((a) => a.startsWith("hrflow-connectors:identity:")))
        identityCalls++;
    });
    const { results, copies, profiles } = await threeWorkflows();
    monitor.disconnect();
    expect(identityCalls).toBeGreaterThan(0);
    expect(results.map((r) => r.status)).toEqual(["success", "success", "success"]);
    expect(copies.size).toBe(CANDIDATES);
    expect(profiles).toBe(CANDIDATES);
  }, 120_000);

  it("duplicate without them (the race is real): more than 40 profiles", async () => {
    const none: IdentityLocks = { acquire: async () => ({ release: async () => {} }) };
    const { profiles } = await threeWorkflows(none);
    console.info(
      `[operations] three workflows without identity locks: ${profiles} profiles for ${CANDIDATES}`,
    );
    expect(profiles).toBeGreaterThan(CANDIDATES);
  }, 120_000);
});
