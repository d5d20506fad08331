import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  connectorResolver,
  findConnectorPackages,
  journalPath,
  loadConfigFile,
  ReplayJournal,
  readConfigFile,
  resolveAction,
  UsageError,
} from "@hrflow-connectors/cli";
import { createLogger, jsonLinesSink } from "@hrflow-connectors/core";
import { defaultDeadLetterDirectory } from "@hrflow-connectors/core/store";
import { redisClient, safeRedisUrl } from "./connection.js";
import { acknowledgeDeadLetters, exportDeadLetters } from "./dead-letter.js";
import { startIntake } from "./intake.js";
import { listFlag } from "./job-trust.js";
import { localJobConfig } from "./jobs.js";
import { assertOpsExposure, type OpsSurface, opsAuthFromEnv, startOpsSurface } from "./ops.js";
import { RunQueues } from "./producer.js";
import { assertRedisReachable } from "./reach.js";
import { guardRedisUrl } from "./redis-guard.js";
import { scheduleLines, unknownScheduleIds } from "./schedule-output.js";
import { applySchedules, listSchedules, loadSchedules, removeSchedules } from "./schedules.js";
import { startWorker } from "./worker.js";

type Spec = NonNullable<Parameters<typeof parseArgs>[0]>["options"];
function parse<O extends Spec>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: options as O, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function redisFlag(value: unknown, command: string): string {
  const url = (typeof value === "string" && value) || process.env.HRFLOW_CONNECTORS_REDIS_URL;
  if (!url) throw new UsageError(`${command} needs --redis <url> (or HRFLOW_CONNECTORS_REDIS_URL)`);
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--redis must be a redis:// or rediss:// URL`);
  return url;
}

function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

