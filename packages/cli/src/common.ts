import { parseArgs } from "node:util";
import { createLogger, jsonLinesSink, type Logger, type LogSink } from "@hrflow-connectors/core";
import { defaultStoreDirectory, FileStore } from "@hrflow-connectors/core/store";
import { ConfigError, formatIssues } from "./config.js";
import { UsageError } from "./discover.js";
import { didYouMean } from "./suggest.js";

/**
 * Exit statuses: 0 success, 1 success with failures, 2 fatal (bad usage, bad config, fatal run),
 * 75 (EX_TEMPFAIL) another run of the workflow holds it: try again later.
 */
export const EXIT = { ok: 0, failures: 1, fatal: 2, busy: 75 } as const;

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** `parseArgs` with positionals allowed; an unknown flag becomes a usage error. */
export function parse<O extends OptionSpec>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: options as O, allowPositionals: true, strict: true });
  } catch (err) {
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec((err as Error).message)?.[1];
    if (unknown) {
      const flags = Object.keys(options ?? {}).map((f) => `--${f}`);
      throw new UsageError(
        `Unknown option '${unknown}'.${didYouMean(unknown, flags) || " Run with --help for the options."}`,
      );
    }
    throw new UsageError((err as Error).message);
  }
}

/** Options shared by every command that runs an action. */
export const runtimeFlags = {
  config: { type: "string", short: "c" },
  "workflow-id": { type: "string" },
  "state-dir": { type: "string" },
  "dead-letter": { type: "string" },
  logics: { type: "string" },
  format: { type: "string" },
  json: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const;

/** The embedded file store under `--state-dir` (default: core's `defaultStoreDirectory()`). */
export function stateStore(dir: string | undefined): FileStore {
  return new FileStore(dir ?? defaultStoreDirectory());
}

/** A logger writing JSON lines to stderr, or to the given sink (e.g. one sharing a progress line). */
export function cliLogger(sink: LogSink = jsonLinesSink, tags: Record<string, string> = {}): Logger {
  return createLogger({ sink, tags });
}

/** Prints a user-facing error (never a stack trace unless HRFLOW_CONNECTORS_DEBUG is set) and returns 2. */
export function reportError(err: unknown, json = false): number {
  const known = err instanceof UsageError || err instanceof ConfigError;
  const message = err instanceof Error ? err.message : String(err);
  const issues = err instanceof ConfigError ? err.issues : [];
  let text = known ? message : `Error: ${message}`;
  if (issues.length > 0) text += `:\n${formatIssues(issues)}`;
  process.stderr.write(`${text}\n`);
  if (!known && process.env.HRFLOW_CONNECTORS_DEBUG && err instanceof Error && err.stack) {
    process.stderr.write(`${err.stack}\n`);
  }
  if (json) {
    const reason =
      err instanceof ConfigError ? "invalid_config" : err instanceof UsageError ? "usage" : "error";
    process.stdout.write(`${JSON.stringify({ status: "fatal", reason, message, issues })}\n`);
  }
  return EXIT.fatal;
}

/**
 * Turns SIGINT/SIGTERM into an abort of the running work; a second signal exits at once.
 * Returns the signal and a function removing the handlers.
 */
export function abortOnSignals(onFirst?: (signal: NodeJS.Signals) => void): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`received ${signal}`));
    onFirst?.(signal);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}

/** The parent at startup: a parent that dies while a command loads its config is still noticed. */
const LAUNCH_PARENT = process.ppid;

/**
 * For long-running commands (serve, fakes): when the parent process goes away, send ourselves a
 * SIGTERM so the usual graceful stop runs. `npx @hrflow-connectors/cli serve` runs the CLI under npm and
 * a shell; a SIGTERM sent to npm ends npm without passing it on, which would leave us listening as
 * an orphan. Returns the (unref'd) timer, for clearInterval.
 */
export function stopWhenOrphaned(onOrphan: () => void, everyMs = 500): NodeJS.Timeout {
  const parent = LAUNCH_PARENT;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphan();
    process.kill(process.pid, "SIGTERM");
  }, everyMs);
  timer.unref();
  return timer;
}

/**
 * For `run` started through npm (`npx`, `npm exec`, `npm run`): npm is then the process the
 * operator's supervisor signals, and its SIGKILL never reaches us. When that launcher dies, the run
 * ends at once as a SIGKILL would (exit 137): writes stop within the watch interval, and the state
 * and lease stay as a kill leaves them (the next run resumes and takes the lease over). Started any
 * other way (a shell, cron, systemd), a vanished parent means nothing: `nohup ... &` must keep running.
 */
export function exitWithLauncher(
  onGone: () => void,
  env: NodeJS.ProcessEnv = process.env,
  everyMs = 200,
): NodeJS.Timeout | null {
  if (!env.npm_command) return null;
  const parent = LAUNCH_PARENT;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
    process.exit(137);
  }, everyMs);
  timer.unref();
  return timer;
}

/** A positive integer flag, or undefined. */
export function intFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a non-negative integer, got '${value}'`);
  return n;
}
