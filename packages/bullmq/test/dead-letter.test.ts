import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger, type DeadLetterEntry } from "@hrflow-connectors/core";
import { readDeadLetter } from "@hrflow-connectors/core/engine";
import { memorySink } from "@hrflow-connectors/core/logging";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { expect, inject, it } from "vitest";
import {
  exportDeadLetters,
  RunQueues,
  readRedisDeadLetters,
  redisClient,
  startWorker,
} from "../src/index.js";
import { resolveWorkable } from "./fixtures/registry.js";
import { jobsConfig, ref, TEST_SECRETS, until } from "./helpers.js";

const redisUrl = `${inject("redisUrl")}/4`;
// `replay --redis` runs through the built CLI (npm test builds every package first).
const CLI = fileURLToPath(new URL("../../cli/dist/bin.js", import.meta.url));
function runCli(args: string[], opts: { cwd: string; env: Record<string, string> }) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

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

    // `replay --redis` delivers them (HrFlow accepts now), keeps the file it reports, and removes
    // exactly what it delivered from the stream; a second one finds nothing left to send.
    const config = join(dir, "replay.json");
    writeFileSync(
      config,
      JSON.stringify({
        ...jobsConfig("dead-letters", board, workable.subdomain, { http: { retries: 0 } }),
        // The CLI's config reads variables as ${NAME} (the worker's jobs also take { $env }).
        connector_auth: { api_access_token: ref("WORKABLE_TOKEN"), subdomain: workable.subdomain },
        base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
      }),
    );
    const env = {
      WORKABLE_TOKEN: workable.token,
      HRFLOW_SECRET: hrflow.apiKey,
      HRFLOW_USER: hrflow.userEmail,
    };
    const args = ["replay", "--redis", redisUrl, "--workflow-id", "dead-letters", "-c", config, "--json"];
    const replayed = await runCli(args, { cwd: dir, env });
    expect(replayed.code, replayed.stderr).toBe(0);
    const report = JSON.parse(replayed.stdout);
    expect(report).toMatchObject({ replayed: 2, written: 2, still_failing: 0 });
    expect(existsSync(report.input)).toBe(true);
    expect(existsSync(report.journal)).toBe(true);
    expect(replayed.stderr).toMatch(/Acknowledged 2 delivered dead letter\(s\)/);
    const left: unknown[] = [];
    for await (const e of readRedisDeadLetters(redis, { workflowId: "dead-letters" })) left.push(e);
    expect(left).toEqual([]);
    const board2 = hrflow.jobs(board).map((j) => String(j.reference));
    expect(board2.sort()).toEqual(workable.jobs.map((j) => j.shortcode).sort());
    const again = await runCli(args, { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/0 dead letter\(s\) of dead-letters/);
  } finally {
    await worker.stop();
    await queues.close();
    await redis.quit();
    await workable.close();
    await hrflow.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