/** Resolves on the first SIGINT/SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(s);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

export const workerHelp = `Usage: hrflow-connectors worker --redis <url> --secrets A,B [--concurrency N] [--connectors workable,lever]

Runs queued runs (schedules, webhooks, enqueue) in this process; start as many as needed, on any
machine reaching the Redis. A queued config names its secrets (\${VAR} or {"$env": VAR} in a secret
field); this worker resolves only the names listed in --secrets, from its own environment, and
sends requests only to the connectors' real APIs and the URLs in --allow-base-urls. Job data is
never interpolated otherwise: a job asking for more is failed with the reason.
State, dead letters and rate limits are shared through Redis. The Redis must keep what it
acknowledged (appendonly yes, maxmemory-policy noeviction): the worker refuses to start otherwise.
SIGTERM: current batches finish and checkpoint, unfinished runs go back to the queue, then exit 0.

Options:
      --redis <url>            Redis URL (default HRFLOW_CONNECTORS_REDIS_URL)
      --secrets <names>        environment variables jobs may name as secrets
                               (default HRFLOW_CONNECTORS_WORKER_SECRETS; none when unset)
      --allow-base-urls <list> URLs jobs may point at: https://host[/path], https://*.domain, or
                               loopback (local fakes) (default HRFLOW_CONNECTORS_ALLOW_BASE_URLS)
      --allow-volatile-redis   run on a Redis that can lose data (the risk is logged at every start)
      --concurrency <n>        runs at once per connector (default 1)
      --connectors <list>      connectors to serve (default: every installed one)
      --lease-ms <n>           workflow lock lease; a dead worker's run restarts after it (default 30000)
      --metrics-port <n>       serve the operations surface (/metrics, /health) on port <n>
      --ops-host <addr>        its address (default 127.0.0.1); any other address needs
                               HRFLOW_CONNECTORS_OPS_TOKEN (Bearer, or Basic as HRFLOW_CONNECTORS_OPS_USER)
      --dead-letter-days <n>   dead letters kept this many days (default 7)
      --dead-letter-max <n>    at most this many dead letters (default 10000)
      --webhook-job-hours <n>  finished webhook jobs (event data) kept this many hours (default 1)`;

/** `worker`: a long-running consumer of the run queues. */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    redis: { type: "string" },
    concurrency: { type: "string" },
    connectors: { type: "string" },
    "lease-ms": { type: "string" },
    "metrics-port": { type: "string" },
    secrets: { type: "string" },
    "allow-base-urls": { type: "string" },
    "allow-volatile-redis": { type: "boolean" },
    "dead-letter-days": { type: "string" },
    "dead-letter-max": { type: "string" },
    "webhook-job-hours": { type: "string" },
    "ops-host": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${workerHelp}\n`);
    return 0;
  }
  const redisUrl = redisFlag(values.redis, "worker");
  const metricsPort = positiveInt(values["metrics-port"], "metrics-port");
  const opsHost = values["ops-host"] ?? "127.0.0.1";
  const opsAuth = opsAuthFromEnv();
  // Refused before any work is taken: an exposed, unauthenticated surface is a configuration error.
  if (metricsPort) assertOpsExposure(opsHost, opsAuth);
  await assertRedisReachable(redisUrl);
  const allowVolatileRedis = Boolean(values["allow-volatile-redis"]);
  // Refused before connectors load; startWorker checks again and logs the risk when allowed.
  await guardRedisUrl(redisUrl, { who: "worker", allowVolatile: allowVolatileRedis });
  const connectors = values.connectors
    ? values.connectors
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : (await findConnectorPackages()).map((p) => p.name.split("/").at(-1)!);
  if (connectors.length === 0)
    throw new UsageError("No connector installed: install one or pass --connectors");
  const resolve = connectorResolver();
  for (const c of connectors) await resolve(c);
  const logger = createLogger({ sink: jsonLinesSink, tags: { service: "hrflow-connectors-worker" } });
  const trust = {
    secrets: listFlag(values.secrets ?? process.env.HRFLOW_CONNECTORS_WORKER_SECRETS),
    allowBaseUrls: listFlag(values["allow-base-urls"] ?? process.env.HRFLOW_CONNECTORS_ALLOW_BASE_URLS),
  };
  const badName = trust.secrets.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
  if (badName) throw new UsageError(`--secrets takes environment variable names, got '${badName}'`);
  const days = positiveInt(values["dead-letter-days"], "dead-letter-days");
  const maxDead = positiveInt(values["dead-letter-max"], "dead-letter-max");
  const hours = positiveInt(values["webhook-job-hours"], "webhook-job-hours");
  const worker = await startWorker({
    redisUrl,
    connectors,
    trust,
    allowVolatileRedis,
    retention: {
      ...(days ? { deadLetterMaxAgeMs: days * 86_400_000 } : {}),
      ...(maxDead ? { deadLetterMaxCount: maxDead } : {}),
      ...(hours ? { webhookCompletedMaxAgeMs: hours * 3_600_000 } : {}),
    },
    concurrency: positiveInt(values.concurrency, "concurrency") ?? 1,
    leaseMs: positiveInt(values["lease-ms"], "lease-ms") ?? 30_000,
    resolveConnector: resolve,
    logger,
  });
  let stopping = false;
  let ops: OpsSurface | null = null;
  if (metricsPort) {
    ops = await startOpsSurface({
      host: opsHost,
      port: metricsPort,
      auth: opsAuth,
      metrics: worker.metrics,
      health: () => ({ stopping, worker: worker.id, connectors }),
      logger,
    }).catch(async (err: unknown) => {
      await worker.stop();
      throw err;
    });
  }
  logger.info(`Worker ${worker.id} on ${safeRedisUrl(redisUrl)} serving ${connectors.join(", ")}`);
  const signal = await untilSignal();
  logger.info(`Received ${signal}: finishing current batches, then exiting`);
  stopping = true;
  await worker.stop();
  await ops?.close();
  return 0;
}

export const scheduleHelp = `Usage: hrflow-connectors schedule apply <schedules.yaml> --redis <url>
       hrflow-connectors schedule list [--connectors workable,...] --redis <url> [--json]
       hrflow-connectors schedule remove <id>... [--connectors workable,...] --redis <url>

