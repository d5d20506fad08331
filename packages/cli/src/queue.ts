/** A FIFO of jobs run with bounded concurrency; refuses new jobs past `limit` waiting ones. */
export class WorkQueue {
  #waiting: (() => Promise<void>)[] = [];
  #running = 0;
  #idle: (() => void)[] = [];
  processed = 0;

  constructor(
    readonly concurrency: number,
    readonly limit: number,
  ) {}

  get waiting(): number {
    return this.#waiting.length;
  }

  get running(): number {
    return this.#running;
  }

  /** Queues a job; false when the queue is full (the caller answers 503), unless `force` (a job already accepted). */
  push(job: () => Promise<void>, force = false): boolean {
    if (!force && this.#waiting.length >= this.limit) return false;
    this.#waiting.push(job);
    this.#pump();
    return true;
  }

  /** Resolves once nothing is waiting or running. */
  drain(): Promise<void> {
    if (this.#running === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.concurrency && this.#waiting.length > 0) {
      const job = this.#waiting.shift()!;
      this.#running++;
      // Jobs handle their own errors; the catch only keeps one bad job from stalling the queue.
      job()
        .catch(() => {})
        .finally(() => {
          this.#running--;
          this.processed++;
          this.#pump();
          if (this.#running === 0 && this.#waiting.length === 0) {
            for (const resolve of this.#idle.splice(0)) resolve();
          }
        });
    }
  }
}
