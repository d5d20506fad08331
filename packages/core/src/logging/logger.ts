import { Redactor } from "./redact.js";

export type LogLevel = "debug" | "info" | "warn" | "error";
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One structured log line. Tags mirror the original's prefix (workflow_id, action_id, ...). */
export interface LogRecord {
  time: string;
  level: LogLevel;
  message: string;
  tags: Record<string, string>;
  data?: Record<string, unknown>;
}

export type LogSink = (record: LogRecord) => void;

/** A tagged, redacting logger; sinks are pluggable. */
export interface Logger {
  readonly tags: Readonly<Record<string, string>>;
  readonly redactor: Redactor;
  log(level: LogLevel, message: string, data?: Record<string, unknown>): void;
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  /** A logger with extra tags (and the same sink, level and secrets). */
  child(tags: Record<string, string>, redactor?: Redactor): Logger;
}

export interface LoggerOptions {
  sink?: LogSink;
  level?: LogLevel;
  tags?: Record<string, string>;
  redactor?: Redactor;
}

/** The prefix the original puts before every message: `[k=v][k=v]: `. */
export function formatTags(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => `[${k}=${v}]`)
    .join("");
}

/** Writes one JSON object per line to stderr, so stdout stays free for results. */
export const jsonLinesSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`);
};

/** Writes `time level [tags]: message` lines to stderr, for people reading a terminal. */
export const prettySink: LogSink = (record) => {
  const data = record.data ? ` ${JSON.stringify(record.data)}` : "";
  process.stderr.write(
    `${record.time} ${record.level.toUpperCase()} ${formatTags(record.tags)}: ${record.message}${data}\n`,
  );
};

/** Discards everything. */
export const silentSink: LogSink = () => {};

/** Keeps records in an array; handy for tests and for embedding. */
export function memorySink(): LogSink & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const sink = ((r: LogRecord) => {
    records.push(r);
  }) as LogSink & { records: LogRecord[] };
  sink.records = records;
  return sink;
}

/**
 * The logger a run uses when the caller passes none: silent, because a library must not write to its
 * caller's terminal. Setting HRFLOW_CONNECTORS_LOG_LEVEL turns on JSON lines on stderr at that level;
 * a `logger` run option (e.g. `createLogger({ sink: prettySink })`) chooses anything else.
 */
export function defaultLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const level = env.HRFLOW_CONNECTORS_LOG_LEVEL;
  return level ? createLogger({ sink: jsonLinesSink }) : createLogger({ sink: silentSink });
}

/** Creates a logger; every message and datum passes through the redactor before the sink sees it. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? jsonLinesSink;
  const min = LEVELS[options.level ?? (process.env.HRFLOW_CONNECTORS_LOG_LEVEL as LogLevel) ?? "info"] ?? 20;
  const tags = { ...(options.tags ?? {}) };
  const redactor = options.redactor ?? new Redactor();
  const log = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    if (LEVELS[level] < min) return;
    const record: LogRecord = {
      time: new Date().toISOString(),
      level,
      message: redactor.text(message),
      tags: redactor.value(tags),
    };
    if (data) record.data = redactor.value(data);
    sink(record);
  };
  return {
    tags,
    redactor,
    log,
    debug: (m, d) => log("debug", m, d),
    info: (m, d) => log("info", m, d),
    warn: (m, d) => log("warn", m, d),
    error: (m, d) => log("error", m, d),
    child: (extra, childRedactor) =>
      createLogger({
        sink,
        level: options.level,
        tags: { ...tags, ...extra },
        redactor: childRedactor ?? redactor,
      }),
  };
}
