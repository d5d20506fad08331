import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type DeadLetterEntry, memorySink, readDeadLetter } from "@hrflow-connectors/core";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { expect, inject, it } from "vitest";
import { exportDeadLetters, RunQueues, redisClient, startWorker } from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { jobsConfig, TEST_SECRETS, until } from "./helpers.js";

const redisUrl = `${inject("redisUrl")}/4`;

it("puts a worker's failed items in the shared stream, exported as the JSONL replay reads", async () => {
  const redis = redisClient(redisUrl);
  await redis.flushdb();
  const dir = mkdtempSync(join(tmpdir(), "hrflow-dead-letter-test-"));
  const workable = await startFakeWorkable({ jobs: 5, rateLimit: null, seed: 9 });
  const hrflow = await startFakeHrFlow();
  const queues = new RunQueues(redisUrl);
  const worker = await startWorker({
    redisUrl,
    connectors: ["workable"],
    resolveConnector: resolveWorkable,
    trust: { secrets: TEST_SECRETS, allowBaseUrls: [] },
    logger: createLogger({ sink: memorySink() }),
    runtime: { baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl }, batchSize: 1 },
    env: { WORKABLE_TOKEN: workable.token, HRFLOW_SECRET: hrflow.apiKey, HRFLOW_USER: hrflow.userEmail },
  });
  try {
    const board = hrflow.addBoard();
    // HrFlow refuses two of the five jobs (400: not retried), so they go to the dead letter.
    hrflow.fail({ method: "POST", route: "/job/indexing", status: 400, message: "bad job", times: 2 });
    const id = await queues.enqueue({
      connector: "workable",
      action: "create_jobs_in_hrflow",
      workflow_id: "dead-letters",
      trigger: "pull",
      config: jobsConfig("dead-letters", board, workable.subdomain, { http: { retries: 0 } }),
    });
    const result = await until(async () => {
      const job = await queues.queue("workable").getJob(id);
      return job && (await job.isCompleted()) ? job.returnvalue : undefined;
    }, "the run");
    expect([result.status, result.written, result.dead_letter]).toEqual(["success_with_failures", 3, 2]);

    const file = join(dir, "dead-letters.jsonl");
    const ids = await exportDeadLetters(redis, file, { workflowId: "dead-letters" });
    expect(ids).toHaveLength(2);
    const entries: DeadLetterEntry[] = [];
    for await (const e of readDeadLetter(file)) entries.push(e);
    expect(entries.map((e) => [e.workflow_id, e.stage, e.run_id])).toEqual([
      ["dead-letters", "write", result.run_id],
      ["dead-letters", "write", result.run_id],
    ]);
    // The dead-lettered items are exactly the jobs missing from the board.
    const onBoard = new Set(hrflow.jobs(board).map((j) => j.reference));
    const missing = workable.jobs.map((j) => j.shortcode).filter((s) => !onBoard.has(s));
    expect(entries.map((e) => (e.item as { reference: string }).reference).sort()).toEqual(missing.sort());
  } finally {
    await worker.stop();
    await queues.close();
    await redis.quit();
    await workable.close();
    await hrflow.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
