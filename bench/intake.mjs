// The durable webhook intake (the real CLI `serve --redis`) under abuse, on a Redis started by
// scripts/redis.mjs: resident memory while 40 clients each post a 5 MiB body unsigned, then with a
// wrong signature; how many of 20 events sent three times each are queued; how long a webhook
// waits for its 503 when Redis hangs (SIGSTOP) and when it is down. Run with `npm run bench:intake`
// (builds first) or `node bench/intake.mjs` once built.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { DEFAULT_NODE_FLAGS } from "../packages/cli/dist/v8-flags.js";
import { startRedis } from "../scripts/redis.mjs";

const BIN = new URL("../packages/cli/dist/bin.js", import.meta.url).pathname;
const SECRET = "whsec-bench-intake";
const ROUTE = "/workable/create_profiles_in_hrflow";
const CLIENTS = 40;
const BIG = 5 * 1024 * 1024;

// A `${NAME}` reference as a config file spells it (resolved by the server, not by this script).
const ref = (name) => `\${${name}}`;
const rssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(line[1]) / 1024;
};
const sign = (body) => createHmac("sha256", SECRET).update(body).digest("hex");

/** Posts `size` bytes (or `body`) and resolves with the status; the client stops sending once answered. */
function post(url, headers, body) {
  return new Promise((resolve) => {
    const req = request(`${url}${ROUTE}`, { method: "POST", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", () => resolve("reset"));
    req.end(body);
  });
}

/** Runs `fn` while sampling the process's RSS every 20 ms; returns its result and the peak. */
async function peakDuring(pid, fn) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);
  try {
    return { result: await fn(), peak };
  } finally {
    clearInterval(timer);
  }
}

const redis = await startRedis();
const dir = mkdtempSync(join(tmpdir(), "hrflow-bench-intake-"));
const config = join(dir, "serve.json");
writeFileSync(
  config,
  JSON.stringify({
    actions: [
      {
        connector: "workable",
        action: "create_profiles_in_hrflow",
        webhook_secret: ref("WEBHOOK_SECRET"),
        workflow_id: "bench-intake",
        connector_auth: { api_access_token: ref("WORKABLE_TOKEN"), subdomain: "bench" },
        hrflow_auth: { api_secret: ref("HRFLOW_SECRET"), api_user: ref("HRFLOW_USER") },
        push_parameters: { source_key: "src" },
      },
    ],
  }),
);
const child = spawn(
  process.execPath,
  // Under the CLI's own flags from the start (else it replaces itself with them: same pid).
  [...DEFAULT_NODE_FLAGS, BIN, "serve", "--redis", redis.url, "-c", config, "--port", "0", "--ops-port", "0"],
  { env: { ...process.env, WEBHOOK_SECRET: SECRET }, stdio: ["ignore", "ignore", "pipe"] },
);
let log = "";
const url = await new Promise((resolve, reject) => {
  child.stderr.on("data", (d) => {
    log += d;
    const m = log.match(/Listening on (http:\/\/[^ ]+) \(webhooks only\)/);
    if (m) resolve(m[1]);
  });
  child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
});
const queue = new Queue("hrflow-connectors-runs-workable", { connection: { url: redis.url } });
const rows = [];
try {
  for (let i = 0; i < 20; i++) await post(url, { "x-workable-signature": sign(`{"i":${i}}`) }, `{"i":${i}}`);
  const idle = rssMb(child.pid);
  const big = Buffer.alloc(BIG, "a");
  const clients = (headers) =>
    Promise.all(
      Array.from({ length: CLIENTS }, () => post(url, { ...headers, "content-length": String(BIG) }, big)),
    );
  const statuses = (list) =>
    [...Map.groupBy(list, (s) => s)].map(([s, all]) => `${all.length} x ${s}`).join(", ");
  const unsigned = await peakDuring(child.pid, () => clients({}));
  rows.push(["40 x 5 MiB, no signature header", idle, unsigned.peak, statuses(unsigned.result)]);
  const forged = await peakDuring(child.pid, () => clients({ "x-workable-signature": "00".repeat(32) }));
  rows.push(["40 x 5 MiB, wrong signature", idle, forged.peak, statuses(forged.result)]);

  const before = await queue.count();
  const answers = [];
  for (let i = 0; i < 20; i++) {
    const body = JSON.stringify({
      event_type: "candidate_created",
      data: { id: `dup-${i}`, email: `d${i}@x.y` },
    });
    for (let k = 0; k < 3; k++) answers.push(await post(url, { "x-workable-signature": sign(body) }, body));
  }
  const queued = (await queue.count()) - before;

  const timed = async (body) => {
    const started = performance.now();
    const status = await post(url, { "x-workable-signature": sign(body) }, body);
    return { status, ms: Math.round(performance.now() - started) };
  };
  process.kill(redis.pid, "SIGSTOP");
  const hung = await timed('{"down":"hung"}');
  process.kill(redis.pid, "SIGCONT");
  await queue.close();
  await redis.stop();
  const down = await timed('{"down":"stopped"}');

  console.log("\nIntake under abuse (default 5 MiB body limit, real CLI `serve --redis`)\n");
  console.log("| load | RSS idle (MB) | RSS peak (MB) | answers |");
  console.log("| --- | --- | --- | --- |");
  for (const [what, a, b, s] of rows) console.log(`| ${what} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${s} |`);
  console.log(`\n20 events sent 3 times each: ${statuses(answers)}; ${queued} jobs queued`);
  console.log(
    `Redis hung (SIGSTOP): ${hung.status} after ${hung.ms} ms; Redis stopped: ${down.status} after ${down.ms} ms`,
  );
} finally {
  child.kill("SIGTERM");
  await redis.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
