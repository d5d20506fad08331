import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Logger, RunResult } from "@hrflow-connectors/core";
import { ProcessIdentityLocks } from "@hrflow-connectors/core/engine";
import { HttpRuntime } from "@hrflow-connectors/core/http";
import { dataDirectory, describeHolder, FileStore } from "@hrflow-connectors/core/store";
import { abortOnSignals, cliLogger, intFlag, parse, stateStore, stopWhenOrphaned } from "../common.js";
import { UsageError } from "../discover.js";
import { runCatch } from "../options.js";
import { WorkQueue } from "../queue.js";
import { DEFAULT_DEDUPE_WINDOW_MS, type SpooledEvent, WebhookSpool } from "../spool.js";
import { answerHandshake, checkSignature, precheckSignature } from "../webhook.js";
import { applyServerTimeouts, serverTimeoutOptions } from "../webhook-body.js";
import { headerEventId, webhookKey } from "../webhook-key.js";
import { loadRoutes, type Route, serveConfigSchema, serveRouteSchema } from "./serve-routes.js";

export const serveHelp = `Usage: hrflow-connectors serve --config <file> [--port <n>] [--host <addr>] [--state-dir <dir>] [--spool-dir <dir>]

Receives vendor webhooks and runs catch-style actions: POST /<connector>/<action> answers 202 once
the event is stored durably (fsynced in the spool directory) and runs the action in the background
(bounded concurrency); GET /health reports the queue. An event delivered again (same vendor event
id, or the same body on the same route) within the de-duplication window (default 24 h) runs once:
the repeat is answered 202 with "duplicate": true. When the event cannot be stored (a full disk)
the answer is 503, so the vendor retries. On start, every event accepted but not yet done runs.
SIGTERM/SIGINT stop accepting requests, finish queued and running runs, then exit 0.

  --spool-dir <dir>  where accepted events wait until done (default <data dir>/serve-spool)

Config: { "port", "host", "concurrency", "queue_limit", "base_urls", "spool_dir", "dedupe_window_minutes",
          "actions": [ { "connector", "action", "webhook_secret", "signature_header", "path",
                         ...the action's run config (workflow_id, connector_auth, ...) } ] }`;

export { serveConfigSchema, serveRouteSchema };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The request body, or null when it is larger than `max`. An oversized body is not buffered: what
 * is left of it is read and dropped while the 413 goes out with `Connection: close`, so the
 * client gets the answer (not a reset) and no later request reuses the connection.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"]);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > max;
    if (over) resolve(null);
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

