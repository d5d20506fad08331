import { randomUUID } from "node:crypto";
import {
  ConfigError,
  checkActionConfig,
  checkSignature,
  connectorResolver,
  interpolateEnv,
  type LoadedConnector,
  prepareAction,
  readConfigFile,
  resolveAction,
  serveConfigSchema,
  UsageError,
  type WebhookGuard,
  webhookGuard,
  zodIssues,
} from "@hrflow-connectors/cli";
import { type Action, createLogger, type Logger } from "@hrflow-connectors/core";
import Fastify, { type FastifyInstance } from "fastify";
import { localJobConfig, resolveSecrets } from "./jobs.js";
import { ClusterMetrics } from "./metrics.js";
import { RunQueues } from "./producer.js";
import { guardRedisUrl } from "./redis-guard.js";

// The same config file `serve` reads: its queue settings are BullMQ's here.
export const intakeConfigSchema = serveConfigSchema;

interface IntakeRoute {
  path: string;
  action: Action;
  connector: string;
  /** The action's run config with secrets still as references: workers resolve them. */
  config: Record<string, unknown>;
  workflowId: string;
  guard: WebhookGuard | null;
}

/** Options of the durable webhook intake. */
export interface IntakeOptions {
  redisUrl: string;
  /** A serve config file (JSON/YAML). */
  configFile: string;
  host?: string;
  port?: number;
  logger?: Logger;
  /** Mount Bull Board (the queue dashboard) at /ui. */
  board?: boolean;
  resolveConnector?: (name: string) => Promise<LoadedConnector>;
  env?: NodeJS.ProcessEnv;
  /** Run on a Redis that can lose data (no AOF, or evicting keys); the risk is logged at start. */
  allowVolatileRedis?: boolean;
}

/** A listening intake. */
export interface RunningIntake {
  url: string;
  app: FastifyInstance;
  queues: RunQueues;
  metrics: ClusterMetrics;
  /** Stops accepting, answers what is in flight, closes connections. */
  close(): Promise<void>;
}

/** Reads the serve config; every problem (including inline secrets) is reported before listening. */
async function loadRoutes(
  file: string,
  resolve: (name: string) => Promise<LoadedConnector>,
  env: NodeJS.ProcessEnv,
  logger: Logger,
) {
  const parsed = intakeConfigSchema.safeParse(await readConfigFile(file));
  if (!parsed.success) throw new ConfigError(`Invalid serve config ${file}`, zodIssues(parsed.error));
  const cfg = parsed.data;
  const routes = new Map<string, IntakeRoute>();
  for (const [i, entry] of cfg.actions.entries()) {
    const { connector, action: actionName, path, webhook_secret, signature_header, ...rest } = entry;
    const loaded = await resolve(connector);
    const action = resolveAction(loaded, actionName);
    if (!action.triggers.includes("catch")) {
      throw new UsageError(
        `actions.${i}: ${action.name} is a pull action; only catch-style actions can be served`,
      );
    }
    const local = { ...(cfg.base_urls ? { base_urls: cfg.base_urls } : {}), ...rest };
    const config = localJobConfig(action, local, env, ["actions", String(i)]);
    const workflowId = checkRoute(action, config, env, file, i, logger);
    const secret = webhook_secret === undefined ? undefined : interpolateEnv(webhook_secret, env);
    let guard: WebhookGuard | null;
    try {
      guard = webhookGuard(loaded, action, secret, signature_header);
    } catch (err) {
      throw new ConfigError(`Invalid serve config ${file}`, [
        { path: `actions.${i}.webhook_secret`, message: (err as Error).message, code: "required" },
      ]);
    }
    const route = path ?? `/${loaded.connector.subtype}/${action.name}`;
    routes.set(route.toLowerCase(), {
      path: route,
      action,
      connector,
      config,
      workflowId,
      guard,
    });
  }
  return { cfg, routes };
}

/**
 * Checks a route's run config now rather than in every worker later, and returns its workflow id.
 * The intake need not hold the vendors' secrets (only the webhook secrets): when references are
 * missing from its environment, only the config's shape is checked and workers check the rest.
 */
