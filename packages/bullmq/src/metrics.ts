import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Counts a queue's jobs by state; given to the metrics so /metrics reports live queue depth. */
export type QueueDepth = () => Promise<Record<string, Record<string, number>>>;

/**
 * The Prometheus metrics of one process (prom-client, one registry per process so tests can run
 * several). Workers count runs, items and waits; the intake and workers both report queue depth.
 */
export class ClusterMetrics {
  readonly registry = new Registry();
  readonly runs: Counter<"connector" | "action" | "status">;
  readonly items: Counter<"connector" | "action" | "outcome">;
  readonly runDuration: Histogram<"connector" | "action">;
  readonly rateLimitWaits: Counter<"limiter">;
  readonly rateLimitPauses: Counter<"limiter">;
  readonly webhooks: Counter<"route" | "outcome">;
  readonly lockWaits: Counter<never>;

  constructor(depth?: QueueDepth) {
    const registers = [this.registry];
    this.runs = new Counter({
      name: "hrflow_connectors_runs_total",
      help: "Finished runs by status (success, success_with_failures, fatal)",
      labelNames: ["connector", "action", "status"],
      registers,
    });
    this.items = new Counter({
      name: "hrflow_connectors_items_total",
      help: "Items by outcome (read, written, discarded, failed, dead_lettered)",
      labelNames: ["connector", "action", "outcome"],
      registers,
    });
    this.runDuration = new Histogram({
      name: "hrflow_connectors_run_duration_seconds",
      help: "Run duration",
      labelNames: ["connector", "action"],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
      registers,
    });
    this.rateLimitWaits = new Counter({
      name: "hrflow_connectors_rate_limit_wait_seconds_total",
      help: "Time calls waited for a shared rate-limit window",
      labelNames: ["limiter"],
      registers,
    });
    this.rateLimitPauses = new Counter({
      name: "hrflow_connectors_rate_limit_pauses_total",
      help: "Pauses because a vendor answered 429 or announced its window spent",
      labelNames: ["limiter"],
      registers,
    });
    this.webhooks = new Counter({
      name: "hrflow_connectors_webhooks_total",
      help: "Webhook requests by route template (or unmatched) and outcome (accepted, duplicate, in_flight, refused, invalid, too_large, aborted, busy, unavailable, not_found, error)",
      labelNames: ["route", "outcome"],
      registers,
    });
    this.lockWaits = new Counter({
      name: "hrflow_connectors_workflow_lock_waits_total",
      help: "Jobs put back because another run of their workflow was running",
      registers,
    });
    if (depth) {
      new Gauge({
        name: "hrflow_connectors_queue_jobs",
        help: "Jobs per queue and state (waiting, active, delayed, failed, completed)",
        labelNames: ["queue", "state"],
        registers,
        async collect() {
          this.reset();
          for (const [queue, counts] of Object.entries(await depth())) {
            for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
          }
        },
      });
    }
  }

  /** Records a finished run's counts. */
  recordRun(labels: { connector: string; action: string }, result: RunLike): void {
    this.runs.inc({ ...labels, status: result.status });
    const e = result.events;
    const add = (outcome: string, n: number) => n > 0 && this.items.inc({ ...labels, outcome }, n);
    add("read", e.read_success ?? 0);
    add("written", result.written);
    add("discarded", e.logics_discard ?? 0);
    add("failed", (e.write_failure ?? 0) + (e.format_failure ?? 0) + (e.logics_failure ?? 0));
    add("dead_lettered", result.dead_letter.count);
    this.runDuration.observe(labels, result.duration_ms / 1000);
  }

  /** The text exposition for GET /metrics. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The fields of a RunResult the metrics read. */
interface RunLike {
  status: string;
  written: number;
  duration_ms: number;
  events: Record<string, number>;
  dead_letter: { count: number };
}
