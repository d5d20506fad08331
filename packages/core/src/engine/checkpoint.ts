import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/store.js";
import { maxToken } from "./token.js";

/**
 * Tracks the incremental token per batch and saves it as batches finish. Batches finish out of
 * order, so the saved token only advances over the contiguous prefix of finished batches; it is
 * only saved once something was written, so a run where every write fails never moves it.
 */
export class Checkpoint {
  /** Tokens of batches not yet folded in, by sequence number (bounded by the write concurrency). */
  readonly #pending = new Map<number, string | null>();
  readonly #finished = new Set<number>();
  #next = 0;
  #prefix = 0;
  #token: string | null;
  #saving = Promise.resolve();

  constructor(
    private readonly options: {
      /** The token the run started from. */
      start: string | null;
      compare: (a: string, b: string) => number;
      /** Where to save; null means checkpoints are only tracked (non-incremental or dry runs). */
      store: Store | null;
      workflowId: string;
      actionId: string;
      logger: Logger;
    },
  ) {
    this.#token = options.start;
  }

  /** Opens a batch carrying the newest token of the items read since the previous batch. */
  open(token: string | null): number {
    const seq = this.#next++;
    this.#pending.set(seq, token);
    return seq;
  }

  /** Marks a batch finished; `written` is the number of items the target accepted so far in the run. */
  finish(seq: number, written: number): void {
    this.#finished.add(seq);
    let moved = false;
    while (this.#finished.has(this.#prefix)) {
      this.#token = maxToken(this.#token, this.#pending.get(this.#prefix) ?? null, this.options.compare);
      this.#pending.delete(this.#prefix);
      this.#finished.delete(this.#prefix);
      this.#prefix++;
      moved = true;
    }
    const { store, workflowId, actionId, logger } = this.options;
    if (moved && store && written > 0) {
      const token = this.#token;
      this.#saving = this.#saving
        .then(() =>
          store.save(workflowId, { incremental_token: token, checkpoint: true, action_id: actionId }),
        )
        .catch((err) =>
          logger.error(`Failed to checkpoint incremental token error=${(err as Error).message}`),
        );
    }
  }

  /** The newest token covered by finished batches. */
  get token(): string | null {
    return this.#token;
  }

  /** Resolves once every checkpoint save has ended. */
  flushed(): Promise<void> {
    return this.#saving;
  }
}
