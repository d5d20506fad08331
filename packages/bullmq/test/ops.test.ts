import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@hrflow-connectors/core";
import { memorySink } from "@hrflow-connectors/core/logging";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_FLAGS } from "../../../scripts/chromium.mjs";
import {
  assertOpsExposure,
  isLoopback,
  OPS_TOKEN_VARIABLE,
  type RunningIntake,
  redisClient,
  startIntake,
} from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { jobsConfig, ref } from "./helpers.js";
import { rawRequest } from "./http.js";

// Its own Redis database: nothing else reads or pauses these queues.
const redisUrl = `${inject("redisUrl")}/11`;
const QUEUE = "hrflow-connectors-runs-workable";
const ROUTE = "/workable/create_profiles_in_hrflow";
const AUTH = { token: "ops-token-0123456789abcdef", user: "ops" };
const bearer = { authorization: `Bearer ${AUTH.token}` };
let dir: string;
let workable: FakeWorkable;
let intake: RunningIntake;

beforeAll(async () => {
  const redis = redisClient(redisUrl);
  await redis.flushdb();
  await redis.quit();
  dir = mkdtempSync(join(tmpdir(), "hrflow-ops-test-"));
  workable = await startFakeWorkable({ candidates: 1, rateLimit: null });
  const configFile = join(dir, "serve.json");
  writeFileSync(
    configFile,
    JSON.stringify({
      max_body_bytes: 1024,
      actions: [
        {
          connector: "workable",
          action: "create_profiles_in_hrflow",
          webhook_secret: ref("WEBHOOK_SECRET"),
          ...jobsConfig("ops", "unused", workable.subdomain),
          push_parameters: { source_key: "src" },
        },
      ],
    }),
  );
  intake = await startIntake({
    redisUrl,
    configFile,
    port: 0,
    opsPort: 0,
    // On loopback, but with credentials set they are required all the same.
    opsAuth: AUTH,
    board: true,
    resolveConnector: resolveWorkable,
    logger: createLogger({ sink: memorySink() }),
    env: { WEBHOOK_SECRET: "whsec-ops" },
  });
});
afterAll(async () => {
  await intake?.close();
  await workable?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the operations surface", () => {
  it("is refused off loopback without credentials, with a message naming the variable", async () => {
    expect(["127.0.0.1", "127.0.0.53", "::1", "[::1]", "localhost"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.5", "ops.example.com"].some(isLoopback)).toBe(false);
    expect(() => assertOpsExposure("0.0.0.0", null)).toThrow(OPS_TOKEN_VARIABLE);
    expect(() => assertOpsExposure("0.0.0.0", AUTH)).not.toThrow();
    await expect(
      startIntake({
        redisUrl,
        configFile: join(dir, "serve.json"),
        port: 0,
        opsHost: "0.0.0.0",
        opsPort: 0,
        opsAuth: null,
        resolveConnector: resolveWorkable,
        logger: createLogger({ sink: memorySink() }),
        env: { WEBHOOK_SECRET: "whsec-ops" },
      }),
    ).rejects.toThrow(/without authentication: set HRFLOW_CONNECTORS_OPS_TOKEN/);
  });

  it("answers 401 to an unauthenticated PUT that would pause every queue, and obeys the token", async () => {
    const pause = `${intake.ops.url}/ui/api/queues/pause`;
    const refused = await rawRequest(pause, {}, "", "PUT");
    expect(refused.status).toBe(401);
    const wrong = await rawRequest(pause, { authorization: `Bearer ${AUTH.token}x` }, "", "PUT");
    expect(wrong.status).toBe(401);
    const queue = intake.queues.queue("workable");
    expect(await queue.isPaused()).toBe(false);
    expect((await rawRequest(pause, bearer, "", "PUT")).status).toBe(200);
    expect(await queue.isPaused()).toBe(true);
    const basic = `Basic ${Buffer.from(`${AUTH.user}:${AUTH.token}`).toString("base64")}`;
    expect(
      (await rawRequest(`${intake.ops.url}/ui/api/queues/resume`, { authorization: basic }, "", "PUT"))
        .status,
    ).toBe(200);
    expect(await queue.isPaused()).toBe(false);
    const unauthorized = await fetch(`${intake.ops.url}/metrics`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("www-authenticate")).toMatch(/^Basic /);
  });

  it("serves Bull Board's JSON routes: a job added from the board holds the data sent", async () => {
    const res = await fetch(`${intake.ops.url}/ui/api/queues/${encodeURIComponent(QUEUE)}/add`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ name: "probe", data: { probe: "from-the-board" }, options: {} }),
    });
    expect(res.status).toBe(200);
    const { job } = (await res.json()) as { job: { id: string } };
    const stored = await intake.queues.queue("workable").getJob(job.id);
    expect(stored?.data).toEqual({ probe: "from-the-board" });
    await stored?.remove();
  });

  it("keeps the public port to webhooks: no /ui, /metrics or /health there", async () => {
    for (const path of ["/ui", "/ui/api/queues", "/metrics", "/health"]) {
      expect((await fetch(`${intake.url}${path}`)).status, path).toBe(404);
    }
    const health = await fetch(`${intake.ops.url}/health`, { headers: bearer });
    expect(await health.json()).toMatchObject({ status: "ok", routes: [ROUTE] });
  });

  it("labels webhook metrics with route templates: 200 odd URLs and oversized bodies add no series", async () => {
    const big = "x".repeat(4096);
    for (let i = 0; i < 100; i++) {
      await rawRequest(`${intake.url}/nowhere/${i}?q=${i}`, {}, "{}");
      await rawRequest(`${intake.url}${ROUTE}?attempt=${i}`, { "x-workable-signature": "00" }, big);
    }
    const text = await (await fetch(`${intake.ops.url}/metrics`, { headers: bearer })).text();
    const series = new Map(
      text
        .split("\n")
        .filter((l) => l.startsWith("hrflow_connectors_webhooks_total{"))
        .map((l) => [l.slice(l.indexOf("{"), l.lastIndexOf("}") + 1), Number(l.split(" ").at(-1))]),
    );
    // The earlier tests' 404s on the public port count as unmatched too.
    expect([...series.keys()].sort()).toEqual([
      `{route="${ROUTE}",outcome="too_large"}`,
      `{route="unmatched",outcome="not_found"}`,
    ]);
    expect(series.get(`{route="${ROUTE}",outcome="too_large"}`)).toBe(100);
    expect(series.get(`{route="unmatched",outcome="not_found"}`)).toBeGreaterThanOrEqual(100);
  }, 60_000);

  it("serves Bull Board behind Basic auth, which a headless chromium loads and shows the queue in", async (ctx) => {
    const chromium = inject("chromium");
    if (!chromium.path) {
      ctx.skip(`browser test skipped: ${chromium.missing}`);
      return;
    }
    const browser = await puppeteer.launch({
      executablePath: chromium.path,
      args: CHROMIUM_FLAGS,
      headless: true,
    });
    try {
      const page = await browser.newPage();
      await page.authenticate({ username: AUTH.user, password: AUTH.token });
      const response = await page.goto(`${intake.ops.url}/ui`, { waitUntil: "networkidle0" });
      expect(response?.status()).toBe(200);
      // The dashboard is a client-side app: the queue name appears only once its API answered.
      // A string: it runs in the page, where `document` exists (this test's types have no DOM).
      await page.waitForFunction(`document.body.innerText.includes("${QUEUE}")`, { timeout: 30_000 });
      expect(await page.title()).toMatch(/Bull/i);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
