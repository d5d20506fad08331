import {
  ConfigError,
  checkActionConfig,
  interpolateEnv,
  type LoadedConnector,
  prepareAction,
  readConfigFile,
  serveConfigSchema,
  servedEntry,
  type WebhookGuard,
  zodIssues,
} from "@hrflow-connectors/cli";
import type { Logger } from "@hrflow-connectors/core";
import type { Action } from "@hrflow-connectors/core/tooling";
import { localJobConfig, resolveSecrets } from "./jobs.js";

// The same config file `serve` reads: its queue settings are BullMQ's here.
export const intakeConfigSchema = serveConfigSchema;

/** One webhook route of the intake: its action, run config (secrets as references) and guard. */
export interface IntakeRoute {
  path: string;
  action: Action;
  connector: string;
  /** The action's run config with secrets still as references: workers resolve them. */
  config: Record<string, unknown>;
  workflowId: string;
  guard: WebhookGuard | null;
  /** The header naming a delivery's event id (the connector's `webhookEventIdHeader`), if any. */
  eventIdHeader: string | null;
}

/** Reads the serve config; every problem (including inline secrets) is reported before listening. */
export async function loadIntakeRoutes(
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
    const served = await servedEntry(entry, i, file, cfg.base_urls, resolve);
    const { action } = served;
    const { connector } = entry;
    // Secret fields stay references for the workers; every other ${VAR} is resolved here.
    const config = localJobConfig(action, served.raw, env, ["actions", String(i)]);
    const workflowId = checkRoute(action, config, env, file, i, logger);
    const secret = entry.webhook_secret === undefined ? undefined : interpolateEnv(entry.webhook_secret, env);
    const guard = served.guard(secret);
    const route = served.path;
    routes.set(route.toLowerCase(), {
      path: route,
      action,
      connector,
      config,
      workflowId,
      guard,
      eventIdHeader: served.eventIdHeader,
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
