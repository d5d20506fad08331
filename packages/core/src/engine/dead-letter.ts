import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
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

/** Keeps failed items. `location` is where a person or `replay` can find them. */
export interface DeadLetterSink {
  readonly location: string | null;
  readonly count: number;
  put(entry: DeadLetterEntry): void;
  close(): Promise<void>;
}

/** Appends one JSON line per entry; the file is only created when the first entry arrives. */
export class JsonlDeadLetter implements DeadLetterSink {
  readonly location: string;
  #stream: WriteStream | null = null;
  #count = 0;

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

  put(entry: DeadLetterEntry): void {
    if (!this.#stream) {
      mkdirSync(dirname(this.location), { recursive: true });
      this.#stream = createWriteStream(this.location, { flags: "a" });
    }
    this.#count++;
    this.#stream.write(`${JSON.stringify(entry)}\n`);
  }

  async close(): Promise<void> {
    const stream = this.#stream;
    if (!stream) return;
    this.#stream = null;
    await new Promise<void>((res, rej) => stream.end((err?: Error | null) => (err ? rej(err) : res())));
  }
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

/** Reads a JSONL dead-letter file back, entry by entry, without loading it whole. */
export async function* readDeadLetter(file: string): AsyncGenerator<DeadLetterEntry> {
  const { createReadStream } = await import("node:fs");
  const { createInterface } = await import("node:readline");
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim()) yield JSON.parse(line) as DeadLetterEntry;
  }
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
