import { jsonLinesSink, type LogSink, type RunOptions } from "@hrflow-connectors/core";
import { readDeadLetter } from "@hrflow-connectors/core/engine";
import {
  abortOnSignals,
  cliLogger,
  exitWithLauncher,
  intFlag,
  parse,
  runtimeFlags,
  stateStore,
} from "../common.js";
import { loadConfigFile } from "../config.js";
import { resolveAction, resolveConnector, UsageError } from "../discover.js";
import { exitCodeOf, loadUserFunctions, prepareAction, runAction } from "../options.js";
import { createReporter, formatSummary, rememberErrors } from "../progress.js";
import { captureFormatted } from "../show.js";

export const runHelp = `Usage: hrflow-connectors run <connector> <action> --config <file.json|yaml> [options]

Runs one action with auth and parameters from the config file (\${ENV_VAR} is replaced by the
variable's value).

Options:
  -c, --config <file>      config file (JSON or YAML), required
      --workflow-id <id>   overrides the config's workflow_id (the key of the run's state)
      --incremental        read only what changed since the last run of this workflow
      --dry-run            read, apply logics and format, but write nothing
      --show <n>           with --dry-run: print the first n formatted items (what the target would get)
      --limit <n>          stop reading after n items (a trial run; the incremental token does not move)
      --logics <module>    JS/TS module exporting logic functions (default export or 'logics')
      --format <module>    JS/TS module exporting a format function (default export or 'format')
      --state-dir <dir>    state store directory (default <data dir>/state, see HRFLOW_CONNECTORS_HOME)
      --dead-letter <file> JSONL file for failed items (default <data dir>/dead-letter/<workflow>/<run>.jsonl)
      --batch-size <n>     items per write call
      --concurrency <n>    write calls at once
      --wait               when another run of this workflow is going on, wait for it to end
                           (default: exit 75 at once)
      --json               JSON log lines on stderr, the final RunResult JSON on stdout
  -v, --verbose            show info logs above the progress line on a terminal

Ctrl-C or SIGTERM stops reading; what was read is written and checkpointed, the summary is printed
and the run exits 2 (aborted; --incremental resumes it). A second Ctrl-C stops at once (exit 130).

Exit status: 0 success, 1 success with failures, 2 fatal, 75 workflow busy (another run holds it).`;

/** The error of the first dead-lettered item: the cause of a run whose every write was refused. */
async function firstDeadLetterError(file: string | null): Promise<string | null> {
  if (!file) return null;
  try {
    for await (const entry of readDeadLetter(file)) return `first failed item: ${entry.error}`;
  } catch {}
  return null;
}

/** `run <connector> <action> --config <file>`: one action, with progress and a final summary. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...runtimeFlags,
    incremental: { type: "boolean" },
    "dry-run": { type: "boolean" },
    show: { type: "string" },
    limit: { type: "string" },
    "batch-size": { type: "string" },
    concurrency: { type: "string" },
    wait: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${runHelp}\n`);
    return 0;
  }
  const [connectorName, actionName, ...extra] = positionals;
  if (!connectorName || !actionName || extra.length > 0) {
    throw new UsageError(`Expected: run <connector> <action> --config <file>\n\n${runHelp}`);
  }
  if (!values.config) throw new UsageError("run needs --config <file.json|yaml>");

  const show = intFlag(values.show, "show");
  if (show !== undefined && !values["dry-run"]) {
    throw new UsageError("--show <n> goes with --dry-run: it prints formatted items instead of writing them");
  }
  const loaded = await resolveConnector(connectorName);
  const action = resolveAction(loaded, actionName);
  const raw = await loadConfigFile(values.config);
  const fns = await loadUserFunctions(values.logics, values.format);
  const prepared = prepareAction(
    action,
    raw,
    {
      workflowId: values["workflow-id"],
      incremental: values.incremental ? true : undefined,
      persist: values["dry-run"] ? false : undefined,
      fns,
    },
    values.config,
  );
  const fromConfig = prepared.runtime;
  const shown: unknown[] = [];
  const options = show
    ? captureFormatted(action, prepared.options, (item) => {
        if (shown.length < show) shown.push(item);
      })
    : prepared.options;

  const json = Boolean(values.json);
  let lastError: () => string | null = () => null;
  const makeLogger = (sink: LogSink = jsonLinesSink) => {
    const remembered = rememberErrors(sink);
    lastError = remembered.lastError;
    return cliLogger(remembered.sink);
  };
  const reporter = createReporter(`${loaded.connector.name} ${action.name}`, values, makeLogger);
  const { logger } = reporter;
  const signals = abortOnSignals((signal) =>
    logger.warn(
      `Received ${signal}: reading stops; what was read is written and checkpointed (send it again to stop at once)`,
    ),
  );
  const launcherWatch = exitWithLauncher(() =>
    process.stderr.write("The npm process that started this run is gone (killed?): stopping at once\n"),
  );
  const runtime: RunOptions = {
    ...fromConfig,
    store: stateStore(values["state-dir"]),
    logger,
    // A graceful stop: the writes in flight end and are checkpointed, so nothing is left unknown.
    stop: signals.signal,
    onProgress: reporter.onProgress,
  };
  const batchSize = intFlag(values["batch-size"], "batch-size");
  const concurrency = intFlag(values.concurrency, "concurrency");
  if (batchSize) runtime.batchSize = batchSize;
  if (concurrency) runtime.concurrency = concurrency;
  if (values["dead-letter"]) runtime.deadLetter = values["dead-letter"];
  if (values.wait) runtime.waitForLease = true;
  const limit = intFlag(values.limit, "limit");
  if (limit !== undefined) runtime.limit = limit;
  // An operator's run stops at a first batch refused whole with one error (a board that does not
  // exist) instead of sending every item to be refused.
  runtime.failFast = true;

  try {
    const result = await runAction(action, options, runtime);
    reporter.stop();
    if (json) {
      const out = show === undefined ? result : { ...result, formatted_items: shown };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      if (show !== undefined) {
        shown.forEach((item, i) => {
          process.stdout.write(
            `formatted item ${i + 1}/${shown.length}:\n${JSON.stringify(item, null, 2)}\n`,
          );
        });
      }
      const cause = lastError() ?? (await firstDeadLetterError(result.dead_letter.location));
      process.stdout.write(`${formatSummary(result, cause)}\n`);
      if (result.status === "fatal" && ["read_failure", "write_failure"].includes(result.reason)) {
        process.stdout.write(
          `  check the credentials of both sides: hrflow-connectors check ${connectorName} ${action.name} --config ${values.config}\n`,
        );
      }
    }
    if (result.issues && result.issues.length > 0 && !json) {
      process.stderr.write(`${result.issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n")}\n`);
    }
    return exitCodeOf(result);
  } finally {
    reporter.stop();
    signals.dispose();
    if (launcherWatch) clearInterval(launcherWatch);
  }
}
