import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Action, Logger, RunOptions } from "@hrflow-connectors/core";
import { z } from "zod";
import { abortOnSignals, cliLogger, intFlag, parse, stateStore, stopWhenOrphaned } from "../common.js";
import { ConfigError, loadConfigFile, zodIssues } from "../config.js";
import { connectorResolver, resolveAction, UsageError } from "../discover.js";
import { type AnyActionOptions, prepareAction, runCatch } from "../options.js";
import { WorkQueue } from "../queue.js";
import { checkSignature, precheckSignature, type WebhookGuard, webhookGuard } from "../webhook.js";
import { applyServerTimeouts, serverTimeoutOptions } from "../webhook-body.js";

export const serveHelp = `Usage: hrflow-connectors serve --config <file> [--port <n>] [--host <addr>] [--state-dir <dir>]

Receives vendor webhooks and runs catch-style actions: POST /<connector>/<action> answers 202 and
runs the action in the background (bounded concurrency); GET /health reports the queue.
SIGTERM/SIGINT stop accepting requests, finish queued and running runs, then exit 0.

Config: { "port", "host", "concurrency", "queue_limit", "base_urls",
          "actions": [ { "connector", "action", "webhook_secret", "signature_header", "path",
                         ...the action's run config (workflow_id, connector_auth, ...) } ] }`;

/** One webhook route of a serve config: which action, where, how signed, and its run config. */
export const serveRouteSchema = z
  .object({
    connector: z.string().min(1),
    action: z.string().min(1),
    path: z.string().startsWith("/").optional(),
    webhook_secret: z.string().min(1).optional(),
    signature_header: z.string().min(1).optional(),
    allow_unsigned: z
      .boolean()
      .optional()
      .describe("Accept unsigned posts on a route without webhook_secret (refused otherwise)"),
  })
  .passthrough();

/** The config `serve` reads (also the durable intake's, in @hrflow-connectors/bullmq). */
export const serveConfigSchema = z
  .object({
    host: z.string().optional(),
    port: z.number().int().min(0).max(65535).optional(),
    concurrency: z.number().int().positive().optional(),
    queue_limit: z.number().int().positive().optional(),
    max_body_bytes: z.number().int().positive().optional(),
    base_urls: z.record(z.string(), z.string()).optional(),
    actions: z.array(serveRouteSchema).min(1),
  })
  .strict();

interface Route {
  path: string;
  action: Action;
  options: AnyActionOptions;
  /** The run options the route's config carries, built once at startup. */
  runtime: RunOptions;
  guard: WebhookGuard | null;
}

/** Reads the serve config and prepares one route per action; every problem is reported before listening. */
async function loadRoutes(file: string) {
  const parsed = serveConfigSchema.safeParse(await loadConfigFile(file));
  if (!parsed.success) throw new ConfigError(`Invalid serve config ${file}`, zodIssues(parsed.error));
  const cfg = parsed.data;
  const routes = new Map<string, Route>();
  const resolveConnector = connectorResolver();
  for (const [i, entry] of cfg.actions.entries()) {
    const {
      connector,
      action: actionName,
      path,
      webhook_secret,
      signature_header,
      allow_unsigned,
      ...rest
    } = entry;
    const loaded = await resolveConnector(connector);
    const action = resolveAction(loaded, actionName);
    if (!action.triggers.includes("catch")) {
      throw new UsageError(
        `actions.${i}: ${action.name} is a pull action; only catch-style actions can be served`,
      );
    }
    const raw = { ...(cfg.base_urls ? { base_urls: cfg.base_urls } : {}), ...rest };
    const { options, runtime } = prepareAction(action, raw, {}, file, ["actions", String(i)]);
    let guard: WebhookGuard | null;
    try {
      guard = webhookGuard(loaded, action, webhook_secret, signature_header, {
        allowUnsigned: allow_unsigned,
      });
    } catch (err) {
      throw new ConfigError(`Invalid serve config ${file}`, [
        { path: `actions.${i}.webhook_secret`, message: (err as Error).message, code: "required" },
      ]);
    }
    const route = path ?? `/${loaded.connector.subtype}/${action.name}`;
    routes.set(route.toLowerCase(), { path: route, action, options, runtime, guard });
  }
  return { cfg, routes };
}

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
  const stats = { accepted: 0, rejected: 0, succeeded: 0, failed: 0 };
  let stopping = false;

  const runJob = (route: Route, event: unknown, id: string, log: Logger) => async () => {
    const result = await runCatch(route.action, route.options, event, {
      ...route.runtime,
      store,
      logger: log,
    }).catch((err: unknown) => {
      log.error(`Webhook run crashed: ${(err as Error).message}`);
      return null;
    });
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
    let event: unknown;
    try {
      event = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      return send(res, 400, { error: "body is not valid JSON" });
    }
    const id = randomUUID();
    const log = logger.child({ webhook_id: id });
    if (!queue.push(runJob(route, event, id, log))) {
      return send(res, 503, { error: "queue full" }, { "retry-after": "5" });
    }
    stats.accepted++;
    return send(res, 202, { accepted: true, id });
  };

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
  logger.info("Stopped", { ...stats });
  return 0;
}
