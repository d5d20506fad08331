import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WEBHOOK_SERVER_TIMEOUTS, webhookKey } from "@hrflow-connectors/cli";
import { createLogger } from "@hrflow-connectors/core";
import { memorySink } from "@hrflow-connectors/core/logging";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startRedis } from "../../../scripts/redis.mjs";
import { type RunningIntake, redisClient, startIntake } from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { jobsConfig, ref, until } from "./helpers.js";
import { rawRequest } from "./http.js";

// Its own Redis database: no worker of the other test files consumes these jobs.
const redisUrl = `${inject("redisUrl")}/1`;
const SECRET = "whsec-intake";
const ROUTE = "/workable/create_profiles_in_hrflow";
const ENV = { WEBHOOK_SECRET: SECRET, WORKABLE_TOKEN: "t", HRFLOW_SECRET: "s", HRFLOW_USER: "u@example.com" };
let dir: string;
let workable: FakeWorkable;
let intake: RunningIntake;
let configFile: string;

const sign = (body: string) => createHmac("sha256", SECRET).update(body).digest("hex");
const post = (body: string, headers: Record<string, string> = {}, url = intake.url) =>
  fetch(`${url}${ROUTE}`, {
    method: "POST",
    body,
    headers: { "x-workable-signature": sign(body), ...headers },
  });

/** Writes a serve config with the Workable route and returns its path. */
function serveConfig(name: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      max_body_bytes: 2048,
      actions: [
        {
          connector: "workable",
          action: "create_profiles_in_hrflow",
          webhook_secret: ref("WEBHOOK_SECRET"),
          ...jobsConfig("intake", "unused", workable.subdomain),
          push_parameters: { source_key: "src" },
          ...extra,
        },
      ],
    }),
  );
  return file;
}

