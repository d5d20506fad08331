import type { Logger } from "../logging/logger.js";
import { describeHolder, type Lease, type LeaseHolder, leasesOf } from "../store/lease.js";
import type { Store } from "../store/store.js";
import { errorText } from "./stages.js";

/** Default time to live of a run's lease: how long a holder that vanished without a trace blocks. */
export const DEFAULT_LEASE_TTL_MS = 30_000;

/** The lease a run holds for its workflow, released when the run ends (`await using`). */
export interface RunLease extends AsyncDisposable {
  /** False when another run holds the workflow: the run must not start. */
  readonly held: boolean;
  /** Why the run may not start, naming the holder. */
  readonly refusal: string | null;
  /** Aborted when a renewal finds the lease gone: another run may own the workflow now. */
  readonly lost: AbortSignal;
}

/** How a run takes its workflow's lease. */
export interface LeaseSettings {
  /** Lease time to live (default 30 s); renewed every third of it. */
  ttlMs?: number | undefined;
  /** Wait for a busy workflow instead of refusing: true (until `signal`), or at most this many ms. */
  wait?: boolean | number | undefined;
  signal?: AbortSignal | undefined;
}

const notHeld = (refusal: string | null): RunLease => ({
  held: false,
  refusal,
  lost: new AbortController().signal,
  [Symbol.asyncDispose]: async () => {},
});

// A lease released in this process wakes the runs of this process waiting for one at once; runs
// of other processes see it at their next try.
const released = new EventTarget();

const pause = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      released.removeEventListener("release", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
    released.addEventListener("release", done, { once: true });
  });

/**
 * Takes the workflow's lease from the run's store (one run per workflow at a time, across
 * processes for the file and Redis stores), then renews it until the run ends. A run without a
 * store keeps no state and takes none.
 */
export async function holdWorkflowLease(
  store: Store | null,
  workflowId: string,
  settings: LeaseSettings,
  logger: Logger,
): Promise<RunLease> {
  if (!store) return notHeld(null);
  const ttlMs = settings.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const leases = leasesOf(store);
  const deadline =
    typeof settings.wait === "number" ? Date.now() + settings.wait : settings.wait ? Infinity : 0;
  let holder: LeaseHolder | null = null;
  let announced = false;
  for (;;) {
    const attempt = await leases.acquire(workflowId, { ttlMs });
    if (attempt.acquired) return keepAlive(attempt.lease, workflowId, ttlMs, logger);
    holder = attempt.holder;
    if (Date.now() >= deadline || settings.signal?.aborted) break;
    if (!announced) logger.info(`Workflow ${workflowId} is busy (${describeHolder(holder)}): waiting`);
    announced = true;
    await pause(Math.min(200, Math.max(50, ttlMs / 4), deadline - Date.now()), settings.signal);
  }
  const refusal = `Another run of workflow ${workflowId} is going on (${describeHolder(holder)}): this run did not start. Run again once it ends, or wait for it (CLI --wait, run option waitForLease)`;
  logger.error(refusal);
  return notHeld(refusal);
}

function keepAlive(lease: Lease, workflowId: string, ttlMs: number, logger: Logger): RunLease {
  const lost = new AbortController();
  let lastRenewed = Date.now();
  let timer: NodeJS.Timeout | null = null;
  const every = Math.max(50, Math.floor(ttlMs / 3));
  const tick = async () => {
    try {
      if (!(await lease.renew())) return lose("the lease was taken over or removed");
      lastRenewed = Date.now();
    } catch (err) {
      // A store that cannot be reached for most of the lease: stop before another run may start.
      if (Date.now() - lastRenewed > (ttlMs * 2) / 3) {
        return lose(`the lease could not be renewed: ${errorText(err)}`);
      }
    }
    if (timer) timer = setTimeout(tick, every).unref();
  };
  const lose = (why: string) => {
    timer = null;
    logger.error(`Stopping the run of workflow ${workflowId}: ${why}`);
    lost.abort(new Error(why));
  };
  timer = setTimeout(tick, every).unref();
  return {
    held: true,
    refusal: null,
    lost: lost.signal,
    async [Symbol.asyncDispose]() {
      if (timer) clearTimeout(timer);
      timer = null;
      await lease.release().catch((err) => logger.warn(`Could not release the lease: ${errorText(err)}`));
      released.dispatchEvent(new Event("release"));
    },
  };
}