/** `serve --config <file>`: the webhook server. Resolves with 0 after a graceful shutdown. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    config: { type: "string", short: "c" },
    port: { type: "string", short: "p" },
    host: { type: "string" },
    "state-dir": { type: "string" },
    "spool-dir": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${serveHelp}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments\n\n${serveHelp}`);
  if (!values.config) throw new UsageError("serve needs --config <file>");
  const { cfg, routes } = await loadRoutes(values.config);
  const logger = cliLogger(undefined, { service: "hrflow-connectors-serve" });
  const store = stateStore(values["state-dir"]);
  const queue = new WorkQueue(cfg.concurrency ?? 2, cfg.queue_limit ?? 1000);
  const maxBody = cfg.max_body_bytes ?? 5 * 1024 * 1024;
  const stats = { accepted: 0, duplicates: 0, rejected: 0, succeeded: 0, failed: 0, kept: 0 };
  let stopping = false;
  const spoolDir = values["spool-dir"] ?? cfg.spool_dir ?? join(dataDirectory(), "serve-spool");
  const windowMs = cfg.dedupe_window_minutes ? cfg.dedupe_window_minutes * 60_000 : DEFAULT_DEDUPE_WINDOW_MS;
  // One serve per spool: a second one would also run the first one's pending events, twice.
  const spoolLease = await new FileStore(spoolDir).acquire("serve-spool", { ttlMs: 30_000 });
  if (!spoolLease.acquired) {
    throw new UsageError(
      `The spool ${spoolDir} is in use by another serve (${describeHolder(spoolLease.holder)}): give this one its own --spool-dir`,
    );
  }
  const spoolHeartbeat = setInterval(() => void spoolLease.lease.renew(), 10_000);
  spoolHeartbeat.unref();
  const spool = await WebhookSpool.open(spoolDir, windowMs);
  // One set of identity locks for every route: two actions writing one target never write one
  // item (an HrFlow reference, a candidate) at the same time.
  const identityLocks = new ProcessIdentityLocks();
  // One HTTP runtime for every route's runs: a credential's rate limit and live token hold across
  // the runs this serve has in flight at once.
  const httpRuntime = new HttpRuntime();
  // Keys of events accepted and not done yet: true once spooled, false when the spool write failed.
  const inFlight = new Map<string, Promise<boolean>>();

  /** After a run: done events leave the spool; a crash or an unrecorded failure keeps it for the next start. */
  const settle = async (event: SpooledEvent, result: RunResult | null, log: Logger) => {
    if (!result || result.reason === "dead_letter_failure") {
      stats.kept++;
      log.error(
        `Webhook event ${event.id} stays in the spool ${spool.pendingDir}: it runs again at the next start`,
      );
      return;
    }
    try {
      await spool.done(event.key);
    } catch (err) {
      log.error(
        `Could not mark webhook event ${event.id} done in ${spool.directory}: ${(err as Error).message}`,
      );
    }
    inFlight.delete(event.key);
  };

  const runJob = (route: Route, spooled: SpooledEvent, log: Logger) => async () => {
    const id = spooled.id;
    let result: RunResult | null;
    try {
      const event: unknown = spooled.body.trim() ? JSON.parse(spooled.body) : {};
      result = await runCatch(route.action, route.options, event, {
        ...route.runtime,
        store,
        logger: log,
        identityLocks,
        httpRuntime,
      });
    } catch (err) {
      log.error(`Webhook run crashed: ${(err as Error).message}`);
      result = null;
    }
    await settle(spooled, result, log);
    if (result && result.status !== "fatal") stats.succeeded++;
    else stats.failed++;
    log.info("Webhook run finished", {
      webhook_id: id,
      status: result?.status ?? "fatal",
      reason: result?.reason ?? "crash",
      events: result?.events,
      written: result?.written,
      dead_letter: result?.dead_letter,
      issues: result?.issues,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
    if (path === "/health") {
      if (req.method !== "GET" && req.method !== "HEAD")
        return send(res, 405, { error: "method not allowed" });
      return send(res, stopping ? 503 : 200, {
        status: stopping ? "stopping" : "ok",
        queued: queue.waiting,
        running: queue.running,
        ...stats,
        routes: [...routes.values()].map((r) => r.path),
      });
    }
    const route = routes.get(path.toLowerCase());
    if (!route) return send(res, 404, { error: `no action at ${path}` });
    if (req.method !== "POST") return send(res, 405, { error: "method not allowed" }, { allow: "POST" });
    if (stopping) return send(res, 503, { error: "shutting down" }, { "retry-after": "5" });
    // A vendor's subscription check (unsigned) is answered as its package says, and runs nothing.
    const handshake = answerHandshake(route.guard, req.headers);
    if (handshake) return send(res, handshake.status, {}, handshake.headers);
    // An unsigned request is refused before its body is read: its bytes never reach memory.
    const unsigned = route.guard && precheckSignature(route.guard, req.headers);
    if (unsigned) {
      stats.rejected++;
      return send(res, 401, { error: unsigned }, { connection: "close" });
    }
    const body = await readBody(req, maxBody);
    if (!body) {
      stats.rejected++;
      return send(res, 413, { error: `body larger than ${maxBody} bytes` }, { connection: "close" });
    }
    const raw = body.toString("utf8");
    if (route.guard) {
      const refused = await checkSignature(route.guard, raw, req.headers);
      if (refused) {
        stats.rejected++;
        logger.warn(`Refused webhook on ${route.path}: ${refused}`);
        return send(res, 401, { error: refused });
      }
    }
    try {
      if (raw.trim()) JSON.parse(raw);
    } catch {
      return send(res, 400, { error: "body is not valid JSON" });
    }
    const { key } = webhookKey(route.path, body, headerEventId(route.eventIdHeader, req.headers));
    // Set before any await: a second delivery of this event, even at the same moment, waits on it.
    const earlier = inFlight.get(key);
    if (earlier || spool.seen(key)) {
      if (earlier && !(await earlier))
        return send(res, 503, { error: "event not stored" }, { "retry-after": "5" });
      stats.duplicates++;
      logger.info(`Duplicate webhook on ${route.path} acknowledged without running again`, { key });
      return send(res, 202, { accepted: true, duplicate: true });
    }
    if (queue.waiting >= queue.limit) return send(res, 503, { error: "queue full" }, { "retry-after": "5" });
    const spooled: SpooledEvent = {
      id: randomUUID(),
      key,
      route: route.path,
      received_at: new Date().toISOString(),
      body: raw,
    };
    const stored = spool.put(spooled).then(
      () => true,
      (err: unknown) => {
        logger.error(
          `Could not store a webhook event in ${spool.pendingDir}: ${(err as Error).message}; answered 503`,
        );
        return false;
      },
    );
    inFlight.set(key, stored);
    if (!(await stored)) {
      inFlight.delete(key);
      stats.rejected++;
      return send(
        res,
        503,
        { error: "the event could not be stored durably; retry later" },
        { "retry-after": "30" },
      );
    }
    // Spooled: it runs, now or at the next start, so the queue's limit does not refuse it any more.
    queue.push(runJob(route, spooled, logger.child({ webhook_id: spooled.id })), true);
    stats.accepted++;
    return send(res, 202, { accepted: true, id: spooled.id });
  };

  // What an earlier process accepted and did not finish runs first.
  for (const spooled of await spool.pending()) {
    const route = routes.get(spooled.route.toLowerCase());
    if (!route) {
      logger.warn(`A spooled webhook event for ${spooled.route} has no route in this config: kept`, {
        id: spooled.id,
      });
      continue;
    }
    inFlight.set(spooled.key, Promise.resolve(true));
    queue.push(runJob(route, spooled, logger.child({ webhook_id: spooled.id })), true);
    logger.info(`Running webhook event ${spooled.id} accepted before the restart`, { route: spooled.route });
  }

  const server = createServer(serverTimeoutOptions(), (req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error(`Request failed: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: "internal error" });
    });
  });
  applyServerTimeouts(server);
  const port = values.port !== undefined ? intFlag(values.port, "port") : (cfg.port ?? 8080);
  const host = values.host ?? cfg.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  for (const r of routes.values()) {
    // Not "signature": the logger masks fields by that name.
    logger.info(`Route POST ${r.path} -> ${r.action.connector} ${r.action.name}`, {
      verification: r.guard
        ? `${r.guard.source} in header ${r.guard.header}`
        : "none (unsigned requests accepted)",
    });
    if (!r.guard) logger.warn(`Route POST ${r.path} accepts unsigned requests (allow_unsigned: true)`);
  }
  logger.info(`Listening on ${url}`, { url });

  const orphanWatch = stopWhenOrphaned(() => logger.warn("Parent process is gone: stopping as on SIGTERM"));

  const stopped = new Promise<void>((resolve) => {
    const signals = abortOnSignals((signal) => {
      clearInterval(orphanWatch);
      stopping = true;
      logger.info(`Received ${signal}: finishing ${queue.running + queue.waiting} run(s), then exiting`);
      server.close();
      server.closeIdleConnections();
      queue.drain().then(() => {
        signals.dispose();
        resolve();
      });
    });
  });
  await stopped;
  clearInterval(spoolHeartbeat);
  await spoolLease.lease.release();
  logger.info("Stopped", { ...stats });
  return 0;
}