beforeAll(async () => {
  const redis = redisClient(redisUrl);
  await redis.flushdb();
  await redis.quit();
  dir = mkdtempSync(join(tmpdir(), "hrflow-intake-test-"));
  workable = await startFakeWorkable({ candidates: 2, rateLimit: null });
  configFile = serveConfig("serve.json");
  intake = await startIntake({
    redisUrl,
    configFile,
    port: 0,
    opsPort: 0,
    // One body of up to 2 KiB in flight at a time, so the budget test needs two requests only.
    maxInflightBytes: 3000,
    // Short enough that the slow-body test ends quickly; the checks run every 100 ms.
    timeouts: {
      ...WEBHOOK_SERVER_TIMEOUTS,
      requestTimeoutMs: 1500,
      headersTimeoutMs: 1000,
      checkIntervalMs: 100,
    },
    resolveConnector: resolveWorkable,
    logger: createLogger({ sink: memorySink() }),
    env: ENV,
  });
});
afterAll(async () => {
  await intake?.close();
  await workable?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the durable webhook intake", () => {
  it("queues a signed event with its config's secret references, never their values", async () => {
    const body = JSON.stringify({ event_type: "candidate_created", data: { id: "c1", email: "a@b.c" } });
    expect((await post(body, { "x-workable-signature": sign("other") })).status).toBe(401);
    const res = await post(body);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(id).toBe(webhookKey(ROUTE, body).key);
    const job = await intake.queues.queue("workable").getJob(`webhook-${id}`);
    expect(job?.data.event).toEqual(JSON.parse(body));
    expect(job?.data.workflow_id).toBe("intake");
    expect(job?.data.config.connector_auth).toEqual({
      api_access_token: { $env: "WORKABLE_TOKEN" },
      subdomain: workable.subdomain,
    });
    expect(JSON.stringify(job?.data)).not.toContain(SECRET);
  });

  it("accepts a delivery once in its window: resends of one body, or of one vendor event id, are not queued again", async () => {
    const queue = intake.queues.queue("workable");
    const before = await queue.count();
    const body = JSON.stringify({ event_type: "candidate_moved", data: { id: "c9", email: "r@b.c" } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(body));
    expect(answers.map((r) => r.status)).toEqual([202, 200, 200]);
    expect(await answers[1]!.json()).toMatchObject({ duplicate: true, id: webhookKey(ROUTE, body).key });
    // An envelope with an event id: a retry signed again (new body bytes) is the same delivery.
    const retry = (n: number) =>
      JSON.stringify({
        id: "evt-42",
        event_type: "candidate_created",
        attempt: n,
        data: { id: "c8", email: "e@b.c" },
      });
    expect((await post(retry(1))).status).toBe(202);
    expect((await post(retry(2))).status).toBe(200);
    expect(await queue.count()).toBe(before + 2);
    const redis = redisClient(redisUrl);
    try {
      const ttl = await redis.ttl(`hrflow-connectors:webhook-seen:${webhookKey(ROUTE, body).key}`);
      expect(ttl).toBeGreaterThan(86_000);
    } finally {
      await redis.quit();
    }
  });

  it("starts with only the webhook secrets in its environment: vendors' secrets are the workers' business", async () => {
    const logs = memorySink();
    const lean = await startIntake({
      redisUrl,
      configFile,
      port: 0,
      opsPort: 0,
      resolveConnector: resolveWorkable,
      logger: createLogger({ sink: logs }),
      env: { WEBHOOK_SECRET: SECRET },
    });
    try {
      const body = JSON.stringify({ data: { id: "c3", email: "c@d.e" } });
      const res = await post(body, {}, lean.url);
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      expect((await lean.queues.queue("workable").getJob(`webhook-${id}`))?.data.workflow_id).toBe("intake");
      expect(JSON.stringify(logs.records)).toContain("WORKABLE_TOKEN");
    } finally {
      await lean.close();
    }
  });

  it("answers 413 past the body limit, before reading a declared oversize body, and serves the next request", async () => {
    const big = JSON.stringify({ data: { id: "x".repeat(4096) } });
    const url = `${intake.url}${ROUTE}`;
    expect(await rawRequest(url, { "x-workable-signature": sign(big) }, big)).toMatchObject({
      status: 413,
      connection: "close",
    });
    // Declared 10 MiB, not one byte sent: the answer cannot have waited for the body.
    const declared = await rawRequest(url, {
      "x-workable-signature": "00",
      "content-length": String(10 << 20),
    });
    expect(declared.status).toBe(413);
    // Chunked, no length declared: counted while read.
    const chunked = await rawRequest(
      url,
      { "x-workable-signature": sign(big), "transfer-encoding": "chunked" },
      big,
    );
    expect(chunked.status).toBe(413);
    const small = JSON.stringify({ data: { id: "c2", email: "x@y.z" } });
    expect((await rawRequest(url, { "x-workable-signature": sign(small) }, small)).status).toBe(202);
  });

  it("refuses an unsigned request before reading its body", async () => {
    const res = await rawRequest(`${intake.url}${ROUTE}`, { "content-length": "2000" });
    expect(res).toMatchObject({ status: 401, connection: "close" });
    expect(res.body).toContain("missing signature header x-workable-signature");
  });

  it("answers 503 before reading a body that would exceed the bytes in flight, and frees them when a body ends", async () => {
    const { port, hostname } = new URL(intake.url);
    const held = connect(Number(port), hostname);
    held.on("error", () => {});
    held.write(
      `POST ${ROUTE} HTTP/1.1\r\nhost: x\r\nx-workable-signature: 00\r\ncontent-length: 2000\r\n\r\n{"a":`,
    );
    const url = `${intake.url}${ROUTE}`;
    const second = "x".repeat(2000);
    const busy = await until(async () => {
      const r = await rawRequest(url, { "x-workable-signature": "00", "content-length": "2000" });
      return r.status === 503 ? r : undefined;
    }, "the first body to hold the budget");
    expect(busy).toMatchObject({ status: 503, connection: "close" });
    held.destroy();
    // The abandoned body's bytes come back: a full-size body is read again (and refused for its signature).
    const after = await until(async () => {
      const r = await rawRequest(url, { "x-workable-signature": "00" }, second);
      return r.status === 503 ? undefined : r.status;
    }, "the budget to be freed");
    expect(after).toBe(401);
  });

  it("cuts a body trickled at one byte every 200 ms", async () => {
    const { port, hostname } = new URL(intake.url);
    const socket = connect(Number(port), hostname);
    const total = 200;
    let sent = 0;
    let answer = "";
    socket.on("data", (d) => {
      answer += d;
    });
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(
      `POST ${ROUTE} HTTP/1.1\r\nhost: x\r\nx-workable-signature: 00\r\ncontent-length: ${total}\r\n\r\n`,
    );
    const trickle = setInterval(() => {
      if (socket.destroyed || sent >= total) return clearInterval(trickle);
      socket.write("a");
      sent++;
    }, 200);
    socket.on("error", () => {});
    await closed;
    clearInterval(trickle);
    // 200 bytes would take 40 s: the server ended the request long before.
    expect(sent).toBeLessThan(total);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 60_000);

  it("refuses at startup a route without webhook_secret unless allow_unsigned says so, and warns", async () => {
    const plain = join(dir, "unsigned.json");
    const route = {
      connector: "workable",
      action: "create_profiles_in_workable",
      workflow_id: "to-workable",
      connector_auth: { api_access_token: ref("WORKABLE_TOKEN"), subdomain: workable.subdomain },
      hrflow_auth: { api_secret: ref("HRFLOW_SECRET"), api_user: ref("HRFLOW_USER") },
      pull_parameters: { source_key: "src", profile_key: "p1" },
      push_parameters: { job_shortcode: "JOB1" },
    };
    const start = (allow?: boolean) => {
      writeFileSync(
        plain,
        JSON.stringify({ actions: [{ ...route, ...(allow ? { allow_unsigned: true } : {}) }] }),
      );
      return startIntake({
        redisUrl,
        configFile: plain,
        port: 0,
        opsPort: 0,
        resolveConnector: resolveWorkable,
        logger: createLogger({ sink: logs }),
        env: ENV,
      });
    };
    const logs = memorySink();
    await expect(start()).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          path: "actions.0.webhook_secret",
          message: expect.stringContaining("allow_unsigned"),
        }),
      ],
    });
    const open = await start(true);
    try {
      expect(
        logs.records.some((r) => r.level === "warn" && r.message.includes("accepts unsigned requests")),
      ).toBe(true);
      const res = await fetch(`${open.url}/workable/create_profiles_in_workable`, {
        method: "POST",
        body: JSON.stringify({ profile: { key: "p1" } }),
      });
      expect(res.status).toBe(202);
    } finally {
      await open.close();
    }
  });
});

