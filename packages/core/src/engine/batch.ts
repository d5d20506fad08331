import type { RunState } from "./run-state.js";
import type { Stream } from "./stream.js";
import { writeBatch } from "./write.js";

/**
 * The batch stage: hands the items gathered so far to a write, waiting while the window has no
 * room (back-pressure on the read): as many requests in flight as it allows, or as many items
 * held as it bounds. Each batch opens a checkpoint mark; a dry run never finishes a batch, so its
 * checkpoint never moves.
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
  while (s.pending.size > 0 && !roomFor(st)) await st.slots.nextChange();
  const p = writeBatch(s, st, st.session, seq, items).finally(() => s.pending.delete(p));
  s.pending.add(p);
}

/**
 * Whether the window has room for another batch. A batch counts the items it has in flight or
 * waiting for a slot, and at least one request (a write that sends its batch in one request, or
 * is between two items). A batch that has not reached `writeEach` yet (waiting for an identity
 * lock, a listing) counts all its items unless the run's writes are known to send batches their
 * own way, so batches read in a burst do not all start at once.
 */
function roomFor(st: Stream): boolean {
  let requests = 0;
  let items = 0;
  for (const b of st.writing) {
    items += b.items;
    requests += b.perItem ? Math.max(1, b.inFlight) : st.writes === "batch" ? 1 : b.items;
  }
  return st.window.room(requests, items);
}

/** Ends the batch stage once the read ended: the last batch, every write in flight, every checkpoint save. */
export async function drainBatches(s: RunState, st: Stream): Promise<void> {
  if (s.batch.length > 0) await dispatch(s, st);
  await Promise.all(s.pending);
  await st.checkpoint.flushed();
}
