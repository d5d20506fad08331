import { setMaxListeners } from "node:events";
import { drainBatches } from "./batch.js";
import { concludeStage } from "./conclude.js";
import { holdWorkflowLease } from "./lease.js";
import { loadStage } from "./load.js";
import { preflight } from "./preflight.js";
import { logReadEnd, readStage } from "./read.js";
import type { RunResult } from "./result.js";
import { openRunState, resultOf } from "./run-state.js";
import { openStream } from "./stream.js";
import type { RunOptions, RunSpec } from "./types.js";

/**
 * Runs one action: validate everything, then stream read -> logics/format -> batched writes.
 * Memory stays bounded by the write window (requests in flight plus a batch, see concurrency.ts);
 * every dropped item is counted and dead-lettered.
 */
export async function run(spec: RunSpec, options: RunOptions = {}): Promise<RunResult> {
  // Every request in flight listens to the run's signal: more than the 10 listeners after which
  // Node 20 prints a MaxListenersExceededWarning. The run's own signal, linked to the caller's by one
  // listener (removed when the run ends), has no such limit.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const outer = options.signal;
  const relay = () => controller.abort(outer?.reason);
  if (outer?.aborted) relay();
  else outer?.addEventListener("abort", relay, { once: true });
  try {
    return await runStages(spec, { ...options, signal: controller.signal });
  } finally {
    outer?.removeEventListener("abort", relay);
  }
}

/**
 * The stages in order, over one `RunState`: preflight (no I/O), the workflow lease, load state,
 * read (items through logics and format into batches), batch and write, checkpoint, conclude.
 */
async function runStages(spec: RunSpec, options: RunOptions): Promise<RunResult> {
  const s = openRunState(spec, options);
  const cleared = preflight(spec, options, s.logger, s.redactor);
  if (!cleared.ok) {
    const { reason, message, issues } = cleared;
    return resultOf(s, {
      status: "fatal",
      reason,
      ...(message ? { message } : {}),
      ...(issues ? { issues } : {}),
    });
  }
  const { parsed, store } = cleared;
  // One run per workflow at a time: the lease is held from before the state is read until the end.
  const leaseSettings = { ttlMs: options.leaseTtlMs, wait: options.waitForLease, signal: options.signal };
  await using lease = await holdWorkflowLease(store, spec.workflowId, leaseSettings, s.logger);
  if (lease.refusal) return resultOf(s, { status: "fatal", reason: "workflow_busy", message: lease.refusal });

  const loaded = await loadStage(s, store, parsed);
  if ("fatal" in loaded) return loaded.fatal;
  const st = openStream(s, parsed, store, lease, loaded);
  const readStarted = Date.now();
  await readStage(s, st);
  await drainBatches(s, st);
  logReadEnd(s, readStarted);
  return concludeStage(s, st);
}
