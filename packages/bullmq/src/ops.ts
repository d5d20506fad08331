import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { UsageError, WEBHOOK_SERVER_TIMEOUTS } from "@hrflow-connectors/cli";
import type { Logger } from "@hrflow-connectors/core";
import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { ClusterMetrics } from "./metrics.js";

/** The variable holding the operations surface's token (Bearer, or the Basic-auth password). */
export const OPS_TOKEN_VARIABLE = "HRFLOW_CONNECTORS_OPS_TOKEN";
/** The Basic-auth user name the token goes with (default `ops`), for browsers and Prometheus. */
export const OPS_USER_VARIABLE = "HRFLOW_CONNECTORS_OPS_USER";
const MIN_TOKEN_LENGTH = 16;

/** Credentials every request to the operations surface must carry. */
export interface OpsAuth {
  token: string;
  user: string;
}

/** The operations credentials from the environment, or null when no token is set. */
export function opsAuthFromEnv(env: NodeJS.ProcessEnv = process.env): OpsAuth | null {
  const token = env[OPS_TOKEN_VARIABLE]?.trim();
  if (!token) return null;
  // A short token can be guessed over the network; refusing it is cheaper than a lockout scheme.
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(`${OPS_TOKEN_VARIABLE} must be at least ${MIN_TOKEN_LENGTH} characters`);
  }
  return { token, user: env[OPS_USER_VARIABLE]?.trim() || "ops" };
}

/** Whether a bind address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h.startsWith("::ffff:127.");
}

/**
 * Refuses to expose the operations surface (metrics, dashboard, queue control) beyond loopback
 * without credentials: anyone reaching it could pause every queue or read job data.
 */
export function assertOpsExposure(host: string, auth: OpsAuth | null, flag = "--ops-host"): void {
  if (auth || isLoopback(host)) return;
  throw new UsageError(
    `The operations surface (/metrics, /health, Bull Board) would listen on ${host} without authentication: ` +
      `set ${OPS_TOKEN_VARIABLE} (Bearer token, or Basic auth as ${OPS_USER_VARIABLE} / the token), ` +
      `or bind it to 127.0.0.1 with ${flag}`,
  );
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Compares digests so neither the length nor the content of the token leaks through timing. */
function same(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether a request carries the token as `Bearer <token>` or as Basic `<user>:<token>`. */
export function authorized(req: Pick<FastifyRequest, "headers">, auth: OpsAuth): boolean {
  const header = req.headers.authorization ?? "";
  const [scheme = "", value = ""] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() === "bearer") return same(value, auth.token);
  if (scheme.toLowerCase() !== "basic") return false;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  // Both halves are compared whatever the first gives, so timing does not tell which was wrong.
  const userOk = same(decoded.slice(0, colon), auth.user);
  const tokenOk = same(decoded.slice(colon + 1), auth.token);
  return userOk && tokenOk;
}

/** Options of an operations surface. */
export interface OpsSurfaceOptions {
  host?: string;
  port: number;
  /** Null: no authentication, which only a loopback host allows. */
  auth: OpsAuth | null;
  metrics: ClusterMetrics;
  /** What GET /health reports; `stopping: true` answers 503. */
  health: () => Record<string, unknown> & { stopping?: boolean };
  /** Queues Bull Board shows at /ui; none: no board. */
  board?: Queue[];
  logger: Logger;
}

/** A listening operations surface. */
export interface OpsSurface {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The operations surface: GET /metrics, GET /health and Bull Board (with its control API) on a
 * listener of their own, never the public webhook port. Fastify's default parsers stay in
 * place here, so Bull Board's JSON bodies (add a job, update data) are read as it expects.
 */
export async function startOpsSurface(options: OpsSurfaceOptions): Promise<OpsSurface> {
  const host = options.host ?? "127.0.0.1";
  assertOpsExposure(host, options.auth);
  const app = Fastify({
    logger: false,
    requestTimeout: WEBHOOK_SERVER_TIMEOUTS.requestTimeoutMs,
    connectionTimeout: WEBHOOK_SERVER_TIMEOUTS.idleTimeoutMs,
    keepAliveTimeout: WEBHOOK_SERVER_TIMEOUTS.keepAliveTimeoutMs,
    http: {
      headersTimeout: WEBHOOK_SERVER_TIMEOUTS.headersTimeoutMs,
      connectionsCheckingInterval: WEBHOOK_SERVER_TIMEOUTS.checkIntervalMs,
    },
  });
  const auth = options.auth;
  if (auth) {
    app.addHook("onRequest", async (req, reply) => {
      if (authorized(req, auth)) return;
      // The challenge makes browsers ask for Basic credentials when opening the dashboard.
      return reply
        .code(401)
        .header("www-authenticate", 'Basic realm="hrflow-connectors operations", charset="UTF-8"')
        .send({ error: "authentication required" });
    });
  }
  app.get("/health", async (_req, reply) => {
    const health = options.health();
    return reply
      .code(health.stopping ? 503 : 200)
      .send({ status: health.stopping ? "stopping" : "ok", ...health });
  });
  app.get("/metrics", async (_req, reply) =>
    reply.type(options.metrics.registry.contentType).send(await options.metrics.text()),
  );
  if (options.board) {
    const { mountBoard } = await import("./board.js");
    await mountBoard(app, options.board);
  }
  await app.listen({ host, port: options.port });
  const url = listenUrl(app);
  options.logger.info(`Operations surface on ${url}`, {
    url,
    authentication: auth ? "bearer token or basic auth" : "none (loopback only)",
    board: options.board ? `${url}/ui` : "off",
  });
  return { url, app, close: () => app.close() };
}

/** The http URL a fastify app listens on. */
export function listenUrl(app: FastifyInstance): string {
  const address = app.server.address();
  return address && typeof address === "object"
    ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`
    : String(address);
}
