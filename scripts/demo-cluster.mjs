// The scale-out on loopback: a Redis started by scripts/redis.mjs, three worker processes and the
// durable webhook intake (the real CLI), three tenants each with its own fake Workable (own token,
// own rate limit) and board/source in a fake HrFlow.ai, a schedule per tenant and a burst of
// webhooks. The worker process holding a tenant's lock (its PID read from the lock) is killed with
// SIGKILL in the middle of that run, then Redis itself is killed and restarted (its AOF replayed).
// The demo ends by checking, per tenant, that every item is in the target exactly once and that no
// token went over its limit; it fails when the kill did not happen.
// Run with `npm run demo:cluster` (builds first).
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { Redis } from "ioredis";
import { freePort, startRedis } from "./redis.mjs";

const TENANTS = ["acme", "globex", "initech"];
const JOBS = 40;
const CANDIDATES = 8;
// Workable's account limit, 10 requests per 10 s, compressed tenfold so the demo stays short.
const LIMIT = { requests: 10, perMs: 1000 };
const BIN = new URL("../packages/cli/dist/bin.js", import.meta.url).pathname;
const line = (text = "") => console.log(text);
const ref = (name) => `\${${name}}`;
const envName = (tenant, what) => `${tenant.toUpperCase()}_${what}`;