function checkRoute(
  action: Action,
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  file: string,
  i: number,
  logger: Logger,
): string {
  const prefix = ["actions", String(i)];
  try {
    return prepareAction(action, resolveSecrets(config, env), {}, file, prefix).options.workflow_id;
  } catch (err) {
    const missing = err instanceof ConfigError && err.issues.every((issue) => issue.code === "missing_env");
    if (!missing) throw err;
    const { issues } = checkActionConfig(action, config, prefix);
    if (issues.length > 0) throw new ConfigError(`Invalid serve config ${file}`, issues);
    const workflowId = config.workflow_id;
    if (typeof workflowId !== "string" || !workflowId) {
      throw new ConfigError(`Invalid serve config ${file}`, [
        { path: [...prefix, "workflow_id"].join("."), message: "required", code: "required" },
      ]);
    }
    logger.info(`actions.${i}: ${err.message}; the workers resolve these, parameters checked by shape only`);
    return workflowId;
  }
}

/**
 * The durable webhook intake on fastify: verifies the signature, stores the event as a queue job
 * in Redis, and only then answers 202. Once answered, the event survives a crash of this server
 * and of every worker; workers run it under the workflow's lock.
 */
export async function startIntake(options: IntakeOptions): Promise<RunningIntake> {
  const env = options.env ?? process.env;
  const logger = (options.logger ?? createLogger()).child({ service: "hrflow-connectors-intake" });
  await guardRedisUrl(options.redisUrl, {
    who: "intake",
    logger,
    allowVolatile: options.allowVolatileRedis ?? false,
  });
  const { cfg, routes } = await loadRoutes(
    options.configFile,
    options.resolveConnector ?? connectorResolver(),
    env,
    logger,
  );
  const queues = new RunQueues(options.redisUrl);
  for (const r of routes.values()) queues.queue(r.connector);
  const metrics = new ClusterMetrics(() => queues.depth());
  const maxBody = cfg.max_body_bytes ?? 5 * 1024 * 1024;
  let stopping = false;

  const app = Fastify({
    bodyLimit: maxBody,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    logger: false,
  });
  // The raw bytes are what the vendor signed: keep them, parse JSON only after the check.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      metrics.webhooks.inc({ route: req.url, outcome: "too_large" });
    if (status >= 500) logger.error(`Request failed: ${err.message}`);
    // A refused body may still be on the wire: close the connection so the next request starts clean.
    if (status === 413) reply.header("connection", "close");
    reply.code(status).send({ error: status === 413 ? `body larger than ${maxBody} bytes` : err.message });
  });

  app.get("/health", async () => ({
    status: stopping ? "stopping" : "ok",
    routes: [...routes.values()].map((r) => r.path),
  }));
  app.get("/metrics", async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.text()),
  );

  for (const route of routes.values()) {
    app.post(route.path, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      if (route.guard) {
        const refused = await checkSignature(route.guard, raw, req.headers);
        if (refused) {
          metrics.webhooks.inc({ route: route.path, outcome: "refused" });
          logger.warn(`Refused webhook on ${route.path}: ${refused}`);
          return reply.code(401).send({ error: refused });
        }
      }
      let event: unknown;
      try {
        event = raw.trim() ? JSON.parse(raw) : {};
      } catch {
        metrics.webhooks.inc({ route: route.path, outcome: "invalid" });
        return reply.code(400).send({ error: "body is not valid JSON" });
      }
      const id = randomUUID();
      // Awaited: the 202 below is only sent once Redis has the job.
      await queues.enqueue(
        {
          connector: route.connector,
          action: route.action.name,
          workflow_id: route.workflowId,
          trigger: "catch",
          config: route.config,
          event,
          received_at: new Date().toISOString(),
        },
        { jobId: `webhook-${id}` },
      );
      metrics.webhooks.inc({ route: route.path, outcome: "accepted" });
      return reply.code(202).send({ accepted: true, id });
    });
  }

  if (options.board) {
    const { mountBoard } = await import("./board.js");
    await mountBoard(app, queues.all());
  }

  await app.listen({ host: options.host ?? cfg.host ?? "127.0.0.1", port: options.port ?? cfg.port ?? 8080 });
  const address = app.server.address();
  const url =
    address && typeof address === "object"
      ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`
      : String(address);
  for (const r of routes.values()) {
    logger.info(`Route POST ${r.path} -> queue of ${r.action.connector} ${r.action.name}`, {
      verification: r.guard
        ? `${r.guard.source} in header ${r.guard.header}`
        : "none (unsigned requests accepted)",
    });
  }
  logger.info(`Listening on ${url}${options.board ? ` (Bull Board at ${url}/ui)` : ""}`, { url });

  return {
    url,
    app,
    queues,
    metrics,
    async close() {
      stopping = true;
      await app.close();
      await queues.close();
    },
  };
}
