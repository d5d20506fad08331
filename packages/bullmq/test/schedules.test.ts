import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@hrflow-connectors/cli";
import { createLogger } from "@hrflow-connectors/core";
import { memorySink } from "@hrflow-connectors/core/logging";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { stringify } from "yaml";
import {
  applySchedules,
  listSchedules,
  loadSchedules,
  RunQueues,
  redisClient,
  removeSchedules,
  startWorker,
} from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { jobsConfig, TEST_SECRETS, until } from "./helpers.js";

const redisUrl = `${inject("redisUrl")}/2`;
let dir: string;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
let queues: RunQueues;

beforeAll(async () => {
  const redis = redisClient(redisUrl);
  await redis.flushdb();
  await redis.quit();
  dir = mkdtempSync(join(tmpdir(), "hrflow-schedules-test-"));
  workable = await startFakeWorkable({ jobs: 5, rateLimit: null });
  hrflow = await startFakeHrFlow();
  queues = new RunQueues(redisUrl);
});
afterAll(async () => {
  await queues.close();
  await workable.close();
  await hrflow.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, schedules: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, stringify({ schedules }));
  return path;
};

describe("schedules", () => {
  it("refuses a schedules file with an inline secret or no timing, naming the field", async () => {
    const inline = file("inline.yaml", [
      {
        connector: "workable",
        action: "create_jobs_in_hrflow",
        every: 1000,
        ...jobsConfig("s1", "b", "acme"),
        connector_auth: { api_access_token: "plain-token-value", subdomain: "acme" },
      },
    ]);
    const err = await loadSchedules(inline, resolveWorkable).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues.map((i) => i.path)).toEqual([
      "schedules.0.connector_auth.api_access_token",
    ]);
    expect(String((err as ConfigError).message)).not.toContain("plain-token-value");

    const untimed = file("untimed.yaml", [
      { connector: "workable", action: "create_jobs_in_hrflow", ...jobsConfig("s1", "b", "acme") },
    ]);
    const err2 = await loadSchedules(untimed, resolveWorkable).catch((e: unknown) => e);
    expect((err2 as ConfigError).issues.map((i) => i.path)).toEqual(["schedules.0.cron"]);
  });

  it("applies, lists and removes job schedulers; a worker runs the scheduled pull", async () => {
    const board = hrflow.addBoard();
    const path = file("ok.yaml", [
      {
        id: "acme-jobs",
        connector: "workable",
        action: "create_jobs_in_hrflow",
        every: 500,
        ...jobsConfig("scheduled", board, workable.subdomain),
      },
      {
        id: "nightly",
        connector: "workable",
        action: "update_jobs_in_hrflow",
        cron: "0 3 * * *",
        tz: "Europe/Paris",
        ...jobsConfig("nightly", board, "acme"),
      },
    ]);
    const applied = await applySchedules(queues, await loadSchedules(path, resolveWorkable));
    expect(applied.map((s) => [s.id, s.every ?? s.cron, s.workflow_id])).toEqual(
      expect.arrayContaining([
        ["acme-jobs", 500, "scheduled"],
        ["nightly", "0 3 * * *", "nightly"],
      ]),
    );
    // Applying again updates in place: still two schedules.
    await applySchedules(queues, await loadSchedules(path, resolveWorkable));
    expect(await listSchedules(queues, ["workable"])).toHaveLength(2);

    const worker = await startWorker({
      redisUrl,
      connectors: ["workable"],
      leaseMs: 2000,
      resolveConnector: resolveWorkable,
      trust: { secrets: TEST_SECRETS, allowBaseUrls: [] },
      logger: createLogger({ sink: memorySink() }),
      runtime: {
        baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
        http: { rateLimits: { workable: { requests: 100, perMs: 1000 } } },
      },
      env: { WORKABLE_TOKEN: workable.token, HRFLOW_SECRET: hrflow.apiKey, HRFLOW_USER: hrflow.userEmail },
    });
    try {
      await until(() => hrflow.jobs(board).length === 5 || undefined, "the scheduled run to fill the board");
      const ran =
        /hrflow_connectors_runs_total\{connector="workable",action="create_jobs_in_hrflow",status="success"\} [1-9]/;
      // The board fills before the run's end is recorded.
      const metrics = await until(async () => {
        const text = await worker.metrics.text();
        return ran.test(text) ? text : undefined;
      }, "the run in the metrics");
      // Every tick of the schedule is a run: the counter holds at least the first run's five.
      const written = /hrflow_connectors_items_total\{[^}]*outcome="written"\} (\d+)/.exec(metrics)?.[1];
      expect(Number(written)).toBeGreaterThanOrEqual(5);
      expect(metrics).toContain(
        'hrflow_connectors_queue_jobs{queue="hrflow-connectors-runs-workable",state="delayed"}',
      );
      expect(await removeSchedules(queues, ["workable"], ["acme-jobs", "nightly", "missing"])).toEqual([
        "acme-jobs",
        "nightly",
      ]);
      expect(await listSchedules(queues, ["workable"])).toEqual([]);
    } finally {
      await worker.stop();
    }
    // Every tick ran the same workflow, one at a time: each job is on the board once.
    expect(
      hrflow
        .jobs(board)
        .map((j) => j.reference)
        .sort(),
    ).toEqual(workable.jobs.map((j) => j.shortcode).sort());
  });
});