A schedules file: { "schedules": [ { "id", "connector", "action", "cron" | "every" (ms), "tz",
  ...the action's run config (workflow_id, connector_auth with \${VAR} secrets, ...) } ] }
Schedules are BullMQ job schedulers: every worker sees them, none runs them twice.`;

/** `schedule apply|list|remove`. */
export async function scheduleCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    redis: { type: "string" },
    connectors: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const [sub, ...rest] = positionals;
  if (values.help || !sub) {
    process.stdout.write(`${scheduleHelp}\n`);
    return values.help ? 0 : 2;
  }
  const redisUrl = redisFlag(values.redis, "schedule");
  await assertRedisReachable(redisUrl);
  const queues = new RunQueues(redisUrl);
  try {
    const connectors = async () =>
      values.connectors
        ? values.connectors.split(",").map((s) => s.trim())
        : (await findConnectorPackages()).map((p) => p.name.split("/").at(-1)!);
    // Scripts get JSON with --json; a terminal gets lines.
    const print = (json: unknown, text: string) =>
      process.stdout.write(`${values.json ? JSON.stringify(json) : text}\n`);
    if (sub === "apply") {
      if (rest.length !== 1) throw new UsageError("schedule apply takes one schedules file");
      const applied = await applySchedules(queues, await loadSchedules(rest[0]!));
      print(applied, `Applied; the schedules of these connectors are now:\n${scheduleLines(applied)}`);
    } else if (sub === "list") {
      const listed = await listSchedules(queues, await connectors());
      print(listed, scheduleLines(listed));
    } else if (sub === "remove") {
      if (rest.length === 0) throw new UsageError("schedule remove needs at least one schedule id");
      const names = await connectors();
      const removed = await removeSchedules(queues, names, rest);
      const unknown = rest.filter((id) => !removed.includes(id));
      print({ removed, unknown }, removed.length > 0 ? `Removed: ${removed.join(", ")}` : "Removed nothing.");
      if (unknown.length > 0) {
        const known = (await listSchedules(queues, names)).map((s) => s.id);
        process.stderr.write(`${unknownScheduleIds(unknown, known)}\n`);
        return 2;
      }
    } else {
      throw new UsageError(`Unknown schedule command '${sub}'\n\n${scheduleHelp}`);
    }
    return 0;
  } finally {
    await queues.close();
  }
}

/** `enqueue <connector> <action> -c <file> --redis <url>`: one pull run, now. */
export async function enqueueCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    redis: { type: "string" },
    config: { type: "string", short: "c" },
    "workflow-id": { type: "string" },
    replace: { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const [connector, actionName] = positionals;
  if (values.help || !connector || !actionName || !values.config) {
    process.stdout.write(
      "Usage: hrflow-connectors enqueue <connector> <action> -c <file> --redis <url> [--replace] [--json]\n" +
        "A pull of a workflow already waiting with the same config is joined; with another config it is\n" +
        "refused, or replaced with --replace (a running one is never replaced).\n",
    );
    return values.help ? 0 : 2;
  }
  const action = resolveAction(await connectorResolver()(connector), actionName);
  const config = localJobConfig(action, (await readConfigFile(values.config)) as Record<string, unknown>);
  const workflowId = values["workflow-id"] ?? (config.workflow_id as string | undefined);
  if (!workflowId) throw new UsageError("enqueue needs a workflow_id (config or --workflow-id)");
  const redisUrl = redisFlag(values.redis, "enqueue");
  await assertRedisReachable(redisUrl);
  const queues = new RunQueues(redisUrl);
  try {
    const submitted = await queues.submit(
      { connector, action: action.name, workflow_id: workflowId, trigger: "pull", config },
      { replace: Boolean(values.replace) },
    );
    if (submitted.message) process.stderr.write(`${submitted.message}\n`);
    const queued = submitted.outcome !== "coalesced";
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ queued, ...submitted })}\n`
        : `${queued ? "Queued" : "Already queued:"} ${connector} ${action.name} for workflow ${workflowId} (job ${submitted.id}, ${submitted.outcome}); a worker runs it.\n`,
    );
    return 0;
  } finally {
    await queues.close();
  }
}

export const intakeHelp = `Usage: hrflow-connectors serve --redis <url> --config <file> [--port <n>] [--host <addr>]
         [--ops-port <n>] [--ops-host <addr>] [--board] [--dedup-window <s>]

The durable webhook intake: the same config file as serve. Each POST /<connector>/<action> is
checked (signature, body size, de-duplication), stored in Redis as a queued run, and only then
answered 202; workers run it. The public listener (--host/--port) serves webhooks only.
The operations listener (--ops-host, default 127.0.0.1; --ops-port, default 9464) serves
GET /health, GET /metrics and, with --board, Bull Board at /ui; off loopback it needs
HRFLOW_CONNECTORS_OPS_TOKEN (Bearer token, or Basic auth as HRFLOW_CONNECTORS_OPS_USER, default ops).
--dedup-window: seconds a delivery is remembered as accepted (default 86400).
Secrets in the config stay references (\${VAR} or {"$env": VAR}): workers resolve them; other
\${VAR} are resolved here. Refuses a Redis that can lose data unless --allow-volatile-redis.`;

