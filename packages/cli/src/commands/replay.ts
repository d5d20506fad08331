import { basename, dirname, join } from "node:path";
import {
  type Action,
  type DeadLetterEntry,
  JsonlDeadLetter,
  type RunOptions,
  type RunResult,
  readDeadLetter,
} from "@hrflow-connectors/core";
import { abortOnSignals, cliLogger, parse, runtimeFlags } from "../common.js";
import { loadConfigFile } from "../config.js";
import { connectorResolver, resolveAction, UsageError } from "../discover.js";
import {
  type AnyActionOptions,
  exitCodeOf,
  loadUserFunctions,
  prepareAction,
  runAction,
  type UserFunctions,
} from "../options.js";
import { createReporter, formatSummary } from "../progress.js";

export const replayHelp = `Usage: hrflow-connectors replay <dead-letter.jsonl> --config <file> [options]

Re-sends the failed items of a run to its target, once the cause is fixed. Items that failed at
the write stage are sent as they were formatted; items that failed in logics or format go through
the format and logics again (the connector's, or --format/--logics). What still fails goes to a
new dead-letter file.

Items whose earlier write may have landed (outcome "unknown": its answer was lost) are looked up
in the target first and only sent when absent; where the target offers no lookup they are not
resent and stay in the new dead-letter file, unless --resend-unknown says you checked the target.

Options:
  -c, --config <file>      the run's config file (auth and parameters), required
      --dead-letter <file> where still-failing items go (default: <input>.replay-<time>.jsonl)
      --workflow-id <id>   overrides the config's workflow_id
      --logics <module>    logic functions for items that failed in logics/format
      --format <module>    format function for items that failed in logics/format
      --resend-unknown     send items of unknown outcome even where they cannot be looked up
      --json               JSON log lines on stderr, a JSON report on stdout
  -v, --verbose            show info logs on a terminal

Exit status: 0 everything delivered, 1 some items still fail, 2 fatal.`;

/** Items of one action that replay the same way. */
interface Group {
  connector: string;
  actionName: string;
  /**
   * "formatted": write-stage items, sent as they are; "unknown": write-stage items whose write may
   * have landed, looked up before they are sent; "raw": origin items, formatted again.
   */
  shape: "formatted" | "unknown" | "raw";
  count: number;
}

const shapeOf = (e: DeadLetterEntry): Group["shape"] =>
  e.stage !== "write" ? "raw" : e.outcome === "unknown" ? "unknown" : "formatted";
const keyOf = (connector: string, action: string, shape: string) =>
  `${connector}\u0000${action}\u0000${shape}`;
const LABELS: Record<Group["shape"], string> = {
  formatted: "write-stage items (sent as formatted)",
  unknown: "write-stage items of unknown outcome (looked up before sending)",
  raw: "logics/format-stage items (formatted again)",
};

/** Counts the file's entries per action and shape, without keeping the items. */
async function scan(file: string): Promise<Group[]> {
  const groups = new Map<string, Group>();
  try {
    for await (const e of readDeadLetter(file)) {
      const shape = shapeOf(e);
      const key = keyOf(e.connector, e.action_name, shape);
      const g = groups.get(key) ?? { connector: e.connector, actionName: e.action_name, shape, count: 0 };
      g.count++;
      groups.set(key, g);
    }
  } catch (err) {
    throw new UsageError(`Cannot read dead-letter file ${file}: ${(err as Error).message}`);
  }
  // Formatted items first: they need nothing but the target, so they are the likeliest to pass.
  const order: Group["shape"][] = ["formatted", "unknown", "raw"];
  return [...groups.values()].sort((a, b) => order.indexOf(a.shape) - order.indexOf(b.shape));
}

/** Streams the items of one group back from the file, for the engine's `source` option. */
async function* itemsOf(file: string, group: Group): AsyncGenerator<unknown> {
  const wanted = keyOf(group.connector, group.actionName, group.shape);
  for await (const e of readDeadLetter(file)) {
    if (keyOf(e.connector, e.action_name, shapeOf(e)) === wanted) yield e.item;
  }
}

