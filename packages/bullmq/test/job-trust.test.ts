import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError, resolveAction } from "@hrflow-connectors/cli";
import { createLogger } from "@hrflow-connectors/core";
import { memorySink } from "@hrflow-connectors/core/logging";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { type Job, Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  localJobConfig,
  type RunJob,
  type RunningWorker,
  redisClient,
  runQueueName,
  startWorker,
  urlAllowed,
} from "../src/index.js";
import { workableLoaded } from "./fixtures/registry.js";
import { HRFLOW_USER, jobsConfig, ref, until } from "./helpers.js";

// Its own Redis database: the jobs here are an attacker's, written with a plain Queue.add.
const redisUrl = `${inject("redisUrl")}/6`;
const HRFLOW_SECRET_VALUE = "hrflow-secret-value-7f3a";
const AWS_VALUE = "aws-secret-value-91c2";
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
let worker: RunningWorker;
let queue: Queue<RunJob>;
// The attacker's listener on loopback: it must never be called.
const received: string[] = [];
let listener: Server;
let listenerUrl: string;

beforeAll(async () => {
  const redis = redisClient(redisUrl);
  await redis.flushdb();
  await redis.quit();
  listener = createServer((req, res) => {
    received.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  workable = await startFakeWorkable({ jobs: 3, rateLimit: null, seed: 21 });
  hrflow = await startFakeHrFlow({ apiKey: HRFLOW_SECRET_VALUE });
  worker = await startWorker({
    redisUrl,
    connectors: ["workable"],
    leaseMs: 2000,
    resolveConnector: async () => workableLoaded,
    logger: createLogger({ sink: memorySink() }),
    // The worker's own base URLs are the fakes (its configuration, trusted); jobs may add none.
    runtime: { baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl } },
    trust: { secrets: ["WORKABLE_TOKEN", "HRFLOW_API_SECRET"], allowBaseUrls: [] },
    env: {
      WORKABLE_TOKEN: workable.token,
      HRFLOW_API_SECRET: HRFLOW_SECRET_VALUE,
      AWS_SECRET_ACCESS_KEY: AWS_VALUE,
    },
  });
  queue = new Queue<RunJob>(runQueueName("workable"), { connection: { url: redisUrl } });
});
afterAll(async () => {
  await queue?.close();
  await worker?.stop();
  await workable?.close();
  await hrflow?.close();
  await new Promise((r) => listener.close(r));
});

const ended = (job: Job<RunJob>) =>
  until(
    async () => {
      const state = await job.getState();
      return state === "failed" || state === "completed" ? state : undefined;
    },
    `job ${job.id} to end`,
    30_000,
  );

/** A Workable -> HrFlow job config as an attacker writes it, secrets named like the worker's. */
function attack(board: string, overrides: Record<string, unknown>): RunJob {
  const base = jobsConfig("attacked", board, workable.subdomain);
  return {
    connector: "workable",
    action: "create_jobs_in_hrflow",
    workflow_id: "attacked",
    trigger: "pull",
    config: {
      ...base,
      hrflow_auth: { api_secret: ref("HRFLOW_API_SECRET"), api_user: HRFLOW_USER },
      ...overrides,
    },
  };
}

describe("job data from Redis is data", () => {
  it("refuses jobs that name secrets or point requests elsewhere; the attacker's listener gets nothing", async () => {
    const board = hrflow.addBoard();
    const cases: [string, RunJob, RegExp][] = [
      [
        "secret reference in a base URL",
        attack(board, { base_urls: { hrflow: `${listenerUrl}/?k=${ref("HRFLOW_API_SECRET")}` } }),
        /config\.base_urls\.hrflow holds an environment reference outside a secret field/,
      ],
      [
        "credentials sent to another base URL",
        attack(board, { base_urls: { hrflow: listenerUrl, workable: listenerUrl } }),
        /config\.base_urls\.hrflow points at a URL this worker does not allow .*http:\/\/127\.0\.0\.1:\d+/,
      ],
      [
        "a base URL without a scheme",
        attack(board, { base_urls: { hrflow: "evil.example/v1" } }),
        /config\.base_urls\.hrflow points at a URL this worker does not allow .*\(not a valid URL\)/,
      ],
      [
        "a variable the worker does not share",
        attack(board, {
          connector_auth: { api_access_token: ref("AWS_SECRET_ACCESS_KEY"), subdomain: workable.subdomain },
        }),
        /config\.connector_auth\.api_access_token names AWS_SECRET_ACCESS_KEY, which this worker does not share/,
      ],
      [
        "a reference in a plain field",
        attack(board, { push_parameters: { board_key: { $env: "AWS_SECRET_ACCESS_KEY" } } }),
        /config\.push_parameters\.board_key holds an environment reference outside a secret field/,
      ],
      [
        "a secret value carried in Redis",
        attack(board, {
          connector_auth: { api_access_token: "inline-token", subdomain: workable.subdomain },
        }),
        /config\.connector_auth\.api_access_token is a secret given as a value/,
      ],
      [
        "another connector than the queue's",
        { ...attack(board, {}), connector: "lever" },
        /connector is not the connector of queue hrflow-connectors-runs-workable/,
      ],
    ];
    for (const [what, data, reason] of cases) {
      const job = await queue.add("pull", data);
      expect(await ended(job), what).toBe("failed");
      const failed = (await queue.getJob(String(job.id)))!;
      expect(failed.failedReason, what).toMatch(reason);
      // Refused before any request, and not retried.
      expect(failed.attemptsMade, what).toBe(1);
      expect(failed.failedReason).not.toContain(HRFLOW_SECRET_VALUE);
      expect(failed.failedReason).not.toContain(AWS_VALUE);
    }
    expect(received).toEqual([]);
    expect(hrflow.jobs(board)).toEqual([]);

    // The same worker runs a job that names only what it shares: the refusals above are the policy.
    const ok = await queue.add("pull", attack(board, {}));
    expect(await ended(ok)).toBe("completed");
    expect(hrflow.jobs(board)).toHaveLength(3);
    expect(received).toEqual([]);
  }, 90_000);
});

describe("URLs a worker allows", () => {
  it("matches origin and path prefix, host wildcards and loopback; never userinfo tricks", () => {
    const allowed = ["https://api.example.com/v1", "https://*.workable.com", "loopback"];
    expect(urlAllowed("https://api.example.com/v1/jobs", allowed)).toBe(true);
    expect(urlAllowed("https://api.example.com/v1", allowed)).toBe(true);
    expect(urlAllowed("https://api.example.com/v10", allowed)).toBe(false);
    expect(urlAllowed("https://api.example.com:8443/v1", allowed)).toBe(false);
    expect(urlAllowed("http://api.example.com/v1", allowed)).toBe(false);
    expect(urlAllowed("https://acme.workable.com/spi/v3", allowed)).toBe(true);
    expect(urlAllowed("https://evilworkable.com", allowed)).toBe(false);
    expect(urlAllowed("https://workable.com.evil.io", allowed)).toBe(false);
    expect(urlAllowed("http://127.0.0.1:4000", allowed)).toBe(true);
    expect(urlAllowed("http://[::1]:4000/x", allowed)).toBe(true);
    expect(urlAllowed("http://127.0.0.1:80@evil.io/", allowed)).toBe(false);
    expect(urlAllowed("http://localhost.evil.io", allowed)).toBe(false);
    expect(urlAllowed("file:///etc/passwd", allowed)).toBe(false);
    expect(urlAllowed("http://127.0.0.1:4000", [])).toBe(false);
  });
});

describe("a producer's local config", () => {
  it("keeps secret fields as references and resolves every other reference from its own environment", () => {
    const action = resolveAction(workableLoaded, "create_jobs_in_hrflow");
    const config = {
      workflow_id: ref("WF"),
      connector_auth: { api_access_token: ref("WORKABLE_TOKEN"), subdomain: ref("SUBDOMAIN") },
      hrflow_auth: { api_secret: { $env: "HRFLOW_API_SECRET" }, api_user: ref("HRFLOW_USER") },
      push_parameters: { board_key: "b" },
    };
    const env = { WF: "wf-1", SUBDOMAIN: "acme", HRFLOW_USER: "ops@acme.com", WORKABLE_TOKEN: "never-read" };
    expect(localJobConfig(action, config, env)).toEqual({
      workflow_id: "wf-1",
      connector_auth: { api_access_token: ref("WORKABLE_TOKEN"), subdomain: "acme" },
      hrflow_auth: { api_secret: { $env: "HRFLOW_API_SECRET" }, api_user: "ops@acme.com" },
      push_parameters: { board_key: "b" },
    });
    const missing = (() => {
      try {
        localJobConfig(action, config, { WF: "wf-1" }, ["schedules", "0"]);
      } catch (err) {
        return err;
      }
    })() as ConfigError;
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.issues.map((i) => i.path).sort()).toEqual([
      "schedules.0.connector_auth.subdomain",
      "schedules.0.hrflow_auth.api_user",
    ]);
  });
});
