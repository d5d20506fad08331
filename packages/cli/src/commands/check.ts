import { parse } from "../common.js";
import { loadConfigFile } from "../config.js";
import { resolveAction, resolveConnector, UsageError } from "../discover.js";
import { prepareAction } from "../options.js";

export const checkHelp = `Usage: hrflow-connectors check <connector> <action> --config <file.json|yaml> [--json]

Validates the config (every bad field at once), then makes one cheap authenticated request per
side (a one-item read from the vendor, a GET of the HrFlow.ai board or source), and reports each.
Nothing is written. Exit status: 0 both sides answered, 2 otherwise.`;

/** `check <connector> <action> --config <file>`: config, then credentials, side by side. */
export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    config: { type: "string", short: "c" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${checkHelp}\n`);
    return 0;
  }
  const [connectorName, actionName, ...extra] = positionals;
  if (!connectorName || !actionName || extra.length > 0) {
    throw new UsageError(`Expected: check <connector> <action> --config <file>\n\n${checkHelp}`);
  }
  if (!values.config) throw new UsageError("check needs --config <file.json|yaml>");
  const loaded = await resolveConnector(connectorName);
  const action = resolveAction(loaded, actionName);
  const { options, runtime } = prepareAction(action, await loadConfigFile(values.config), {}, values.config);
  const settings = { baseUrls: runtime.baseUrls ?? {}, http: runtime.http ?? {} };
  // Loaded here so the other commands never load the HrFlow client.
  const { checkAction } = await import("../check.js");
  const checks = await checkAction(loaded.connector, action, options, settings, new AbortController().signal);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ config: "valid", checks }, null, 2)}\n`);
  } else {
    const lines = [`config ${values.config}: valid for ${loaded.connector.name} ${action.name}`];
    for (const c of checks) {
      const mark = !c.ok ? "FAIL" : c.checked ? "ok  " : "skip";
      lines.push(`${mark} ${c.side} ${c.system}: ${c.detail}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  return checks.every((c) => c.ok) ? 0 : 2;
}
