import { Queue } from "bullmq";
import { type RunJob, runJobSchema, runQueueName } from "./jobs.js";

/** Jobs kept after they end, for Bull Board and `replay`: the newest of each kind, a day at most. */
const KEEP = {
  removeOnComplete: { count: 1000, age: 86_400 },
  removeOnFail: { count: 5000, age: 7 * 86_400 },
};

/** The run queues of a Redis, one per connector, opened on demand. */
export class RunQueues {
  readonly #queues = new Map<string, Queue<RunJob>>();

  /**
   * `connection` overrides the Redis options: the webhook intake gives up on a command after one
   * reconnection (`maxRetriesPerRequest: 1`) so a vendor gets a 503 instead of a hanging request.
   */
  constructor(
    readonly redisUrl: string,
    readonly connection: { maxRetriesPerRequest?: number | null } = {},
  ) {}

  /** The queue of a connector's runs. */
  queue(connector: string): Queue<RunJob> {
    const name = runQueueName(connector);
    let q = this.#queues.get(name);
    if (!q) {
      q = new Queue<RunJob>(name, {
        connection: {
          url: this.redisUrl,
          maxRetriesPerRequest: this.connection.maxRetriesPerRequest ?? null,
        },
        defaultJobOptions: KEEP,
      });
      this.#queues.set(name, q);
    }
    return q;
  }

  /** Every queue opened so far. */
  all(): Queue<RunJob>[] {
    return [...this.#queues.values()];
  }

  /**
   * Queues a run; resolves once Redis holds it. A pull trigger of a workflow that already has a
   * pull waiting or running is coalesced into it (BullMQ deduplication by workflow id); a webhook
   * event always gets its own job (its body is the data), ordered by the workflow lock.
   */
  async enqueue(job: RunJob, options: { jobId?: string } = {}): Promise<string> {
    const data = runJobSchema.parse(job);
    const q = this.queue(data.connector);
    const added = await q.add(data.trigger, data, {
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(data.trigger === "pull" ? { deduplication: { id: `pull:${data.workflow_id}` } } : {}),
    });
    return String(added.id);
  }

  /** Jobs per queue and state, for /metrics. */
  async depth(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const q of this.all()) {
      out[q.name] = await q.getJobCounts(
        "waiting",
        "active",
        "delayed",
        "failed",
        "completed",
        "prioritized",
      );
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
    this.#queues.clear();
  }
}
