// The scale-out on loopback: a Redis started by scripts/redis.mjs, three worker processes and the
// durable webhook intake (the real CLI), three tenants each with its own fake Workable (own token,
// own rate limit) and board/source in a fake HrFlow.ai, a schedule per tenant and a burst of
// webhooks. One worker is killed with SIGKILL in the middle of a run. The demo ends by checking,
// per tenant, that every item is in the target exactly once and that no token went over its limit.
// Run with `npm run demo:cluster` (builds first).
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
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
const redisClient = new Redis(redis.url);
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

  // 3. SIGKILL the worker holding a tenant's job run once it has written part of it.
  const victimTenant = tenants[0];
  await until(() => hrflow.jobs(victimTenant.board).length >= 10, "a run in progress");
  const owner = await redisClient.get(`hrflow-connectors:lock:${victimTenant.name}-jobs`);
  const pid = Number(owner?.split(":")[1]);
  const victim = workers.find((w) => w.child.pid === pid);
  if (victim) {
    victim.child.kill("SIGKILL");
    line(
      `\n== SIGKILL ${victim.name} (pid ${pid}) while it ran ${victimTenant.name}-jobs: ${hrflow.jobs(victimTenant.board).length}/${JOBS} jobs written`,
    );
  } else {
    line(`\n== ${victimTenant.name}-jobs was not running when checked (lock: ${owner}); nothing killed`);
  }

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
  line(
    failed
      ? "\nSome tenant failed the check."
      : "\nEvery tenant: each item exactly once, no token over its limit.",
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
