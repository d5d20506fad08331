import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, memorySink } from "@hrflow-connectors/core";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_FLAGS } from "../../../scripts/chromium.mjs";
import { type RunningIntake, redisClient, startIntake } from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { jobsConfig, ref } from "./helpers.js";

// Its own Redis database: no worker of the other test files consumes these jobs.
const redisUrl = `${inject("redisUrl")}/1`;
const SECRET = "whsec-intake";
const ROUTE = "/workable/create_profiles_in_hrflow";
let dir: string;
let workable: FakeWorkable;
let intake: RunningIntake;
let configFile: string;

const sign = (body: string) => createHmac("sha256", SECRET).update(body).digest("hex");
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${intake.url}${ROUTE}`, {
    method: "POST",
    body,
    headers: { "x-workable-signature": sign(body), ...headers },
  });

beforeAll(async () => {
  const redis = redisClient(redisUrl);
  await redis.flushdb();
  await redis.quit();
  dir = mkdtempSync(join(tmpdir(), "hrflow-intake-test-"));
  workable = await startFakeWorkable({ candidates: 2, rateLimit: null });
  const config = join(dir, "serve.json");
  configFile = config;
  writeFileSync(
    config,
    JSON.stringify({
      max_body_bytes: 2048,
      actions: [
        {
          connector: "workable",
          action: "create_profiles_in_hrflow",
          webhook_secret: ref("WEBHOOK_SECRET"),
          ...jobsConfig("intake", "unused", workable.subdomain),
          push_parameters: { source_key: "src" },
        },
      ],
    }),
  );
  intake = await startIntake({
    redisUrl,
    configFile: config,
    port: 0,
    board: true,
    resolveConnector: resolveWorkable,
    logger: createLogger({ sink: memorySink() }),
    env: { WEBHOOK_SECRET: SECRET, WORKABLE_TOKEN: "t", HRFLOW_SECRET: "s", HRFLOW_USER: "u@example.com" },
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
    const job = await intake.queues.queue("workable").getJob(`webhook-${id}`);
    expect(job?.data.event).toEqual(JSON.parse(body));
    expect(job?.data.workflow_id).toBe("intake");
    expect(job?.data.config.connector_auth).toEqual({
      api_access_token: { $env: "WORKABLE_TOKEN" },
      subdomain: workable.subdomain,
    });
    expect(JSON.stringify(job?.data)).not.toContain(SECRET);
  });

  it("starts with only the webhook secrets in its environment: vendors' secrets are the workers' business", async () => {
    const logs = memorySink();
    const lean = await startIntake({
      redisUrl,
      configFile,
      port: 0,
      resolveConnector: resolveWorkable,
      logger: createLogger({ sink: logs }),
      env: { WEBHOOK_SECRET: SECRET },
    });
    try {
      const body = JSON.stringify({ data: { id: "c3", email: "c@d.e" } });
      const res = await fetch(`${lean.url}${ROUTE}`, {
        method: "POST",
        body,
        headers: { "x-workable-signature": sign(body) },
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      expect((await lean.queues.queue("workable").getJob(`webhook-${id}`))?.data.workflow_id).toBe("intake");
      expect(JSON.stringify(logs.records)).toContain("WORKABLE_TOKEN");
    } finally {
      await lean.close();
    }
  });

  it("answers 413 past the body limit and closes that connection, so the next request is served", async () => {
    const status = (body: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const url = new URL(`${intake.url}${ROUTE}`);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: "POST",
            headers: { "x-workable-signature": sign(body) },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    const big = JSON.stringify({ data: { id: "x".repeat(4096) } });
    expect(await status(big)).toEqual({ status: 413, connection: "close" });
    expect((await status(JSON.stringify({ data: { id: "c2", email: "x@y.z" } }))).status).toBe(202);
  });

  it("reports accepted webhooks and queue depth on /metrics", async () => {
    const text = await (await fetch(`${intake.url}/metrics`)).text();
    expect(text).toMatch(
      /hrflow_connectors_webhooks_total\{route="\/workable\/create_profiles_in_hrflow",outcome="accepted"\} 2/,
    );
    expect(text).toMatch(
      /hrflow_connectors_webhooks_total\{route="\/workable\/create_profiles_in_hrflow",outcome="refused"\} 1/,
    );
    expect(text).toMatch(
      /hrflow_connectors_queue_jobs\{queue="hrflow-connectors-runs-workable",state="waiting"\} 3/,
    );
  });

  it("serves Bull Board, which a headless chromium loads and shows the queue in", async (ctx) => {
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
      const response = await page.goto(`${intake.url}/ui`, { waitUntil: "networkidle0" });
      expect(response?.status()).toBe(200);
      // The dashboard is a client-side app: the queue name appears only once its API answered.
      // A string: it runs in the page, where `document` exists (this test's types have no DOM).
      await page.waitForFunction('document.body.innerText.includes("hrflow-connectors-runs-workable")', {
        timeout: 30_000,
      });
      expect(await page.title()).toMatch(/Bull/i);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
