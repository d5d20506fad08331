import type { AnyWriteSession, WriteSummary } from "../contracts/aisle.js";
import type { Events, Reason, Status } from "../contracts/enums.js";
import type { Logger } from "../logging/logger.js";
import { FileStore } from "../store/file-store.js";
import type { Store } from "../store/store.js";
import { accountingGap } from "./accounting.js";
import { decideStatus, type RunResult } from "./result.js";
import { errorText } from "./stages.js";
import type { RunSpec } from "./types.js";

/** How the read ended, besides the counters. */
export interface ReadEnding {
  origin: string;
  /** The read's own error, redacted, when it threw after its retries. */
  error: string | null;
  /** Why an item had no incremental token, when one had none. */
  tokenError: string | null;
  aborted: boolean;
}

/** Status, reason and explanation of a run from its counters and the way its read ended. */
export function outcome(
  events: Events,
  skipped: number,
  read: ReadEnding,
): { status: Status; reason: Reason; message?: string } {
  const { status, reason } = decideStatus(events, skipped);
  if (read.error !== null) {
    return {
      status: "fatal",
      reason: "read_failure",
      message: `Reading from ${read.origin} failed after ${events.read_success} item(s): ${read.error}`,
    };
  }
  if (read.tokenError !== null) {
    return {
      status: "fatal",
      reason: "getting_incremental_token_failure",
      message: `No incremental token for an item of ${read.origin}: ${read.tokenError}`,
    };
  }
  if (read.aborted) return { status: "fatal", reason: "aborted" };
  return { status, reason };
}

// Reasons that end a run before its callback, like the original.
const EARLY_STOP: readonly Reason[] = [
  "read_failure",
  "logics_failure",
  "format_failure",
  "getting_incremental_token_failure",
  "aborted",
  "dead_letter_failure",
];

/** Runs the action's callback unless the run already stopped early; counts its failure. */
export async function runCallback(
  spec: RunSpec,
  reason: Reason,
  info: Parameters<NonNullable<RunSpec["callback"]>>[0],
  logger: Logger,
): Promise<boolean> {
  if (!spec.callback || EARLY_STOP.includes(reason)) return false;
  logger.info("Calling callback function");
  try {
    await spec.callback(info);
  } catch (err) {
    info.events.callback_failure++;
    logger.error(`Failed to run callback with error=${errorText(err)}`);
  } finally {
    info.events.callback_executed++;
  }
  return true;
}

/** Checks the run's accounting (see `accountingGap`); a gap is logged and kept on the result. */
export function checkAccounting(result: RunResult, logger: Logger): RunResult {
  const gap = accountingGap(result.accounting, {
    count: result.dead_letter.count,
    unrecorded: result.dead_letter.unrecorded ?? 0,
    finishFailures: result.events.finish_failure,
  });
  if (gap) {
    result.accounting_error = gap;
    logger.error(`Run accounting does not add up: ${gap}`);
  }
  return result;
}

/**
 * Saves the result as the workflow's state. A store that fails is not thrown: the run becomes
 * `fatal` / `store_failure` (exit 2), with `store_error` and a message saying what to do, because
 * the items were handled but the next run cannot know it (an incremental run reads them again).
 */
export async function saveResult(store: Store | null, result: RunResult, logger: Logger): Promise<void> {
  if (!store) return;
  logger.info(`Saving run results in ${store.name} backend`);
  try {
    await store.save(result.workflow_id, result);
  } catch (err) {
    result.store_error = errorText(err);
    const where = store instanceof FileStore ? store.fileFor(result.workflow_id) : `the ${store.name} store`;
    const before = result.status === "fatal" ? ` (the run had already ended fatal: ${result.reason})` : "";
    result.status = "fatal";
    result.reason = "store_failure";
    result.message =
      `Could not save the workflow's state in ${where}: ${result.store_error}${before}. ` +
      "What the run wrote stays written, but its incremental token and result were not saved: " +
      "free space or fix permissions there, then run again (an incremental run reads from the last saved token).";
    logger.error(result.message);
  }
}

/**
 * Runs the write session's finish hook. Its failures (e.g. archives) are dead-lettered as "write"
 * so replay resends them, and counted apart as `finish_failure`: they are not items read.
 */
export async function runFinishHook(
  spec: RunSpec,
  session: AnyWriteSession | null,
  summary: WriteSummary,
  events: Events,
  logger: Logger,
  kill: (item: unknown, error: string) => void,
): Promise<void> {
  if (!session?.finish) return;
  try {
    for (const f of (await session.finish(summary)) ?? []) {
      events.finish_failure++;
      kill(f.item, f.error);
    }
  } catch (err) {
    events.finish_failure++;
    logger.error(`Failed to finish writing to warehouse=${spec.target.name} with error=${errorText(err)}`);
  }
}
