import type { RunState } from "./run-state.js";
import type { Stream } from "./stream.js";
import { writeBatch } from "./write.js";

/**
 * The batch stage: hands the items gathered so far to a write, waiting while as many batches as
 * the window allows are in flight (back-pressure on the read). Each batch opens a checkpoint
 * mark; a dry run never finishes a batch, so its checkpoint never moves.
 */
export async function dispatch(s: RunState, st: Stream): Promise<void> {
  const items = s.batch;
  s.batch = [];
  const seq = st.checkpoint.open(st.tracked ? s.trail.mark() : null);
  if (!st.session || items.length === 0) {
    s.inFlight -= items.length;
    if (!st.session) s.held += items.length;
    else st.checkpoint.finish(seq);
    return;
  }
  while (s.pending.size >= st.window.limit) await Promise.race(s.pending);
  const p = writeBatch(s, st, st.session, seq, items).finally(() => s.pending.delete(p));
  s.pending.add(p);
}

/** Ends the batch stage once the read ended: the last batch, every write in flight, every checkpoint save. */
export async function drainBatches(s: RunState, st: Stream): Promise<void> {
  if (s.batch.length > 0) await dispatch(s, st);
  await Promise.all(s.pending);
  await st.checkpoint.flushed();
}
