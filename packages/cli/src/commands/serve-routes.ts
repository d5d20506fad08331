import type { Action, RunOptions } from "@hrflow-connectors/core";
import { z } from "zod";
import { ConfigError, loadConfigFile, zodIssues } from "../config.js";
import { connectorResolver, resolveAction, UsageError } from "../discover.js";
import { type AnyActionOptions, prepareAction } from "../options.js";
import { type WebhookGuard, webhookGuard } from "../webhook.js";

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
    spool_dir: z.string().min(1).optional(),
    dedupe_window_minutes: z.number().positive().optional(),
    actions: z.array(serveRouteSchema).min(1),
  })
  .strict();

/** One served action: where it listens, its prepared options, and how its requests are checked. */
export interface Route {
  path: string;
  action: Action;
  options: AnyActionOptions;
  /** The run options the route's config carries, built once at startup. */
  runtime: RunOptions;
  guard: WebhookGuard | null;
}

/** Reads the serve config and prepares one route per action; every problem is reported before listening. */
export async function loadRoutes(file: string) {
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
