import type { ClientContext } from "../http/context-policy.js";
import { isHttpError, isNetworkError, isOutcomeUnknown, OutcomeUnknownError } from "../http/errors.js";
import { sleep } from "../http/rate-limit.js";
import type { Logger } from "../logging/logger.js";

/**
 * How a write whose answer was lost is settled. Without it a write that timed out is a guess:
 * dead-lettering it may hide a success (and a replay then duplicates it), resending it blindly may
 * duplicate it at once.
 */
export interface ReconcileOptions<T> {
  /**
   * Looks the item up in the target: true when the target holds it (the lost write landed), false
   * when it does not, null when this item cannot be looked up (e.g. it has no reference). Omit it
   * when the vendor offers no lookup: such an item is then dead-lettered with `outcome: "unknown"`
   * instead of being resent.
   */
  lookup?: (item: T) => Promise<boolean | null>;
  /**
   * For vendors without a lookup: true when the item's write call was certainly not sent yet
   * (see `sendTracker`), so a failure proves nothing was written and it may be tried again.
   */
  notSent?: (item: T) => boolean;
  /**
   * Look the item up before the first attempt (a replay of an item whose earlier write may have
   * landed): found, it counts as written; absent, it is written; when it cannot be looked up it
   * is not resent and fails again with `outcome: "unknown"`. "when-possible": such an item is
   * written (its earlier failure was known; only an earlier replay may have delivered it).
   */
  lookFirst?: boolean | "when-possible" | undefined;
  /**
   * True when `write` may be run again without creating anything twice: it starts by looking the
   * item up itself (create-unless-present), or it only sets fields (PUT, PATCH). Such a write is
   * simply tried again after a transient failure. A function decides per item (e.g. only items
   * with a reference can be looked up).
   */
  repeatable?: boolean | ((item: T) => boolean);
  /**
   * Wait in ms before looking up an item whose write may have landed (default 0). A request the
   * client gave up on can still be processed by the vendor after that: looking at once could miss
   * it, and the resend would duplicate it.
   */
  settleMs?: number | undefined;
  /** Attempts in all, the first one included (default 3). */
  attempts?: number;
  /** Wait before the second attempt in ms, doubled for each later one (default 250). */
  baseDelayMs?: number;
  logger?: Logger | undefined;
  signal?: AbortSignal | undefined;
  /** Names the item in log lines (default: "item"). */
  describe?: (item: T) => string;
}

/** An error that says the call may have reached the server and acted: 5xx, timeout, reset, cut body. */
export function mayHaveLanded(err: unknown): boolean {
  if (isOutcomeUnknown(err) || isNetworkError(err)) return true;
  if (isHttpError(err)) return err.status >= 500;
  // Before a body is read inside the policy, undici reports a cut body as `TypeError: terminated`
  // and a half JSON body fails to parse: both arrive after the server answered, so it acted.
  if (err instanceof SyntaxError) return true;
  return err instanceof TypeError && /terminated|fetch failed|other side closed|socket/i.test(err.message);
}

/** An error worth another attempt: anything that may have landed, plus 408 and 429 (refused for now). */
export function isTransient(err: unknown): boolean {
  if (mayHaveLanded(err)) return true;
  return isHttpError(err) && err.retryable;
}

/** The longest wait before a lookup, and the wait when the run sets no timeout. */
export const DEFAULT_SETTLE_MS = 10_000;

/** What `writeWithLookup` returns when a write whose answer was lost is found in the target. */
export const RECONCILED: unique symbol = Symbol("reconciled");

const text = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Writes one item and settles a transient failure instead of guessing: a repeatable write is tried
 * again (a bounded number of times); any other write is looked up first and counts as written when
 * it landed, is resent only when the lookup proves it did not, and ends as an OutcomeUnknownError
 * (dead-lettered with `outcome: "unknown"`) when nothing can tell. Refusals (4xx) are thrown as they are.
 */
