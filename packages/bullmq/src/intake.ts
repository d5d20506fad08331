import type { Readable } from "node:stream";
import {
  answerHandshake,
  BodyBudget,
  checkSignature,
  connectorResolver,
  headerEventId,
  type LoadedConnector,
  precheckSignature,
  readWebhookBody,
  type ServerTimeouts,
  WEBHOOK_SERVER_TIMEOUTS,
  webhookKey,
} from "@hrflow-connectors/cli";
import { createLogger, type Logger } from "@hrflow-connectors/core";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { redisClient } from "./connection.js";
import { type IntakeRoute, loadIntakeRoutes } from "./intake-routes.js";
import { ClusterMetrics } from "./metrics.js";
import {
  assertOpsExposure,
  listenUrl,
  type OpsAuth,
  type OpsSurface,
  opsAuthFromEnv,
  startOpsSurface,
} from "./ops.js";
import { RunQueues } from "./producer.js";
import { guardRedisUrl } from "./redis-guard.js";
import { WEBHOOK_DEDUP_WINDOW_S, WebhookDeduplicator } from "./webhook-dedup.js";

export { intakeConfigSchema } from "./intake-routes.js";

/** Options of the durable webhook intake. */
export interface IntakeOptions {
  redisUrl: string;
  /** A serve config file (JSON/YAML). */
  configFile: string;
  /** The public webhook listener (default the config's host, else 127.0.0.1). */
  host?: string;
  port?: number;
  /** The operations listener: /metrics, /health and, with `board`, Bull Board (default 127.0.0.1). */
  opsHost?: string;
  /** Default 9464; 0 picks a free port. */
  opsPort?: number;
  /** Default: from HRFLOW_CONNECTORS_OPS_TOKEN; required when `opsHost` is not loopback. */
  opsAuth?: OpsAuth | null;
  logger?: Logger;
  /** Mount Bull Board (the queue dashboard) at /ui of the operations listener. */
  board?: boolean;
  /**
   * Bytes of bodies held at once across requests (default 4 x max_body_bytes, at least 16 MiB):
   * past it a request is answered 503 with Retry-After before its body is read.
   */
  maxInflightBytes?: number;
  /** How long a delivery is remembered as accepted (seconds, default 24 h). */
  dedupWindowS?: number;
  /** How long Redis may take to store an event before the vendor gets a 503 (default 3000 ms). */
  enqueueTimeoutMs?: number;
  /** Server timeouts (default WEBHOOK_SERVER_TIMEOUTS). */
  timeouts?: ServerTimeouts;
  resolveConnector?: (name: string) => Promise<LoadedConnector>;
  env?: NodeJS.ProcessEnv;
  /** Run on a Redis that can lose data (no AOF, or evicting keys); the risk is logged at start. */
  allowVolatileRedis?: boolean;
}

/** A listening intake. */
export interface RunningIntake {
  /** The public webhook listener. */
  url: string;
  app: FastifyInstance;
  /** The operations listener. */
  ops: OpsSurface;
  queues: RunQueues;
  metrics: ClusterMetrics;
  /** Stops accepting, answers what is in flight, closes connections. */
  close(): Promise<void>;
}

class Timeout extends Error {}

/** `work` or a Timeout after `ms`: a vendor waiting on a dead Redis gets its 503 in time to retry. */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The durable webhook intake on fastify: verifies the signature, drops deliveries already
 * accepted within the de-duplication window, stores the event as a queue job in Redis, and only
 * then answers 202. Once answered, the event survives a crash of this server and of every
 * worker. The public listener serves webhook routes only; metrics, health and the dashboard are
 * on the operations listener.
 */