const dir = await mkdtemp(join(tmpdir(), "hrflow-connectors-cluster-"));
const redis = await startRedis();
const hrflow = await startFakeHrFlow();
// 150 ms per job written: a run of 40 jobs lasts a few seconds, so the kill lands inside it.
hrflow.fail({ method: "POST", route: "/job/indexing", delayMs: 150, times: 1e9 });
const tenants = [];
for (const [i, name] of TENANTS.entries()) {
  const workable = await startFakeWorkable({
    jobs: JOBS,
    candidates: CANDIDATES,
    rateLimit: LIMIT,
    seed: 11 + i,
  });
  tenants.push({
    name,
    workable,
    board: hrflow.addBoard(`${name}-board`, `${name} jobs`),
    source: hrflow.addSource(`${name}-source`, { sync_parsing: true }),
    secret: `whsec-${name}`,
  });
}
const children = [];
const env = {
  ...process.env,
  HRFLOW_API_SECRET: hrflow.apiKey,
  ...Object.fromEntries(
    tenants.flatMap((t) => [
      [envName(t.name, "WORKABLE_TOKEN"), t.workable.token],
      [envName(t.name, "WEBHOOK_SECRET"), t.secret],
    ]),
  ),
};
const cli = (args, name) => {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (d) => {
    log += d;
  });
  const proc = { name, child, log: () => log, exited: new Promise((r) => child.once("exit", r)) };
  children.push(proc);
  return proc;
};
const until = async (check, what, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const config = (t, extra = {}) => ({
  workflow_id: `${t.name}-jobs`,
  connector_auth: {
    api_access_token: ref(envName(t.name, "WORKABLE_TOKEN")),
    subdomain: t.workable.subdomain,
  },
  hrflow_auth: { api_secret: { $env: "HRFLOW_API_SECRET" }, api_user: hrflow.userEmail },
  pull_parameters: {},
  push_parameters: { board_key: t.board },
  base_urls: { workable: t.workable.baseUrl, hrflow: hrflow.baseUrl },
  batch_size: 5,
  http: { rate_limits: { workable: { requests: LIMIT.requests, per_ms: LIMIT.perMs } } },
  ...extra,
});

let failed = false;
let killed = null;
let victimName = "";
const redisClient = new Redis(redis.url);

/** The PID in a workflow lock's owner (`host:pid:...`, or a JSON lease with `pid`/`owner`); null when it is another host's. */
function lockHolderPid(owner) {
  let text = owner;
  if (owner.startsWith("{")) {
    const lease = JSON.parse(owner);
    if (typeof lease.pid === "number") return lease.pid;
    text = String(lease.owner ?? lease.holder ?? "");
  }
  const [host, pid] = text.split(":");
  return host === hostname() && Number(pid) > 0 ? Number(pid) : null;
}

/** The parent PIDs of a process, nearest first (Linux /proc), so a worker under a wrapper is found. */
function ancestors(pid) {
  const out = [];
  for (let p = pid; out.length < 8; ) {
    let status;
    try {
      status = readFileSync(`/proc/${p}/status`, "utf8");
    } catch {
      break;
    }
    p = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    if (p <= 1) break;
    out.push(p);
  }
  return out;
}
try {
  line(`Redis ${redis.url} (started by scripts/redis.mjs), fake HrFlow ${hrflow.baseUrl}`);
  for (const t of tenants) {
    line(
      `  tenant ${t.name.padEnd(8)} fake Workable ${t.workable.baseUrl}: ${JOBS} jobs, ${CANDIDATES} candidates, ${LIMIT.requests} req/${LIMIT.perMs} ms`,
    );
  }

  // 1. Three workers, the intake, the schedules.
  const workers = [1, 2, 3].map((n) =>
    cli(
      [
        "worker",
        "--redis",
        redis.url,
        "--connectors",
        "workable",
        "--lease-ms",
        "3000",
        "--concurrency",
        "2",
        // Jobs name these secrets and point at the fakes on loopback: the workers must allow both.
        "--secrets",
        ["HRFLOW_API_SECRET", ...tenants.map((t) => envName(t.name, "WORKABLE_TOKEN"))].join(","),
        "--allow-base-urls",
        "loopback",
      ],
      `worker ${n}`,
    ),
  );
  const port = await freePort();
  const serve = join(dir, "serve.json");
  await writeFile(
    serve,
    JSON.stringify({
      actions: tenants.map((t) => ({
        connector: "workable",
        action: "create_profiles_in_hrflow",
        path: `/${t.name}/workable`,
        webhook_secret: ref(envName(t.name, "WEBHOOK_SECRET")),
        ...config(t, { workflow_id: `${t.name}-candidates`, push_parameters: { source_key: t.source } }),
      })),
    }),
  );
  const intake = cli(
    ["serve", "--redis", redis.url, "-c", serve, "--port", String(port), "--ops-port", "0"],
    "intake",
  );
  await until(() => intake.log().includes("Listening on"), "the intake");
  await until(() => workers.every((w) => w.log().includes("serving workable")), "the workers");
  line("\n== 3 workers and the intake are up; applying one schedule per tenant (every 3 s)");
  const schedules = join(dir, "schedules.json");
  await writeFile(
    schedules,
    JSON.stringify({
      schedules: tenants.map((t) => ({
        id: `${t.name}-jobs`,
        connector: "workable",
        action: "create_jobs_in_hrflow",
        every: 3000,
        incremental: true,
        ...config(t),
      })),
    }),
  );
  const applied = spawnSync(process.execPath, [BIN, "schedule", "apply", schedules, "--redis", redis.url], {
    env,
    encoding: "utf8",
  });
  if (applied.status !== 0) throw new Error(`schedule apply failed: ${applied.stderr}`);
  line(
    `   ${JSON.parse(applied.stdout)
      .map((s) => `${s.id} (every ${s.every} ms)`)
      .join(", ")}`,
  );

  // 2. A burst of signed webhooks: every candidate of every tenant at once.
  const posts = tenants.flatMap((t) =>
    t.workable.candidates.map(async (c) => {
      const body = JSON.stringify({
        event_type: "candidate_created",
        data: { id: c.id, email: c.email, job: c.job },
      });
      const signature = createHmac("sha256", t.secret).update(body).digest("hex");
      const res = await fetch(`http://127.0.0.1:${port}/${t.name}/workable`, {
        method: "POST",
        body,
        headers: { "x-workable-signature": signature },
      });
      return res.status;
    }),
  );
  const statuses = await Promise.all(posts);
  line(
    `\n== burst of ${statuses.length} webhooks: ${statuses.filter((s) => s === 202).length} answered 202 (stored in Redis)`,
  );

  // 3. SIGKILL the process that holds a tenant's job run, once it has written part of it.
  const victimTenant = tenants[0];
  victimName = `${victimTenant.name}-jobs`;
  const lockKey = `hrflow-connectors:lock:${victimTenant.name}-jobs`;
  const held = await until(async () => {
    const written = hrflow.jobs(victimTenant.board).length;
    const owner = await redisClient.get(lockKey);
    const pid = owner ? lockHolderPid(owner) : null;
    return written >= 5 && written <= JOBS - 10 && pid ? { pid, owner } : null;
  }, "the run in progress");
  const victim = workers.find((w) => w.child.pid === held.pid || ancestors(held.pid).includes(w.child.pid));
  if (!victim) throw new Error(`lock ${held.owner} is held by pid ${held.pid}, none of the demo's workers`);
  process.kill(held.pid, "SIGKILL");
  killed = { pid: held.pid, worker: victim.name, written: hrflow.jobs(victimTenant.board).length };
  line(
    `\n== SIGKILL pid ${held.pid} (${victim.name}, the holder of ${lockKey}) while it ran: ${killed.written}/${JOBS} jobs written`,
  );

  // 3b. Kill Redis itself and start it again on the same port: the AOF gives back every queued
  // run, lock and checkpoint it acknowledged; workers and the intake reconnect.
  await redis.restart();
  line(`== SIGKILL Redis and restart it (appendonly yes, appendfsync everysec): back on ${redis.url}`);

  // 4. Everything lands, exactly once.
  await until(
    () =>
      tenants.every(
        (t) => hrflow.jobs(t.board).length >= JOBS && hrflow.profiles(t.source).length >= CANDIDATES,
      ),
    "every tenant's jobs and profiles",
  );
  const unschedule = spawnSync(
    process.execPath,
    [BIN, "schedule", "remove", ...tenants.map((t) => `${t.name}-jobs`), "--redis", redis.url],
    { env, encoding: "utf8" },
  );
  if (unschedule.status !== 0) throw new Error(`schedule remove failed: ${unschedule.stderr}`);
  // Let runs already started end, so the counts below are final.
  await new Promise((r) => setTimeout(r, 2000));
  await until(async () => (await redisClient.keys("hrflow-connectors:lock:*")).length === 0, "the last runs");

  line("\n== per tenant");
  for (const t of tenants) {
    const refs = hrflow.jobs(t.board).map((j) => j.reference);
    const expected = t.workable.jobs.map((j) => j.shortcode);
    const profiles = hrflow.profiles(t.source).map((p) => p.reference);
    const missing =
      expected.filter((r) => !refs.includes(r)).length +
      t.workable.candidates.filter((c) => !profiles.includes(c.id)).length;
    const duplicated = refs.length - new Set(refs).size + (profiles.length - new Set(profiles).size);
    const refused = t.workable.requests.count({ status: 429 });
    const ok = missing === 0 && duplicated === 0 && refused === 0;
    failed ||= !ok;
    line(
      `  ${ok ? "OK  " : "FAIL"} ${t.name.padEnd(8)} jobs ${refs.length}/${JOBS}, profiles ${profiles.length}/${CANDIDATES}: missing ${missing}, duplicated ${duplicated}; ` +
        `Workable token: ${t.workable.requests.count()} requests, ${refused} over the limit (429)`,
    );
  }
  if (!killed) {
    failed = true;
    line("\nNo worker was killed mid-run: the demo proved nothing about exactly-once.");
  }
  line(
    failed
      ? "\nSome tenant failed the check."
      : `\nEvery tenant: each item exactly once, no token over its limit, through the SIGKILL of the worker running ${victimName} (pid ${killed.pid}) and of Redis.`,
  );
} catch (err) {
  failed = true;
  console.error(err);
  for (const c of children) console.error(`--- ${c.name}\n${c.log().slice(-2000)}`);
} finally {
  for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGTERM");
  await Promise.all(children.map((c) => Promise.race([c.exited, new Promise((r) => setTimeout(r, 10_000))])));
  for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
  redisClient.disconnect();
  for (const t of tenants) await t.workable.close();
  await hrflow.close();
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