export async function writeWithLookup<T, R>(
  item: T,
  write: (item: T, attempt: number) => Promise<R>,
  options: ReconcileOptions<T>,
): Promise<R | typeof RECONCILED> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const base = options.baseDelayMs ?? 250;
  const name = () => options.describe?.(item) ?? "item";
  const repeatable =
    typeof options.repeatable === "function" ? options.repeatable(item) : options.repeatable === true;
  // Lookup answers: true landed, false absent, null the lookup failed (so nothing is known).
  const look = async (): Promise<boolean | null> => {
    if (!options.lookup) return null;
    try {
      return await options.lookup(item);
    } catch (err) {
      options.logger?.warn(`Looking up ${name()} after a failed write failed too: ${text(err)}`);
      return null;
    }
  };
  if (options.lookFirst) {
    const found = await look();
    if (found === true) {
      options.logger?.info(`${name()} is already in the target (an earlier write landed); not resent`);
      return RECONCILED;
    }
    if (found === null && !repeatable && options.lookFirst !== "when-possible") {
      throw new OutcomeUnknownError(
        `not resent: an earlier write of ${name()} may have landed and ${options.lookup ? "it could not be looked up" : "the vendor offers no lookup"}; check the target, then replay with --resend-unknown`,
      );
    }
  }
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      return await write(item, attempt);
    } catch (err) {
      if (!isTransient(err)) throw err;
      failure = err;
    }
    const last = attempt >= attempts;
    const unsure = mayHaveLanded(failure);
    // A repeatable write looks the item up itself on its next attempt; others look it up here.
    if (unsure && (!repeatable || last)) {
      const notSent = options.notSent?.(item) === true;
      // A server that answered (5xx) is done with the request; one that did not may still act on it.
      const answered = (failure as { status?: unknown }).status !== undefined;
      if (!notSent && !answered && options.lookup && options.settleMs)
        await sleep(options.settleMs, options.signal);
      const found = notSent ? false : await look();
      if (found === true) {
        options.logger?.info(`The lost write of ${name()} had landed (found by lookup); counted as written`);
        return RECONCILED;
      }
      if (found === null && !repeatable) {
        throw new OutcomeUnknownError(
          `${text(failure)}; ${options.lookup ? "it could not be looked up" : "the vendor offers no lookup"}, so it may or may not have been written (outcome unknown: look before resending)`,
        );
      }
      if (found === null && last) {
        throw new OutcomeUnknownError(`${text(failure)}; after ${attempts} attempts the outcome is unknown`);
      }
      // The lookup proved it absent: the outcome is known (not written), whatever the error said.
      if (found === false && last && isOutcomeUnknown(failure)) {
        throw new Error(`${text(failure)}; not written (the lookup found nothing)`, { cause: failure });
      }
    }
    if (last) throw failure;
    const how = repeatable ? "tried again" : unsure ? "resent after a lookup found it absent" : "resent";
    options.logger?.warn(
      `Writing ${name()} failed (${text(failure)}); ${how}, attempt ${attempt + 1}/${attempts}`,
    );
    await sleep(Math.random() * base * 2 ** (attempt - 1), options.signal);
  }
}

/**
 * The reconcile settings a write context implies: its retry base delay, logger and abort signal, a
 * settle time of one request timeout (10 s at most) before a lookup, and `lookFirst` when the run
 * replays items whose earlier write may have landed.
 */
export function reconcileDefaults(
  ctx: ClientContext & { lookBeforeWrite?: boolean | "when-possible" | undefined },
): Pick<ReconcileOptions<unknown>, "baseDelayMs" | "logger" | "signal" | "lookFirst" | "settleMs"> {
  return {
    baseDelayMs: ctx.http?.retry?.baseDelayMs,
    // A request may still land up to about one timeout after the client gave up on it.
    settleMs: Math.min(ctx.http?.timeoutMs ?? DEFAULT_SETTLE_MS, DEFAULT_SETTLE_MS),
    logger: ctx.logger,
    signal: ctx.signal,
    lookFirst:
      ctx.lookBeforeWrite === true || ctx.lookBeforeWrite === "when-possible" ? ctx.lookBeforeWrite : false,
  };
}

/**
 * What a vendor without a lookup can still know: whether an item's write call was sent. A failure
 * before `sending(item)` (a file download, a refused token) proves nothing was written, so the item
 * is tried again (`notSent`); after it the outcome is unknown and nothing is resent.
 */
export function sendTracker<T extends object>(): {
  sending: (item: T) => void;
  notSent: (item: T) => boolean;
} {
  const sent = new WeakSet<T>();
  return {
    sending: (item) => {
      sent.add(item);
    },
    notSent: (item) => !sent.has(item),
  };
}
