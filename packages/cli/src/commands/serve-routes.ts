import type { RunOptions } from "@hrflow-connectors/core";
import type { Action } from "@hrflow-connectors/core/tooling";
import { z } from "zod";
import { ConfigError, loadConfigFile, zodIssues } from "../config.js";
import { connectorResolver, type LoadedConnector, resolveAction, UsageError } from "../discover.js";
import { type AnyActionOptions, prepareAction } from "../options.js";
import { packageEventIdHeader, type WebhookGuard, webhookGuard } from "../webhook.js";

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
  /** The header naming a delivery's event id (its connector's `webhookEventIdHeader`), if any. */
  eventIdHeader: string | null;
}

/** A serve config's entry: the route keys, then the action's own config. */
type ServeEntry = z.output<typeof serveRouteSchema>;

/** What every served route starts from, whichever server serves it (`serve`, the durable intake). */
export interface ServedEntry {
  loaded: LoadedConnector;
  action: Action;
  /** The route's path: the entry's, or `/<subtype>/<action>`. */
  path: string;
  /** The action's own config keys (the route keys removed, the config's base URLs added). */
  raw: Record<string, unknown>;
  /** The header naming a delivery's event id, for de-duplication (see `headerEventId`). */
  eventIdHeader: string | null;
  /** Builds the route's signature guard from the secret, once resolved; a bad one names its field. */
  guard(secret: string | undefined): WebhookGuard | null;
}

/**
 * Resolves a serve config's entry: its connector and catch action (a pull action cannot be served),
 * its path, its action config, and its guard.
 */
export async function servedEntry(
  entry: ServeEntry,
  i: number,
  file: string,
  baseUrls: Record<string, string> | undefined,
  resolve: (name: string) => Promise<LoadedConnector>,
): Promise<ServedEntry> {
  const {
    connector,
    action: actionName,
    path,
    webhook_secret,
    signature_header,
    allow_unsigned,
    ...rest
  } = entry;
  const loaded = await resolve(connector);
  const action = resolveAction(loaded, actionName);
  if (!action.triggers.includes("catch")) {
    throw new UsageError(
      `actions.${i}: ${action.name} is a pull action; only catch-style actions can be served`,
    );
  }
  return {
    loaded,
    action,
    path: path ?? `/${loaded.connector.subtype}/${action.name}`,
    raw: { ...(baseUrls ? { base_urls: baseUrls } : {}), ...rest },
    eventIdHeader: packageEventIdHeader(loaded),
    guard: (secret = webhook_secret) => {
      try {
        return webhookGuard(loaded, action, secret, signature_header, { allowUnsigned: allow_unsigned });
      } catch (err) {
        throw new ConfigError(`Invalid serve config ${file}`, [
          { path: `actions.${i}.webhook_secret`, message: (err as Error).message, code: "required" },
        ]);
      }
    },
  };
}

/** Reads the serve config and prepares one route per action; every problem is reported before listening. */
export async function loadRoutes(file: string) {
  const parsed = serveConfigSchema.safeParse(await loadConfigFile(file));
  if (!parsed.success) throw new ConfigError(`Invalid serve config ${file}`, zodIssues(parsed.error));
  const cfg = parsed.data;
  const routes = new Map<string, Route>();
  const resolveConnector = connectorResolver();
  for (const [i, entry] of cfg.actions.entries()) {
    const served = await servedEntry(entry, i, file, cfg.base_urls, resolveConnector);
    const { options, runtime } = prepareAction(served.action, served.raw, {}, file, ["actions", String(i)]);
    const guard = served.guard(entry.webhook_secret);
    routes.set(served.path.toLowerCase(), {
      path: served.path,
      action: served.action,
      options,
      runtime,
      guard,
      eventIdHeader: served.eventIdHeader,
    });
  }
  return { cfg, routes };
}