/** The default output file, next to the input. */
function defaultOutput(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return join(dirname(file), `${basename(file, ".jsonl")}.replay-${stamp}.jsonl`);
}

/** `replay <dead-letter file> --config <file>`: re-sends failed items and reports what still fails. */
export async function replayCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...runtimeFlags,
    "resend-unknown": { type: "boolean" },
  } as const);
  if (values.help) {
    process.stdout.write(`${replayHelp}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError(`Expected: replay <dead-letter file>\n\n${replayHelp}`);
  if (!values.config) throw new UsageError("replay needs --config <file> (the config of the failed run)");
  const groups = await scan(file);
  if (groups.length === 0) {
    process.stderr.write(`${file} holds no failed items: nothing to replay\n`);
    if (values.json)
      process.stdout.write(`${JSON.stringify({ replayed: 0, written: 0, still_failing: 0 })}\n`);
    return 0;
  }

  const raw = await loadConfigFile(values.config);
  const userFns = await loadUserFunctions(values.logics, values.format);
  const identity: UserFunctions = { format: (x) => x, logics: [] };
  const prepared: { group: Group; action: Action; options: AnyActionOptions; runtime: RunOptions }[] = [];
  // The two shapes of one action share a connector: scan and import it once.
  const resolveConnector = connectorResolver();
  for (const group of groups) {
    const loaded = await resolveConnector(group.connector);
    const action = resolveAction(loaded, group.actionName);
    const { options, runtime } = prepareAction(
      action,
      raw,
      {
        workflowId: values["workflow-id"],
        incremental: false,
        persist: true,
        fns: group.shape === "raw" ? userFns : identity,
      },
      values.config,
    );
    prepared.push({ group, action, options, runtime });
  }

  const output = new JsonlDeadLetter(values["dead-letter"] ?? defaultOutput(file));
  const reporter = createReporter(`replay ${basename(file)}`, values, cliLogger);
  const signals = abortOnSignals();
  const results: { group: Group; result: RunResult }[] = [];
  try {
    for (const { group, action, options, runtime } of prepared) {
      const before = output.count;
      const result = await runAction(action, options, {
        ...runtime,
        // Replays never touch the workflow's state: no incremental token moves, no result is stored.
        store: null,
        deadLetter: output,
        source: itemsOf(file, group),
        // Never resent blindly: what may already be in the target is looked up first.
        ...(group.shape === "unknown" && !values["resend-unknown"] ? { lookBeforeWrite: true } : {}),
        logger: reporter.logger,
        onProgress: reporter.onProgress,
        signal: signals.signal,
      });
      results.push({
        group,
        result: { ...result, dead_letter: { ...result.dead_letter, count: output.count - before } },
      });
      if (signals.signal.aborted) break;
    }
  } finally {
    reporter.stop();
    signals.dispose();
    await output.close();
  }
  return report(file, output, results, Boolean(values.json));
}

function report(
  file: string,
  output: JsonlDeadLetter,
  results: { group: Group; result: RunResult }[],
  json: boolean,
): number {
  const replayed = results.reduce((n, r) => n + r.result.events.read_success, 0);
  const written = results.reduce((n, r) => n + r.result.written, 0);
  const stillFailing = output.count;
  const code = Math.max(0, ...results.map((r) => exitCodeOf(r.result)), stillFailing > 0 ? 1 : 0);
  const summary = {
    input: file,
    replayed,
    written,
    still_failing: stillFailing,
    dead_letter: stillFailing > 0 ? output.location : null,
    runs: results.map((r) => ({ shape: r.group.shape, entries: r.group.count, ...r.result })),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return code;
  }
  const lines = results.map(
    (r) =>
      `${LABELS[r.group.shape]}:\n${formatSummary(r.result)
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n")}`,
  );
  lines.push(
    `Replayed ${replayed} item(s) from ${file}: ${written} written, ${stillFailing} still failing` +
      (stillFailing > 0 ? ` (kept in ${output.location})` : ""),
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  return code;
}
