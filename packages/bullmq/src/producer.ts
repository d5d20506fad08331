import { isDeepStrictEqual } from "node:util";
import { type Job, Queue } from "bullmq";
import { type RunJob, runJobSchema, runQueueName } from "./jobs.js";
import { jobRetention, type Retention, retentionWith } from "./retention.js";

/** How a run was taken by `RunQueues.submit`. */
export interface Submitted {
  /** The job that will run it: the new one, or the queued pull this trigger joined. */
  id: string;
  /** queued: a new job; coalesced: joined an identical pull already queued; replaced: see `replaced`. */
  outcome: "queued" | "coalesced" | "replaced";
  /** The waiting pull with another config that this one replaced (only with `replace`). */
  replaced?: string;
  /** For a person: what happened, when it was not a plain new job. */
  message?: string;
}

/** A pull of the workflow is already queued (or running) with another config: nothing was queued. */
export class QueuedPullConflictError extends Error {
  override name = "QueuedPullConflictError";
  constructor(
    message: string,
    readonly existingId: string,
    readonly state: string,
  ) {
    super(message);
  }
}

/** Options of the run queues. */
export interface RunQueuesOptions {
  /** How long finished and failed jobs are kept (see `DEFAULT_RETENTION`). */
  retention?: Partial<Retention>;
  /** BullMQ's connection option (default null: wait through a Redis restart). */
  maxRetriesPerRequest?: number | null;
}

/** The same run: same action and config, compared as Redis keeps them (JSON). */
export function samePull(a: RunJob, b: RunJob): boolean {
  const json = (j: RunJob) => JSON.parse(JSON.stringify({ action: j.action, config: j.config }));
  return isDeepStrictEqual(json(a), json(b));
}

/** The run queues of a Redis, one per connector, opened on demand. */
export class RunQueues {
  readonly #queues = new Map<string, Queue<RunJob>>();
  readonly retention: Retention;

  readonly connection: { maxRetriesPerRequest?: number | null };

  /**
   * `maxRetriesPerRequest` overrides the Redis option: the webhook intake gives up on a command
   * after one reconnection (`1`) so a vendor gets a 503 instead of a hanging request.
   */
  constructor(
    readonly redisUrl: string,
    options: RunQueuesOptions = {},
  ) {
    this.retention = retentionWith(options.retention);
    this.connection =
      options.maxRetriesPerRequest !== undefined
        ? { maxRetriesPerRequest: options.maxRetriesPerRequest }
        : {};
  }

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
        // Scheduled pulls get these; `submit` sets each job's own by its trigger.
        defaultJobOptions: jobRetention("pull", this.retention),
      });
      this.#queues.set(name, q);
    }
    return q;
  }

  /** Every queue opened so far. */
  all(): Queue<RunJob>[] {
    return [...this.#queues.values()];
  }

  /** The pull of a workflow still waiting or running under BullMQ's deduplication key, if any. */
  async #queuedPull(q: Queue<RunJob>, dedupId: string): Promise<{ job: Job<RunJob>; state: string } | null> {
    const id = await q.getDeduplicationJobId(dedupId);
    if (!id) return null;
    const job = await q.getJob(id);
    const state = job ? await job.getState() : "unknown";
    if (!job || state === "completed" || state === "failed" || state === "unknown") {
      // A key left behind by a job that is gone would swallow every later pull: drop it.
      await q.removeDeduplicationKey(dedupId);
      return null;
    }
    return { job, state };
  }

  /**
   * Queues a run; resolves once Redis holds it. A webhook event always gets its own job (its body
   * is the data), ordered by the workflow lock. A pull of a workflow that already has a pull
   * waiting or running joins it when the config is the same (`coalesced`); with another config it
   * is refused (QueuedPullConflictError, saying which job holds the other config), or, with
   * `replace`, replaces a waiting one (`replaced`; a running one cannot be replaced).
   */
  async submit(job: RunJob, options: { jobId?: string; replace?: boolean } = {}): Promise<Submitted> {
    const data = runJobSchema.parse(job);
    const q = this.queue(data.connector);
    const opts = {
      ...jobRetention(data.trigger, this.retention),
      ...(options.jobId ? { jobId: options.jobId } : {}),
    };
    if (data.trigger !== "pull") {
      return { id: String((await q.add(data.trigger, data, opts)).id), outcome: "queued" };
    }
    const dedupId = `pull:${data.workflow_id}`;
    const existing = await this.#queuedPull(q, dedupId);
    let replaced: string | undefined;
    if (existing) {
      const id = String(existing.job.id);
      if (samePull(existing.job.data, data)) {
        return {
          id,
          outcome: "coalesced",
          message: `a pull of ${data.workflow_id} with the same config is already ${existing.state} (job ${id}): this trigger joins it`,
        };
      }
      if (!options.replace || existing.state === "active") {
        throw new QueuedPullConflictError(
          `A pull of ${data.workflow_id} with another config is already ${existing.state} (job ${id}); nothing was queued. ` +
            (existing.state === "active"
              ? "It is running: queue this one once it has ended."
              : "Replace it (enqueue --replace), or wait until it has run."),
          id,
          existing.state,
        );
      }
      await existing.job.remove();
      replaced = id;
    }
    const added = await q.add("pull", data, { ...opts, deduplication: { id: dedupId } });
    const id = String(added.id);
    // Another producer may have queued its own pull between the check and the add: BullMQ then
    // answers with that job, which may hold another config.
    const stored = await q.getJob(id);
    if (stored && !samePull(stored.data, data)) {
      throw new QueuedPullConflictError(
        `A pull of ${data.workflow_id} with another config was queued meanwhile (job ${id}); nothing was queued.`,
        id,
        await stored.getState(),
      );
    }
    return replaced
      ? {
          id,
          outcome: "replaced",
          replaced,
          message: `replaced the waiting pull of ${data.workflow_id} (job ${replaced}), which had another config`,
        }
      : { id, outcome: "queued" };
  }

  /** `submit`, returning the job id (a coalesced pull returns the job it joined). */
  async enqueue(job: RunJob, options: { jobId?: string; replace?: boolean } = {}): Promise<string> {
    return (await this.submit(job, options)).id;
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
