import type { AnyWriteSession, WriteFailure } from "../contracts/aisle.js";
import { refusal } from "./explain.js";
import { writeByIdentity } from "./identity.js";
import { progress, type RunState } from "./run-state.js";
import { errorText } from "./stages.js";
import type { Stream } from "./stream.js";
import { BatchScope, inBatch } from "./write-slots.js";

/**
 * The write stage for one batch: writes of one identity never run at once (see identity.ts), the
 * batch's items take the run's write slots (see write-slots.ts), a failed write fails its items
 * (dead-lettered), and the batch's checkpoint mark finishes once every item has its outcome.
 */
export async function writeBatch(
  s: RunState,
  st: Stream,
  session: AnyWriteSession,
  seq: number,
  items: unknown[],
): Promise<void> {
  const { spec, options, events, logger, redactor } = s;
  const began = Date.now();
  const scope = new BatchScope(st.slots, items.length);
  st.writing.add(scope);
  let failures: WriteFailure[];
  try {
    failures = await inBatch(scope, () =>
      writeByIdentity(session, items, st.identityLocks, spec.target.name, {
        signal: st.signal,
        onError: (err) =>
          logger.error(
            `Failed to write to warehouse=${spec.target.name} with error=${redactor.text(errorText(err))}`,
          ),
      }),
    );
  } finally {
    st.writing.delete(scope);
    st.slots.changed();
  }
  if (scope.perItem) {
    st.writes = "item";
    st.window.done(scope.settled, failures.length, scope.busyMs);
  } else {
    if (st.writes === "unknown") st.writes = "batch";
    // A write that sends the batch its own way: its time per item, as if sent one after another.
    st.window.done(items.length, failures.length, Date.now() - began);
  }
  // A window that grew lets waiting items start now.
  st.slots.refill();
  if (options.failFast && seq === 0 && s.delivered === 0) {
    const same = refusal(items.length, failures);
    if (same !== null) s.refused = redactor.text(same);
  }
  events.write_failure += failures.length;
  // Skips are reported through the context while batches run at once: the total is exact.
  s.delivered += items.length - failures.length;
  s.written = s.delivered - s.skipped;
  for (const f of failures) st.kill("write", f.item, f.error, f.outcome);
  logSkips(s, items);
  s.inFlight -= items.length;
  // Once failures go unrecorded the checkpoint stays put, so a resumed run reads them again.
  if (!st.deadLetter.failure) st.checkpoint.finish(seq);
  progress(s, "reading");
}

/** One line for the items of a batch the target skipped (up to date), with the first reason. */
function logSkips(s: RunState, items: unknown[]): void {
  let skips = 0;
  let why: string | undefined;
  for (const item of items) {
    const reason = s.skippedWhy.get(item);
    if (reason === undefined) continue;
    skips++;
    why ??= reason;
    s.skippedWhy.delete(item);
  }
  if (why !== undefined) {
    s.logger.info(
      `${skips} of ${items.length} item(s) of a batch skipped by warehouse=${s.spec.target.name} (up to date), e.g. ${s.redactor.text(why)}`,
    );
  }
}
