import type { Events, Logger, LogRecord, LogSink, RunResult } from "@hrflow-connectors/core";
import { prettySink } from "@hrflow-connectors/core";
import type { Progress } from "@hrflow-connectors/core/engine";

/** Items lost on the way, whatever the stage. */
export function failedCount(e: Events): number {
  return e.read_failure + e.logics_failure + e.format_failure + e.write_failure;
}

const num = (n: number) => n.toLocaleString("en-US");

/** `mm:ss`, or `h:mm:ss` past an hour. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const mm = String(Math.floor(s / 60) % 60).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Items read per second so far. */
export function rate(read: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (read * 1000) / elapsedMs : 0;
}

/** The one-line progress text: items read, written, failed, rate, elapsed. */
export function formatProgress(p: Progress, elapsedMs = p.elapsed_ms): string {
  const r = rate(p.events.read_success, elapsedMs);
  return [
    `read ${num(p.events.read_success)}`,
    `written ${num(p.written)}`,
    `failed ${num(failedCount(p.events))}`,
    ...(p.events.logics_discard > 0 ? [`discarded ${num(p.events.logics_discard)}`] : []),
    `${r < 10 ? r.toFixed(1) : num(Math.round(r))}/s`,
    formatElapsed(elapsedMs),
  ].join("  ");
}

/** A live display plus the log sink that must share the terminal with it. */
export interface ProgressDisplay {
  onProgress: (p: Progress) => void;
  sink: LogSink;
  stop: () => void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const CLEAR = "\r\x1b[2K";

/**
 * Redraws one status line on a terminal with plain ANSI (`\r` + clear line). Log lines are printed
 * above it: clear, print, redraw. Only warnings and errors are shown unless `verbose`.
 */
export function ttyProgress(
  stream: NodeJS.WriteStream,
  label: string,
  verbose = false,
  now = Date.now,
): ProgressDisplay {
  const started = now();
  let last: Progress | null = null;
  let frame = 0;
  let stopped = false;
  const draw = () => {
    if (stopped) return;
    frame = (frame + 1) % FRAMES.length;
    const body = last ? formatProgress(last, now() - started) : `starting  ${formatElapsed(now() - started)}`;
    const line = `${FRAMES[frame]} ${label}  ${body}`;
    const width = stream.columns || 120;
    stream.write(CLEAR + (line.length > width - 1 ? line.slice(0, width - 1) : line));
  };
  // Keeps elapsed time and the spinner moving while a slow page loads; unref'd so it never holds exit.
  const timer = setInterval(draw, 200);
  timer.unref();
  draw();
  return {
    onProgress: (p) => {
      last = p;
      draw();
    },
    sink: (record: LogRecord) => {
      if (!verbose && (record.level === "debug" || record.level === "info")) return;
      stream.write(CLEAR);
      prettySink(record);
      draw();
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write(CLEAR);
    },
  };
}

/** Progress as structured log lines, at most one per `everyMs`, for cron jobs and pipes. */
export function logProgress(logger: () => Logger | undefined, everyMs = 2000, now = Date.now) {
  let lastAt = 0;
  return (p: Progress) => {
    const t = now();
    if (p.phase !== "done" && t - lastAt < everyMs) return;
    lastAt = t;
    logger()?.info("progress", {
      phase: p.phase,
      read: p.events.read_success,
      written: p.written,
      failed: failedCount(p.events),
      discarded: p.events.logics_discard,
      rate_per_s: Number(rate(p.events.read_success, p.elapsed_ms).toFixed(1)),
      elapsed_ms: p.elapsed_ms,
    });
  };
}

/** A log sink that also remembers the last error it saw: the cause a fatal summary shows. */
export function rememberErrors(sink: LogSink): { sink: LogSink; lastError: () => string | null } {
  let last: string | null = null;
  return {
    sink: (record) => {
      if (record.level === "error") last = record.message;
      sink(record);
    },
    lastError: () => last,
  };
}

/**
 * The final human summary of a run. `cause` is the last error logged, shown for a fatal run whose
 * result carries no message (e.g. a read that failed on its first request).
 */
export function formatSummary(r: RunResult, cause: string | null = null): string {
  const e = r.events;
  const failed = failedCount(e);
  // Items a target left as they were, when the run counts them (a write that found nothing to change).
  const skipped = (r as RunResult & { skipped?: number }).skipped ?? 0;
  const lines = [
    `${r.connector} ${r.action_name}: ${r.status}${r.reason !== "none" ? ` (${r.reason})` : ""}${r.persist ? "" : " [dry run: nothing written]"}`,
    `  read ${num(e.read_success)}, written ${num(r.written)}${skipped > 0 ? `, unchanged ${num(skipped)}` : ""}, failed ${num(failed)}` +
      (failed > 0
        ? ` (read ${e.read_failure}, logics ${e.logics_failure}, format ${e.format_failure}, write ${e.write_failure})`
        : "") +
      `, discarded by logics ${num(e.logics_discard)}`,
    `  duration ${formatElapsed(r.duration_ms)} (${rate(e.read_success, r.duration_ms).toFixed(1)} items/s)` +
      (r.incremental ? `, incremental token ${r.incremental_token ?? "none"}` : ""),
  ];
  const why = r.message ?? (r.status === "fatal" ? cause : null);
  // A fatal's message is its cause; on a run that went through, it says why nothing was written.
  if (why) lines.push(`  ${r.status === "fatal" ? "cause" : "note"}: ${why}`);
  if (r.dead_letter.count > 0) {
    lines.push(
      `  ${r.dead_letter.count} failed item(s) kept in ${r.dead_letter.location ?? "memory"}`,
      `  fix the cause, then: hrflow-connectors replay ${r.dead_letter.location ?? "<file>"} --config <file>`,
    );
  }
  if (r.store_error) lines.push(`  state not saved: ${r.store_error}`);
  return lines.join("\n");
}

/** Where a command's logs and progress go: a live line on a terminal, else JSON log lines. */
export interface Reporter {
  logger: Logger;
  onProgress: (p: Progress) => void;
  stop: () => void;
}

/** A live progress line on a terminal (stderr), structured log lines otherwise or with `--json`. */
export function createReporter(
  label: string,
  opts: { json?: boolean | undefined; verbose?: boolean | undefined },
  makeLogger: (sink?: LogSink) => Logger,
): Reporter {
  if (!opts.json && process.stderr.isTTY) {
    const display = ttyProgress(process.stderr, label, opts.verbose);
    return { logger: makeLogger(display.sink), onProgress: display.onProgress, stop: display.stop };
  }
  const logger = makeLogger();
  return { logger, onProgress: logProgress(() => logger), stop: () => {} };
}
