import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import type { DeadLetterEntry, DeadLetterSink, Events, RunResult } from "@hrflow-connectors/core";
import { emptyEvents } from "@hrflow-connectors/core/contracts";
import { type DeadLetterFailure, decideStatus, type JsonlDeadLetter } from "@hrflow-connectors/core/engine";

/** The journal of a dead-letter file: `<file>.replayed.jsonl`, beside it. */
export const journalPath = (file: string) => `${file.replace(/\.jsonl$/, "")}.replayed.jsonl`;

/**
 * What replays of one dead-letter file delivered, line by line, so a second replay of the file
 * resends nothing that landed (what still fails is tried again, and is also in the replay's own
 * dead-letter file). Append-only JSON lines of `{lines, at, kept_in}`, fsynced per batch; a torn
 * last line (a crash while appending) is ignored: its batch replays again, through the lookup.
 */
export class ReplayJournal {
  readonly done = new Set<number>();

  constructor(readonly location: string) {
    let text = "";
    try {
      text = readFileSync(location, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    for (const line of text.split("\n")) {
      try {
        const { lines } = JSON.parse(line) as { lines?: unknown };
        if (Array.isArray(lines)) for (const n of lines) if (typeof n === "number") this.done.add(n);
      } catch {
        // Empty or torn: not settled.
      }
    }
  }

  /** Records settled lines durably (append + fsync). */
  record(lines: number[], keptIn: string | null): void {
    if (lines.length === 0) return;
    const fd = openSync(this.location, "a", 0o600);
    try {
      const text = Buffer.from(
        `${JSON.stringify({ lines, at: new Date().toISOString(), kept_in: keptIn })}\n`,
      );
      for (let off = 0; off < text.length; ) off += writeSync(fd, text, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    for (const n of lines) this.done.add(n);
  }
}

/**
 * The replay's output file as one batch's sink: entries go to the shared file (their items are
 * kept in `failed` to tell which lines still fail), and the engine's `close` at the end of the
 * batch only fsyncs it, so the journal is written after what it points to.
 */
export function batchSink(output: JsonlDeadLetter): DeadLetterSink & { failed: unknown[] } {
  const start = output.count;
  const failed: unknown[] = [];
  return {
    failed,
    location: output.location,
    get count() {
      return output.count - start;
    },
    get failure(): DeadLetterFailure | null {
      return output.failure;
    },
    put: (entry: DeadLetterEntry) => {
      failed.push(entry.item);
      output.put(entry);
    },
    close: async () => output.sync(),
  };
}

/**
 * The lines of a batch that were delivered: those whose item is not among the failed ones (by
 * content: a replayed item comes back as it went in). When a failure matches no line (a finish
 * hook's, or an item the format changed), which lines landed cannot be told: all of them count as
 * settled, so none is ever resent blindly; what failed is in the replay's dead-letter file.
 */
export function deliveredLines(lines: number[], items: unknown[], failed: unknown[]): number[] {
  const byContent = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = JSON.stringify(item);
    byContent.set(key, [...(byContent.get(key) ?? []), lines[i]!]);
  });
  const stillFailing = new Set<number>();
  for (const item of failed) {
    const line = byContent.get(JSON.stringify(item))?.shift();
    if (line === undefined) return lines;
    stillFailing.add(line);
  }
  return lines.filter((l) => !stillFailing.has(l));
}

/** One result for the batches of a group: counters summed, status derived again (a fatal batch's reason kept). */
export function mergeResults(results: RunResult[]): RunResult {
  const last = results.at(-1)!;
  const events: Events = emptyEvents();
  for (const r of results) for (const k of Object.keys(events) as (keyof Events)[]) events[k] += r.events[k];
  const sum = (f: (r: RunResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const skipped = sum((r) => r.skipped);
  const special = results.find(
    (r) => r.status === "fatal" && !["write_failure", "format_failure", "logics_failure"].includes(r.reason),
  );
  const { status, reason } = special ?? decideStatus(events, skipped);
  const dead = (k: keyof RunResult["accounting"]["dead_lettered"]) =>
    sum((r) => r.accounting.dead_lettered[k]);
  const unrecorded = sum((r) => r.dead_letter.unrecorded ?? 0);
  return {
    ...last,
    status,
    reason,
    ...(special?.message ? { message: special.message } : {}),
    events,
    written: sum((r) => r.written),
    skipped,
    accounting: {
      read: sum((r) => r.accounting.read),
      written: sum((r) => r.accounting.written),
      skipped: sum((r) => r.accounting.skipped),
      discarded: sum((r) => r.accounting.discarded),
      held: sum((r) => r.accounting.held),
      dead_lettered: {
        logics: dead("logics"),
        format: dead("format"),
        write: dead("write"),
        token: dead("token"),
      },
    },
    dead_letter: {
      location: last.dead_letter.location,
      count: sum((r) => r.dead_letter.count),
      ...(unrecorded ? { unrecorded } : {}),
    },
    started_at: results[0]!.started_at,
    duration_ms: sum((r) => r.duration_ms),
    peak_in_flight: Math.max(...results.map((r) => r.peak_in_flight)),
  };
}
