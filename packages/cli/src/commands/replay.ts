import { basename, dirname, join } from "node:path";
import type { DeadLetterEntry, RunOptions, RunResult } from "@hrflow-connectors/core";
import { JsonlDeadLetter, readDeadLetterLines, type UnreadableLine } from "@hrflow-connectors/core/engine";
import type { Action } from "@hrflow-connectors/core/tooling";
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
import { batchSink, deliveredLines, journalPath, mergeResults, ReplayJournal } from "../replay-journal.js";

export const replayHelp = `Usage: hrflow-connectors replay <dead-letter.jsonl> --config <file> [options]

Re-sends the failed items of a run to its target, once the cause is fixed. Items that failed at
the write stage are sent as they were formatted; items that failed in logics or format go through
the format and logics again (the connector's, or --format/--logics). What still fails goes to a
new dead-letter file.

Every write-stage item is looked up in the target first where the write has a lookup, and only
sent when absent. Items whose earlier write may have landed (outcome "unknown": its answer was
lost) are not resent where the target offers no lookup: they stay in the new dead-letter file,
unless --resend-unknown says you checked the target.

A journal beside the file (<file>.replayed.jsonl) records, batch by batch and fsynced, the lines
a replay delivered: replaying the same file again resends none of them, and tries again only
what still failed (which is also in the replay's new dead-letter file). A last line cut short by
a crash is skipped with a warning naming it.

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

/** Counts the file's entries per action and shape (lines already settled left out), without keeping the items. */
async function scan(file: string, journal: ReplayJournal, unreadable: UnreadableLine[]): Promise<Group[]> {
  const groups = new Map<string, Group>();
  try {
    for await (const { line, entry: e } of readDeadLetterLines(file, (bad) => unreadable.push(bad))) {
      if (journal.done.has(line)) continue;
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

/** Lines per engine run of a replay: what one journal record settles. */
const REPLAY_BATCH = 200;

/** Streams the unsettled lines of one group back from the file, in batches of line numbers and items. */
async function* batchesOf(
  file: string,
  group: Group,
  journal: ReplayJournal,
): AsyncGenerator<{ lines: number[]; items: unknown[] }> {
  const wanted = keyOf(group.connector, group.actionName, group.shape);
  let batch: { lines: number[]; items: unknown[] } = { lines: [], items: [] };
  for await (const { line, entry: e } of readDeadLetterLines(file, () => {})) {
    if (journal.done.has(line) || keyOf(e.connector, e.action_name, shapeOf(e)) !== wanted) continue;
    batch.lines.push(line);
    batch.items.push(e.item);
    if (batch.lines.length >= REPLAY_BATCH) {
      yield batch;
      batch = { lines: [], items: [] };
    }
  }
  if (batch.lines.length > 0) yield batch;
}

async function* each(items: unknown[]): AsyncGenerator<unknown> {
  yield* items;
}

/** Warns about lines that hold no entry: a torn last line (a crash while writing) or a damaged one. */
function warnUnreadable(file: string, unreadable: UnreadableLine[]): void {
  for (const bad of unreadable) {
    process.stderr.write(
      bad.torn
        ? `Warning: ${file} line ${bad.line} was cut short (a crash while it was written): skipped, its item cannot be replayed\n`
        : `Warning: ${file} line ${bad.line} is not a JSON entry (${bad.error}): skipped\n`,
    );
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
  const journal = new ReplayJournal(journalPath(file));
  const unreadable: UnreadableLine[] = [];
  const groups = await scan(file, journal, unreadable);
  warnUnreadable(file, unreadable);
  if (groups.length === 0) {
    process.stderr.write(
      journal.done.size > 0
        ? `${file}: every item was already replayed (see ${journal.location}): nothing to replay\n`
        : `${file} holds no failed items: nothing to replay\n`,
    );
    if (values.json)
      process.stdout.write(
        `${JSON.stringify({ replayed: 0, written: 0, still_failing: 0, already_replayed: journal.done.size })}\n`,
      );
    return unreadable.some((b) => !b.torn) ? 1 : 0;
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
      const runs: RunResult[] = [];
      for await (const { lines, items } of batchesOf(file, group, journal)) {
        const before = output.count;
        const sink = batchSink(output);
        const result = await runAction(action, options, {
          ...runtime,
          // Replays never touch the workflow's state: no incremental token moves, no result is stored.
          store: null,
          deadLetter: sink,
          source: each(items),
          // Never resent blindly: what may already be in the target (an earlier write whose
          // answer was lost, or an earlier replay) is looked up first wherever the write can.
          lookBeforeWrite:
            group.shape === "unknown" ? (values["resend-unknown"] ? "when-possible" : true) : "when-possible",
          logger: reporter.logger,
          onProgress: reporter.onProgress,
          signal: signals.signal,
        });
        runs.push(result);
        // Settled lines only: a stopped batch or one whose failures were not recorded replays again.
        if (result.reason === "aborted" || output.failure) break;
        journal.record(
          deliveredLines(lines, items, sink.failed),
          output.count > before ? output.location : null,
        );
      }
      if (runs.length > 0) results.push({ group, result: mergeResults(runs) });
      if (signals.signal.aborted || output.failure) break;
    }
  } finally {
    reporter.stop();
    signals.dispose();
    await output.close();
  }
  return report(file, output, results, Boolean(values.json), {
    journal: journal.location,
    unreadable,
  });
}

function report(
  file: string,
  output: JsonlDeadLetter,
  results: { group: Group; result: RunResult }[],
  json: boolean,
  extra: { journal: string; unreadable: UnreadableLine[] },
): number {
  const replayed = results.reduce((n, r) => n + r.result.events.read_success, 0);
  const written = results.reduce((n, r) => n + r.result.written, 0);
  const stillFailing = output.count;
  const damaged = extra.unreadable.some((b) => !b.torn);
  const sinkFailed = output.failure ? 2 : 0;
  const code = Math.max(
    0,
    ...results.map((r) => exitCodeOf(r.result)),
    stillFailing > 0 || damaged ? 1 : 0,
    sinkFailed,
  );
  const summary = {
    input: file,
    replayed,
    written,
    still_failing: stillFailing,
    dead_letter: stillFailing > 0 ? output.location : null,
    journal: extra.journal,
    unreadable_lines: extra.unreadable.map((b) => ({ line: b.line, torn: b.torn })),
    ...(output.failure ? { dead_letter_failure: output.failure } : {}),
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