/** `serve --redis <url> -c <file> [--board]`: the durable webhook intake. */
export async function intakeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    redis: { type: "string" },
    config: { type: "string", short: "c" },
    port: { type: "string", short: "p" },
    host: { type: "string" },
    "ops-port": { type: "string" },
    "ops-host": { type: "string" },
    "dedup-window": { type: "string" },
    board: { type: "boolean" },
    "allow-volatile-redis": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${intakeHelp}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError("serve takes no arguments");
  if (!values.config) throw new UsageError("serve needs --config <file>");
  const logger = createLogger({ sink: jsonLinesSink });
  const redisUrl = redisFlag(values.redis, "serve");
  await assertRedisReachable(redisUrl);
  const intake = await startIntake({
    redisUrl,
    configFile: values.config,
    ...(values.host ? { host: values.host } : {}),
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
    ...(values["ops-host"] ? { opsHost: values["ops-host"] } : {}),
    ...(values["ops-port"] !== undefined ? { opsPort: Number(values["ops-port"]) } : {}),
    ...(values["dedup-window"] !== undefined
      ? { dedupWindowS: positiveInt(values["dedup-window"], "dedup-window")! }
      : {}),
    board: Boolean(values.board),
    allowVolatileRedis: Boolean(values["allow-volatile-redis"]),
    logger,
  });
  const signal = await untilSignal();
  logger.info(`Received ${signal}: closing (accepted events are in Redis)`);
  await intake.close();
  return 0;
}

/**
 * `replay --redis <url> --workflow-id <id> -c <file>`: exports the workflow's dead letters from the
 * shared stream to a JSONL file kept under the data directory (the paths the replay reports stay
 * there), hands it to the CLI's replay, then acknowledges what it delivered: those entries are
 * removed from the stream (XDEL); what still fails stays there.
 */
export async function replayFromRedis(
  args: string[],
  replay: (args: string[]) => Promise<number>,
): Promise<number> {
  const i = args.indexOf("--redis");
  const url = redisFlag(args[i + 1], "replay");
  await assertRedisReachable(url);
  const rest = [...args.slice(0, i), ...args.slice(i + 2)];
  const w = rest.indexOf("--workflow-id");
  const workflowId =
    w >= 0 ? rest[w + 1] : ((await loadConfigFile(configPath(rest))) as { workflow_id?: string }).workflow_id;
  if (!workflowId)
    throw new UsageError("replay --redis needs the workflow (config workflow_id or --workflow-id)");
  const dir = join(defaultDeadLetterDirectory(), "redis", encodeURIComponent(workflowId));
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(dir, `${stamp}.jsonl`);
  const redis = redisClient(url);
  try {
    const ids = await exportDeadLetters(redis, file, { workflowId });
    process.stderr.write(`${ids.length} dead letter(s) of ${workflowId} read from ${safeRedisUrl(url)}\n`);
    if (ids.length === 0) {
      await rm(file, { force: true });
      return 0;
    }
    const given = rest.indexOf("--dead-letter");
    const output = given >= 0 ? rest[given + 1]! : join(dir, `${stamp}.still-failing.jsonl`);
    const code = await replay([file, ...rest, ...(given >= 0 ? [] : ["--dead-letter", output])]);
    // Line n of the export is stream entry ids[n - 1]; the journal holds the lines delivered.
    const delivered = [...new ReplayJournal(journalPath(file)).done].map((n) => ids[n - 1]!).filter(Boolean);
    const removed = await acknowledgeDeadLetters(redis, delivered);
    process.stderr.write(
      `Acknowledged ${removed} delivered dead letter(s) in ${safeRedisUrl(url)}; ${ids.length - removed} stay in the stream\n`,
    );
    return code;
  } finally {
    await redis.quit().catch(() => {});
  }
}

function configPath(args: string[]): string {
  const c = Math.max(args.indexOf("-c"), args.indexOf("--config"));
  const file = c >= 0 ? args[c + 1] : undefined;
  if (!file) throw new UsageError("replay needs --config <file>");
  return file;
}
