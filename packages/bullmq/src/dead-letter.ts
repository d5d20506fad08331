import { createWriteStream } from "node:fs";
import type { DeadLetterEntry, DeadLetterSink } from "@hrflow-connectors/core";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./connection.js";

/** The stream every worker appends dead letters to. */
export const DEAD_LETTER_STREAM = `${KEY_PREFIX}:dead-letter`;

/**
 * A dead-letter sink shared by every worker: one Redis stream entry per item (XADD), so a person or
 * `replay --redis` finds a run's failed items whichever worker ran it. `put` is synchronous in the
 * engine's contract: writes are queued and `close` waits for every one of them, so a run only ends
 * once its dead letters are in Redis.
 */
export class RedisDeadLetter implements DeadLetterSink {
  readonly location: string;
  #count = 0;
  #pending: Promise<unknown>[] = [];
  #error: unknown = null;

  constructor(
    private readonly redis: Redis,
    readonly stream: string = DEAD_LETTER_STREAM,
  ) {
    this.location = `redis-stream:${stream}`;
  }

  get count(): number {
    return this.#count;
  }

  put(entry: DeadLetterEntry): void {
    this.#count++;
    this.#pending.push(
      this.redis
        .xadd(this.stream, "*", "workflow_id", entry.workflow_id, "entry", JSON.stringify(entry))
        .catch((err: unknown) => {
          this.#error ??= err;
        }),
    );
  }

  async close(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    await Promise.all(pending);
    if (this.#error) {
      const err = this.#error;
      this.#error = null;
      throw new Error(`Could not store dead letters in ${this.stream}: ${(err as Error).message}`);
    }
  }
}

/** Reads dead letters back from the stream, oldest first, optionally for one workflow or run. */
export async function* readRedisDeadLetters(
  redis: Redis,
  filter: { workflowId?: string; runId?: string } = {},
  stream: string = DEAD_LETTER_STREAM,
): AsyncGenerator<DeadLetterEntry & { stream_id: string }> {
  let start = "-";
  for (;;) {
    const page = await redis.xrange(stream, start, "+", "COUNT", 500);
    for (const [id, fields] of page) {
      const json = fields[fields.indexOf("entry") + 1];
      if (!json) continue;
      const entry = JSON.parse(json) as DeadLetterEntry;
      if (filter.workflowId && entry.workflow_id !== filter.workflowId) continue;
      if (filter.runId && entry.run_id !== filter.runId) continue;
      yield { ...entry, stream_id: id };
    }
    if (page.length < 500) return;
    start = `(${page.at(-1)![0]}`;
  }
}

/** Removes entries from the stream (XDEL) once a replay settled them; returns how many went. */
export async function acknowledgeDeadLetters(
  redis: Redis,
  ids: string[],
  stream: string = DEAD_LETTER_STREAM,
): Promise<number> {
  let removed = 0;
  for (let i = 0; i < ids.length; i += 500) removed += await redis.xdel(stream, ...ids.slice(i, i + 500));
  return removed;
}

/** Writes the stream's entries (filtered) to a JSONL file that `replay` reads; returns their stream ids. */
export async function exportDeadLetters(
  redis: Redis,
  file: string,
  filter: { workflowId?: string; runId?: string } = {},
  stream: string = DEAD_LETTER_STREAM,
): Promise<string[]> {
  const out = createWriteStream(file, { flags: "w" });
  const ids: string[] = [];
  for await (const { stream_id, ...entry } of readRedisDeadLetters(redis, filter, stream)) {
    ids.push(stream_id);
    if (!out.write(`${JSON.stringify(entry)}\n`))
      await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  return ids;
}