export async function startIntake(options: IntakeOptions): Promise<RunningIntake> {
  const env = options.env ?? process.env;
  const logger = (options.logger ?? createLogger()).child({ service: "hrflow-connectors-intake" });
  await guardRedisUrl(options.redisUrl, {
    who: "intake",
    logger,
    allowVolatile: options.allowVolatileRedis ?? false,
  });
  const { cfg, routes } = await loadIntakeRoutes(
    options.configFile,
    options.resolveConnector ?? connectorResolver(),
    env,
    logger,
  );
  const opsAuth = options.opsAuth === undefined ? opsAuthFromEnv(env) : options.opsAuth;
  assertOpsExposure(options.opsHost ?? "127.0.0.1", opsAuth);
  // One retry, not BullMQ's unbounded default: with Redis gone, commands fail instead of queuing forever.
  const queues = new RunQueues(options.redisUrl, { maxRetriesPerRequest: 1 });
  for (const r of routes.values()) queues.queue(r.connector);
  // The outage is logged once below; BullMQ would print every reconnection failure to stderr.
  for (const q of queues.all()) q.on("error", () => {});
  const redis = redisClient(options.redisUrl, { maxRetriesPerRequest: 1 });
  // One line per outage, not one per reconnection attempt; requests answer 503 meanwhile.
  let redisDown = false;
  redis.on("error", (err: Error) => {
    if (!redisDown) logger.error(`Redis unreachable, webhooks answered 503: ${err.message}`);
    redisDown = true;
  });
  redis.on("ready", () => {
    redisDown = false;
  });
  const dedup = new WebhookDeduplicator(redis, options.dedupWindowS ?? WEBHOOK_DEDUP_WINDOW_S);
  const metrics = new ClusterMetrics(() => queues.depth());
  const maxBody = cfg.max_body_bytes ?? 5 * 1024 * 1024;
  const enqueueTimeoutMs = options.enqueueTimeoutMs ?? 3000;
  const budget = new BodyBudget(options.maxInflightBytes ?? Math.max(4 * maxBody, 16 << 20));
  const timeouts = options.timeouts ?? WEBHOOK_SERVER_TIMEOUTS;
  let stopping = false;

  const app = Fastify({
    logger: false,
    return503OnClosing: true,
    requestTimeout: timeouts.requestTimeoutMs,
    connectionTimeout: timeouts.idleTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  });
  // The body stays a stream: it is read under the size limit only once the headers passed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_req, payload, done) => done(null, payload));
  const count = (route: string, outcome: string) => metrics.webhooks.inc({ route, outcome });
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode ?? 500;
    // The route's template, never the raw URL: a label per URL would grow without bound.
    count(req.routeOptions.url ?? "unmatched", status >= 500 ? "error" : "invalid");
    if (status >= 500) logger.error(`Request failed: ${err.message}`);
    reply.code(status).send({ error: status >= 500 ? "internal error" : err.message });
  });
  app.setNotFoundHandler((_req, reply) => {
    count("unmatched", "not_found");
    reply.code(404).send({ error: "not found" });
  });
  // Refused before the body is read: what is left of it stays on the wire, so the connection closes.
  const refuse = (reply: FastifyReply, status: number, error: string) =>
    reply.code(status).header("connection", "close").send({ error });

  const handle = async (route: IntakeRoute, req: FastifyRequest, reply: FastifyReply) => {
    const h = req.headers;
    // A vendor's subscription check (unsigned) is answered as its package says, and queues nothing.
    const handshake = answerHandshake(route.guard, h);
    if (handshake) return reply.code(handshake.status).headers(handshake.headers).send({});
    const unsigned = route.guard && precheckSignature(route.guard, h);
    if (unsigned) {
      count(route.path, "refused");
      return refuse(reply, 401, unsigned);
    }
    const read = req.body
      ? await readWebhookBody(req.body as Readable, h, maxBody, budget)
      : ({ ok: true, body: Buffer.alloc(0), release: () => {} } as const);
    if (!read.ok) {
      count(route.path, read.reason);
      if (read.reason === "busy") {
        reply.header("retry-after", "5");
        return refuse(reply, 503, "too many bodies in flight, retry later");
      }
      if (read.reason === "aborted") return refuse(reply, 400, "request body aborted");
      return refuse(reply, 413, `body larger than ${maxBody} bytes`);
    }
    try {
      return await verifyAndQueue(route, read.body, h, reply);
    } finally {
      read.release();
    }
  };

  const verifyAndQueue = async (
    route: IntakeRoute,
    body: Buffer,
    h: FastifyRequest["headers"],
    reply: FastifyReply,
  ) => {
    const raw = body.toString("utf8");
    if (route.guard) {
      const refused = await checkSignature(route.guard, raw, h);
      if (refused) {
        count(route.path, "refused");
        logger.warn(`Refused webhook on ${route.path}: ${refused}`);
        return reply.code(401).send({ error: refused });
      }
    }
    let event: unknown;
    try {
      event = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      count(route.path, "invalid");
      return reply.code(400).send({ error: "body is not valid JSON" });
    }
    const { key, source } = webhookKey(route.path, body, headerEventId(route.eventIdHeader, h));
    const jobId = `webhook-${key}`;
    // Released on any failure, even a claim whose answer timed out: Redis runs the release after it.
    const token = WebhookDeduplicator.token();
    try {
      const claim = await within(dedup.claim(key, token), enqueueTimeoutMs);
      if (claim.status === "duplicate") {
        count(route.path, "duplicate");
        // A 2xx: the vendor stops retrying what was already accepted.
        return reply.code(200).send({ accepted: true, duplicate: true, id: key });
      }
      if (claim.status === "in_flight") {
        count(route.path, "in_flight");
        return reply.code(409).header("retry-after", "5").send({ error: "this delivery is being queued" });
      }
      // The job id is the delivery's key too: a copy queued after a lost answer adds nothing.
      const enqueue = queues.enqueue(
        {
          connector: route.connector,
          action: route.action.name,
          workflow_id: route.workflowId,
          trigger: "catch",
          config: route.config,
          event,
          received_at: new Date().toISOString(),
        },
        { jobId },
      );
      await within(enqueue, enqueueTimeoutMs);
    } catch (err) {
      dedup.release(key, token).catch(() => {});
      count(route.path, "unavailable");
      logger.error(`Webhook on ${route.path} not stored: ${(err as Error).message}`);
      return reply.code(503).header("retry-after", "10").send({ error: "queue unavailable, retry later" });
    }
    // Redis holds the job: the 202 stands even if the mark is lost (the claim expires, the job id stays).
    await within(dedup.accepted(key, jobId), enqueueTimeoutMs).catch((err: Error) =>
      logger.warn(`Webhook on ${route.path} queued but not marked for de-duplication: ${err.message}`),
    );
    count(route.path, "accepted");
    return reply.code(202).send({ accepted: true, id: key, key_source: source });
  };

  for (const route of routes.values()) {
    app.post(route.path, (req, reply) => handle(route, req, reply));
  }

  await app.listen({ host: options.host ?? cfg.host ?? "127.0.0.1", port: options.port ?? cfg.port ?? 8080 });
  let ops: OpsSurface;
  try {
    ops = await startOpsSurface({
      ...(options.opsHost ? { host: options.opsHost } : {}),
      port: options.opsPort ?? 9464,
      auth: opsAuth,
      metrics,
      health: () => ({ stopping, routes: [...routes.values()].map((r) => r.path) }),
      ...(options.board ? { board: queues.all() } : {}),
      logger,
    });
  } catch (err) {
    await app.close();
    await Promise.all([queues.close(), redis.quit().catch(() => {})]);
    throw err;
  }
  const url = listenUrl(app);
  for (const r of routes.values()) {
    logger.info(`Route POST ${r.path} -> queue of ${r.action.connector} ${r.action.name}`, {
      verification: r.guard ? `${r.guard.source} in header ${r.guard.header}` : "none",
    });
    if (!r.guard) logger.warn(`Route POST ${r.path} accepts unsigned requests (allow_unsigned: true)`);
  }
  logger.info(`Listening on ${url} (webhooks only)`, { url, dedup_window_s: dedup.windowS });

  return {
    url,
    app,
    ops,
    queues,
    metrics,
    async close() {
      stopping = true;
      await app.close();
      await ops.close();
      await Promise.all([queues.close(), redis.quit().catch(() => {})]);
    },
  };
}
