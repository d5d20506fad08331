// The CLI as an operator starts it: peak RSS of every process of its tree during one sync against
// the bench's fakes (bench/sync/fakes.mjs, in their own process). Not part of CI.
// Usage: node bench/cli-rss.mjs [items=10000] [connector=workable]; env as for the CLI
// (e.g. HRFLOW_CONNECTORS_NODE_FLAGS="" for V8's defaults). Linux only (reads /proc).
import { fork, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const items = Number(process.argv[2] ?? 10_000);
const connector = process.argv[3] ?? "workable";
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const BIN = here("../packages/cli/dist/bin.js");

function ask(child, message, type) {
  return new Promise((resolve) => {
    const onMessage = (m) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      resolve(m);
    };
    child.on("message", onMessage);
    child.send(message);
  });
}

/** The process's own high-water RSS (VmHWM, MB) and its children's pids; null once it is gone. */
function sample(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const children = readdirSync(`/proc/${pid}/task`).flatMap((t) => {
      try {
        return readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" ").filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
    return { hwm, children };
  } catch {
    return null;
  }
}

const fakes = fork(here("./sync/fakes.mjs"), { stdio: "inherit" });
const dir = mkdtempSync(join(tmpdir(), "cli-rss-"));
try {
  // The fakes serve one bench row (connector and action): Workable's update, another's job list.
  const bench = connector === "workable" ? "update_jobs_in_hrflow" : "pull_job_list";
  const start = { type: "start", connector, action: bench, items, latencyMs: 20, limit: null };
  const ready = await ask(fakes, start, "ready");
  const unlimited = { requests: 1_000_000, per_ms: 1000 };
  const config = join(dir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      ...ready.options,
      base_urls: ready.baseUrls,
      http: { rate_limits: { workable: unlimited, hrflow: unlimited, lever_auth: unlimited } },
    }),
  );
  const action = ready.options.pull_parameters ? "update_jobs_in_hrflow" : "pull_job_list";
  const started = Date.now();
  const cli = spawn(process.execPath, [BIN, "run", connector, action, "-c", config, "--json"], {
    env: { ...process.env, HRFLOW_CONNECTORS_HOME: dir, HRFLOW_CONNECTORS_LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  cli.stdout.on("data", (d) => {
    out += d;
  });
  // Peak per pid: the started process and any process it starts.
  const peaks = new Map();
  const timer = setInterval(() => {
    const queue = [cli.pid];
    while (queue.length > 0) {
      const pid = queue.shift();
      const s = sample(pid);
      if (!s) continue;
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, s.hwm));
      queue.push(...s.children);
    }
  }, 25);
  const code = await new Promise((r) => cli.on("close", r));
  clearInterval(timer);
  const result = JSON.parse(out);
  const perProcess = [...peaks.values()].map((v) => +v.toFixed(1));
  console.log(
    JSON.stringify({
      connector,
      action,
      items,
      code,
      status: result.status,
      written: result.written,
      seconds: (Date.now() - started) / 1000,
      processes: perProcess.length,
      peakRssMBPerProcess: perProcess,
      peakRssMBTotal: +perProcess.reduce((a, b) => a + b, 0).toFixed(1),
      flags: process.env.HRFLOW_CONNECTORS_NODE_FLAGS ?? "(CLI default)",
    }),
  );
} finally {
  // The IPC channel keeps both processes alive until it is closed.
  await ask(fakes, { type: "stop" }, "stopped");
  fakes.disconnect();
  rmSync(dir, { recursive: true, force: true });
}