describe("the intake with Redis gone", () => {
  it("answers 503 with Retry-After within seconds whether Redis hangs or refuses; the vendor's retry is then queued once", async () => {
    const redis = await startRedis();
    const own = await startIntake({
      redisUrl: redis.url,
      configFile,
      port: 0,
      opsPort: 0,
      enqueueTimeoutMs: 2000,
      resolveConnector: resolveWorkable,
      logger: createLogger({ sink: memorySink() }),
      env: ENV,
    });
    let restarted: Awaited<ReturnType<typeof startRedis>> | null = null;
    const timed = async (body: string) => {
      const started = performance.now();
      const res = await post(body, {}, own.url);
      return {
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        ms: performance.now() - started,
      };
    };
    try {
      expect((await post(JSON.stringify({ data: { id: "d1", email: "d1@b.c" } }), {}, own.url)).status).toBe(
        202,
      );
      // Hanging: the process is stopped, its socket accepts but nothing answers.
      process.kill(redis.pid, "SIGSTOP");
      const hung = JSON.stringify({ data: { id: "d2", email: "d2@b.c" } });
      const whileHung = await timed(hung);
      process.kill(redis.pid, "SIGCONT");
      expect(whileHung).toMatchObject({ status: 503, retryAfter: "10" });
      // Bounded by the enqueue timeout (2 s here), not by Redis: far below a vendor's patience.
      expect(whileHung.ms).toBeLessThan(15_000);
      // The retry is accepted, not taken for a duplicate; a job added late by the timed-out try is the same job.
      const retried = await until(
        async () => {
          const r = await post(hung, {}, own.url);
          return r.status === 503 ? undefined : r.status;
        },
        "the intake to reach Redis again",
        30_000,
      );
      expect(retried).toBe(202);
      const jobs = await own.queues.queue("workable").getJobs(["waiting"]);
      expect(jobs.filter((j) => (j.data.event as { data: { id: string } }).data.id === "d2")).toHaveLength(1);

      // Refusing: the server is gone.
      await redis.stop();
      const gone = JSON.stringify({ data: { id: "d3", email: "d3@b.c" } });
      const whileGone = await timed(gone);
      expect(whileGone).toMatchObject({ status: 503, retryAfter: "10" });
      expect(whileGone.ms).toBeLessThan(15_000);
      restarted = await startRedis({ port: redis.port });
      const back = await until(
        async () => {
          const r = await post(gone, {}, own.url);
          return r.status === 503 ? undefined : r.status;
        },
        "the intake to reach the restarted Redis",
        30_000,
      );
      expect(back).toBe(202);
    } finally {
      await own.close();
      await restarted?.stop();
    }
  }, 90_000);
});
