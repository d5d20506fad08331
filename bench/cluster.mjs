// Throughput of the scale-out with 1, 2 and 4 worker processes (the real CLI `worker`), against the
// fakes with 20 ms added to every request, on a Redis started by scripts/redis.mjs:
//   small: many small workflows spread over several tenants (each its own Workable token and limit)
//   big:   one big workflow (one run at a time, by design)
// For each: runs/s, items/s, and how close each tenant's token came to its rate-limit ceiling
// (requests per second over the measured span / the limit). Run with `npm run bench:cluster`
// (BENCH_QUICK=1 for a tiny run).
import { spawn } from "node:child_process";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { Queue } from "bullmq";
import { startRedis } from "../scripts/redis.mjs";

const BIN = new URL("../packages/cli/dist/bin.js", import.meta.url).pathname;
const LATENCY_MS = 20;
// BENCH_QUICK=1: one worker and tiny workloads, the tests' check that the script still runs.
const QUICK = Boolean(process.env.BENCH_QUICK);
const WORKERS = QUICK ? [1] : [1, 2, 4];
const WORKLOADS = QUICK
  ? {
      small: { tenants: 2, workflowsPerTenant: 1, jobs: 3, limit: { requests: 20, perMs: 1000 } },
      big: { tenants: 1, workflowsPerTenant: 1, jobs: 20, limit: { requests: 50, perMs: 1000 } },
    }
  : {
      small: { tenants: 4, workflowsPerTenant: 4, jobs: 10, limit: { requests: 20, perMs: 1000 } },
      big: { tenants: 1, workflowsPerTenant: 1, jobs: 200, limit: { requests: 50, perMs: 1000 } },
    };
const QUEUE = "hrflow-connectors-runs-workable";

const redis = await startRedis();
const rows = [];
try {
  for (const [name, w] of Object.entries(WORKLOADS)) {
    for (const n of WORKERS) rows.push(await measure(name, w, n));
  }
} finally {
  await redis.stop();
}
console.log(`\nCluster bench: ${LATENCY_MS} ms added to every request, worker concurrency 1 per process\n`);
console.log("| workload | workers | runs | items | seconds | runs/s | items/s | ceiling use per tenant |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.workers} | ${r.runs} | ${r.items} | ${r.seconds.toFixed(1)} | ${(r.runs / r.seconds).toFixed(2)} | ${(r.items / r.seconds).toFixed(1)} | ${r.ceiling.map((c) => `${Math.round(c * 100)}%`).join(" ")} |`,
  );
}

async function measure(name, w, workers) {
  const hrflow = await startFakeHrFlow();
  hrflow.fail({ delayMs: LATENCY_MS, times: 1e9 });
  const tenants = [];
  for (let i = 0; i < w.tenants; i++) {
    const workable = await startFakeWorkable({ jobs: w.jobs, rateLimit: w.limit, seed: 100 + i });
    workable.fail({ delayMs: LATENCY_MS, times: 1e9 });
    tenants.push({ i, workable, token: `TENANT_${i}_TOKEN` });
  }
  const env = {
    ...process.env,
    HRFLOW_SECRET: hrflow.apiKey,
    ...Object.fromEntries(tenants.map((t) => [t.token, t.workable.token])),
  };
  const procs = Array.from({ length: workers }, () =>
    spawn(
      process.execPath,
      [
        BIN,
        "worker",
        "--redis",
        redis.url,
        "--connectors",
        "workable",
        // The jobs name these secrets and point at the fakes on loopback: the worker must allow both.
        "--secrets",
        ["HRFLOW_SECRET", ...tenants.map((t) => t.token)].join(","),
        "--allow-base-urls",
        "loopback",
      ],
      { env, stdio: ["ignore", "ignore", "pipe"] },
    ),
  );
  await Promise.all(
    procs.map(
      (p) =>
        new Promise((resolve, reject) => {
          let log = "";
          p.stderr.on("data", (d) => {
            log += d;
            if (log.includes("serving workable")) resolve();
          });
          // A worker that dies before serving (no build, no Redis) fails the bench instead of hanging it.
          p.once("exit", (code) => reject(new Error(`worker exited (${code}) before serving:\n${log}`)));
        }),
    ),
  );
  const queue = new Queue(QUEUE, { connection: { url: redis.url } });
  const jobs = [];
  for (const t of tenants) {
    for (let k = 0; k < w.workflowsPerTenant; k++) {
      const board = hrflow.addBoard();
      jobs.push({
        name: "pull",
        data: {
          connector: "workable",
          action: "create_jobs_in_hrflow",
          workflow_id: `${name}-${workers}-${t.i}-${k}`,
          trigger: "pull",
          config: {
            connector_auth: { api_access_token: `\${${t.token}}`, subdomain: t.workable.subdomain },
            hrflow_auth: { api_secret: { $env: "HRFLOW_SECRET" }, api_user: hrflow.userEmail },
            push_parameters: { board_key: board },
            base_urls: { workable: t.workable.baseUrl, hrflow: hrflow.baseUrl },
            http: {
              rate_limits: {
                workable: { requests: w.limit.requests, per_ms: w.limit.perMs },
                hrflow: { requests: 1000, per_ms: 1000 },
              },
            },
          },
        },
      });
    }
  }
  const started = Date.now();
  const added = await queue.addBulk(jobs);
  let items = 0;
  for (const job of added) {
    for (;;) {
      const state = await queue.getJobState(job.id);
      if (state === "completed") {
        items += (await queue.getJob(job.id)).returnvalue.written;
        break;
      }
      if (state === "failed")
        throw new Error(`run ${job.id} failed: ${(await queue.getJob(job.id)).failedReason}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const ceiling = tenants.map(
    (t) => t.workable.requests.count() / seconds / (w.limit.requests / (w.limit.perMs / 1000)),
  );
  const refused = tenants.reduce((n, t) => n + t.workable.requests.count({ status: 429 }), 0);
  if (refused > 0) console.error(`${name} x${workers}: ${refused} requests answered 429`);
  await queue.obliterate({ force: true });
  await queue.close();
  for (const p of procs) p.kill("SIGTERM");
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once("exit", r)))));
  for (const t of tenants) await t.workable.close();
  await hrflow.close();
  console.error(`${name} with ${workers} worker(s): ${items} items in ${seconds.toFixed(1)} s`);
  return { name, workers, runs: jobs.length, items, seconds, ceiling };
}
