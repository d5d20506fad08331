/**
 * How many write calls a run keeps in flight. The old default (2 batches) left a vendor with 20 ms
 * of latency idle most of the time; the pace is meant to be set by the rate limiter of each client
 * (which queues calls in order) and by the adaptive gate in front of each vendor, so the engine
 * only bounds memory: how many read items may wait in batches that are being written.
 */

/** Items held in batches being written, at most, unless the run sets `concurrency` itself. */
export const ITEMS_IN_FLIGHT = 1000;
/** The fewest and most batches in flight the default allows. */
const MIN_BATCHES = 2;
const MAX_BATCHES = 32;

/**
 * Batches written at once: the run's own `concurrency` when given, else as many batches as fit in
 * {@link ITEMS_IN_FLIGHT} items (10 batches of 100, 32 of 10), so small batches overlap more.
 */
export function batchesInFlight(batchSize: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, requested);
  return Math.min(MAX_BATCHES, Math.max(MIN_BATCHES, Math.floor(ITEMS_IN_FLIGHT / batchSize)));
}
