import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { abortOnSignals, intFlag, parse, stopWhenOrphaned } from "../common.js";
import { type ConnectorPackage, findConnectorPackages, loadConnector, UsageError } from "../discover.js";

export const fakesHelp = `Usage: hrflow-connectors fakes [<connector>...] [--jobs <n>] [--json]

Starts in-memory fake servers on 127.0.0.1 for local experiments: HrFlow.ai (with a board
'demo-board' and a source 'demo-source') and each named connector's vendor (default: every installed
connector package that ships one), then prints their URLs and credentials and keeps running until
Ctrl-C or SIGTERM. Point a config at them with its base_urls key. Nothing leaves the machine.
  --jobs <n>   jobs and candidates each vendor fake starts with (default 20)
  --json       print the URLs and credentials as one JSON object`;

type Fake = Record<string, unknown> & { close(): Promise<void> };
type StartFake = (options: Record<string, unknown>) => Promise<Fake>;

/** The `./testing` entry of a connector package, where its fake vendor server lives. */
function testingFile(pkg: ConnectorPackage): string | null {
  const exp = pkg.manifest.exports as Record<string, unknown> | undefined;
  const target = exp?.["./testing"];
  const file =
    typeof target === "string"
      ? target
      : target && typeof target === "object"
        ? ((target as Record<string, unknown>).import ?? (target as Record<string, unknown>).default)
        : null;
  return typeof file === "string" ? join(pkg.directory, file) : null;
}

/** What a person needs from a fake: its strings and small objects of strings (URLs, credentials). */
function describeFake(fake: Fake): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fake)) {
    if (typeof value === "string") out[key] = value;
    else if (
      value &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === "string")
    )
      out[key] = value;
  }
  return out;
}

/** `fakes [<connector>...]`: fake HrFlow.ai and vendor servers, their URLs and credentials. */
export async function fakesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    jobs: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${fakesHelp}\n`);
    return 0;
  }
  const size = intFlag(values.jobs, "jobs") ?? 20;
  const installed = await findConnectorPackages();
  const wanted = positionals.map((q) => q.toLowerCase());
  const chosen = installed.filter(
    (p) =>
      wanted.length === 0 ||
      wanted.some((q) => p.name.toLowerCase().endsWith(`/${q}`) || p.exportName.toLowerCase() === q),
  );
  const missing = wanted.filter(
    (q) => !chosen.some((p) => p.name.toLowerCase().endsWith(`/${q}`) || p.exportName.toLowerCase() === q),
  );
  if (missing.length > 0) throw new UsageError(`No installed connector package for: ${missing.join(", ")}`);

  const started: Fake[] = [];
  const report: Record<string, Record<string, unknown>> = {};
  const baseUrls: Record<string, string> = {};
  try {
    const { startFakeHrFlow } = await import("@hrflow-connectors/hrflow/testing");
    const hrflow = await startFakeHrFlow();
    started.push(hrflow as unknown as Fake);
    const board_key = hrflow.addBoard("demo-board", "Demo board");
    const source_key = hrflow.addSource("demo-source", { name: "Demo source" });
    report.hrflow = { baseUrl: hrflow.baseUrl, auth: hrflow.auth, board_key, source_key };
    baseUrls.hrflow = hrflow.baseUrl;
    for (const pkg of chosen) {
      const file = testingFile(pkg);
      if (!file) continue;
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const start = Object.entries(mod).find(
        ([k, v]) => k.startsWith("startFake") && typeof v === "function",
      )?.[1] as StartFake | undefined;
      if (!start) continue;
      const { connector } = await loadConnector(pkg);
      const fake = await start({ jobs: size, candidates: size, seed: 1 });
      started.push(fake);
      const info = describeFake(fake);
      report[connector.subtype] = info;
      const urls = info.baseUrls as Record<string, string> | undefined;
      if (urls) Object.assign(baseUrls, urls);
      else if (typeof info.baseUrl === "string") baseUrls[connector.subtype] = info.baseUrl;
    }
  } catch (err) {
    await Promise.all(started.map((f) => f.close()));
    throw err;
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ fakes: report, base_urls: baseUrls }, null, 2)}\n`);
  } else {
    const lines = ["Fake servers on 127.0.0.1 (in memory, gone when this stops):", ""];
    for (const [name, info] of Object.entries(report)) lines.push(`${name}: ${JSON.stringify(info)}`);
    lines.push("", `In a config file: "base_urls": ${JSON.stringify(baseUrls)}`);
    const wk = report.workable;
    if (wk) {
      const auth = wk.auth as Record<string, string>;
      const hr = report.hrflow as { auth: Record<string, string>; board_key: string };
      lines.push(
        "",
        "For examples/workable-jobs.ts (the README example):",
        `export WORKABLE_TOKEN=${auth.api_access_token} WORKABLE_SUBDOMAIN=${auth.subdomain} WORKABLE_BASE_URL=${wk.baseUrl}`,
        `export HRFLOW_API_SECRET=${hr.auth.api_secret} HRFLOW_API_USER=${hr.auth.api_user} HRFLOW_BASE_URL=${baseUrls.hrflow} HRFLOW_BOARD_KEY=${hr.board_key}`,
      );
    }
    lines.push("", "Ctrl-C or SIGTERM stops them.");
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  const orphanWatch = stopWhenOrphaned(() => {});
  await new Promise<void>((resolve) => {
    const signals = abortOnSignals(() => {
      clearInterval(orphanWatch);
      signals.dispose();
      resolve();
    });
  });
  await Promise.all(started.map((f) => f.close()));
  return 0;
}
