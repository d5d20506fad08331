import { MemoryDeadLetter } from "../engine/dead-letter.js";
import type { RunOptions } from "../engine/types.js";
import { createLogger, type LogRecord, memorySink } from "../logging/logger.js";
import { MemoryStore } from "../store/store.js";

/** Run options for a test that touch no disk: memory store, memory dead letter, captured logs. */
export interface HermeticRuntime {
  options: RunOptions & { store: MemoryStore; deadLetter: MemoryDeadLetter };
  store: MemoryStore;
  deadLetter: MemoryDeadLetter;
  /** Every log line of the runs made with these options. */
  logs: LogRecord[];
}

/**
 * Builds hermetic run options, e.g. `hermeticRuntime({ baseUrls: { workable: fake.baseUrl } })`.
 * Short retry delays keep fault-injection tests fast; pass `http` to override.
 */
export function hermeticRuntime(extra: RunOptions = {}): HermeticRuntime {
  const sink = memorySink();
  const store = new MemoryStore();
  const deadLetter = new MemoryDeadLetter();
  const options = {
    store,
    deadLetter,
    logger: createLogger({ sink, level: "debug" }),
    ...extra,
    http: { retry: { baseDelayMs: 5, maxDelayMs: 2_000 }, ...extra.http },
  } as HermeticRuntime["options"];
  return { options, store: options.store, deadLetter: options.deadLetter, logs: sink.records };
}
