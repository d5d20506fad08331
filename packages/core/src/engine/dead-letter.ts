import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { defaultDeadLetterDirectory } from "../store/locations.js";

/** The stage that failed an item; a finish hook's failures are kept as "write" so replay resends them. */
export type DeadLetterStage = "logics" | "format" | "write" | "token" | "aborted";

/** One item a run could not deliver, with enough context to replay it. */
export interface DeadLetterEntry {
  run_id: string;
  workflow_id: string;
  connector: string;
  action_name: string;
  mode: string;
  stage: DeadLetterStage;
  error: string;
  /** "unknown" when the write may have landed (see WriteFailure.outcome): replay looks before resending. */
  outcome?: "unknown";
  item: unknown;
  at: string;
}

/** Why a dead-letter sink stopped recording: where it writes, the error, and the entries it could not keep. */
export interface DeadLetterFailure {
  location: string;
  error: string;
  /** Entries handed to the sink after (and including) the failure: not recorded anywhere. */
  unrecorded: number;
}

/** Keeps failed items. `location` is where a person or `replay` can find them. */
export interface DeadLetterSink {
  readonly location: string | null;
  /** Entries recorded (and only those). */
  readonly count: number;
  /** Set once the sink could not record an entry: the run then ends fatal (`dead_letter_failure`). */
  readonly failure?: DeadLetterFailure | null;
  put(entry: DeadLetterEntry): void;
  close(): Promise<void>;
}

/**
 * Appends one JSON line per entry; the file is only created when the first entry arrives. Lines
 * are written synchronously: `put` knows whether its entry was recorded, so a full disk, a
 * directory or an unwritable path becomes `failure` (the run's fatal result) instead of a stream
 * error that kills the process, and `count` never includes an entry that did not land.
 */
export class JsonlDeadLetter implements DeadLetterSink {
  readonly location: string;
  #fd: number | null = null;
  #count = 0;
  #failure: DeadLetterFailure | null = null;

  constructor(file: string) {
    this.location = resolve(file);
  }

  /** The default file for a run: `<dir>/<workflow_id>/<run_id>.jsonl`, under `defaultDeadLetterDirectory()`. */
  static forRun(
    workflowId: string,
    runId: string,
    directory = defaultDeadLetterDirectory(),
  ): JsonlDeadLetter {
    return new JsonlDeadLetter(
      join(directory, encodeURIComponent(workflowId || "no-workflow"), `${runId}.jsonl`),
    );
  }

  get count(): number {
    return this.#count;
  }

  get failure(): DeadLetterFailure | null {
    return this.#failure;
  }

  put(entry: DeadLetterEntry): void {
    if (this.#failure) {
      this.#failure.unrecorded++;
      return;
    }
    try {
      if (this.#fd === null) {
        mkdirSync(dirname(this.location), { recursive: true });
        this.#fd = openSync(this.location, "a");
      }
      const line = Buffer.from(`${JSON.stringify(entry)}\n`, "utf8");
      // writeSync may write part of the buffer (a disk filling up): the rest follows or throws.
      for (let off = 0; off < line.length; ) off += writeSync(this.#fd, line, off);
      this.#count++;
    } catch (err) {
      this.#failure = { location: this.location, error: sinkErrorText(err), unrecorded: 1 };
    }
  }

  /** Forces what was recorded to the disk (fsync); a failure is kept as `failure`, never thrown. */
  sync(): void {
    if (this.#fd === null || this.#failure) return;
    try {
      fsyncSync(this.#fd);
    } catch (err) {
      this.#failure = { location: this.location, error: sinkErrorText(err), unrecorded: 0 };
    }
  }

  async close(): Promise<void> {
    const fd = this.#fd;
    if (fd === null) return;
    this.sync();
    this.#fd = null;
    try {
      closeSync(fd);
    } catch (err) {
      this.#failure ??= { location: this.location, error: sinkErrorText(err), unrecorded: 0 };
    }
  }
}

/** `CODE: message` of a file system error, for the run's message. */
function sinkErrorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String((err as Error)?.message ?? err);
}

/** What an operator reads when the dead-letter sink failed: where, why, and what to do. */
export function deadLetterFailureMessage(f: DeadLetterFailure): string {
  return (
    `Could not record failed items in the dead-letter file ${f.location} (${f.error}); ` +
    `${f.unrecorded} failed item(s) are not recorded anywhere. The run stopped reading and its ` +
    "incremental state did not move past them: free space or fix the path (or pass --dead-letter " +
    "<file> on a writable disk), then run again."
  );
}

/** Keeps entries in memory; for tests and embedding. */
export class MemoryDeadLetter implements DeadLetterSink {
  readonly location = null;
  readonly entries: DeadLetterEntry[] = [];
  get count(): number {
    return this.entries.length;
  }
  put(entry: DeadLetterEntry): void {
    this.entries.push(entry);
  }
  async close(): Promise<void> {}
}

/** One line of a dead-letter file: its 1-based line number and the entry it holds. */
export interface DeadLetterLine {
  line: number;
  entry: DeadLetterEntry;
}

/** A line that holds no entry: `torn` when it is the file's last line and has no newline (a write cut by a crash). */
export interface UnreadableLine {
  line: number;
  torn: boolean;
  error: string;
}

/**
 * Reads a JSONL dead-letter file back line by line, without loading it whole, with each entry's
 * real line number. A line that is not JSON is handed to `onUnreadable` (and skipped) when given;
 * without it the read fails with an error naming the line.
 */
export async function* readDeadLetterLines(
  file: string,
  onUnreadable?: (bad: UnreadableLine) => void,
): AsyncGenerator<DeadLetterLine> {
  const { createReadStream } = await import("node:fs");
  const { StringDecoder } = await import("node:string_decoder");
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let line = 0;
  const parse = (text: string, torn: boolean): DeadLetterLine | null => {
    line++;
    if (!text.trim()) return null;
    try {
      return { line, entry: JSON.parse(text) as DeadLetterEntry };
    } catch (err) {
      const bad = { line, torn, error: (err as Error).message };
      if (!onUnreadable) {
        throw new Error(
          `${file} line ${line} is not a JSON entry${torn ? " (cut short)" : ""}: ${bad.error}`,
        );
      }
      onUnreadable(bad);
      return null;
    }
  };
  for await (const chunk of createReadStream(file)) {
    rest += decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = rest.indexOf("\n"); nl >= 0; nl = rest.indexOf("\n", start)) {
      const got = parse(rest.slice(start, nl).replace(/\r$/, ""), false);
      if (got) yield got;
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.end();
  if (rest !== "") {
    const got = parse(rest, true);
    if (got) yield got;
  }
}

/** Reads a JSONL dead-letter file back, entry by entry; a line that is not JSON fails the read, naming it. */
export async function* readDeadLetter(file: string): AsyncGenerator<DeadLetterEntry> {
  for await (const { entry } of readDeadLetterLines(file)) yield entry;
}

/** The sink a run's options ask for: a sink, a JSONL path, or the default file per run. */
export function deadLetterFor(
  option: DeadLetterSink | string | undefined,
  workflowId: string,
  runId: string,
) {
  if (typeof option === "object") return option;
  return option ? new JsonlDeadLetter(option) : JsonlDeadLetter.forRun(workflowId, runId);
}
