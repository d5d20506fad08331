import type { AnyWriteSession, WriteSummary } from "../contracts/aisle.js";
import type { Events, Reason, Status } from "../contracts/enums.js";
import type { Logger } from "../logging/logger.js";
import { FileStore } from "../store/file-store.js";
import type { Store } from "../store/store.js";
import { accountingGap } from "./accounting.js";
import { closingPoint } from "./checkpoint.js";
import { deadLetterFailureMessage } from "./dead-letter.js";
import { explain } from "./explain.js";
import { stopped } from "./read.js";
import { decideStatus, type RunResult } from "./result.js";
import { progress, type RunState, resultOf, warn } from "./run-state.js";
import { errorText } from "./stages.js";
import type { Stream } from "./stream.js";
import type { RunSpec } from "./types.js";

/** A run's verdict: status, reason, and the message that explains it, if one does yet. */
interface Verdict {
  status: Status;
  reason: Reason;
  message?: string | undefined;
}

/**
 * The conclude stage, once every batch is written: the write session's finish hook, the verdict,
 * the callback (persisting runs only), the token to save, and the result saved as the state.
 */
export async function concludeStage(s: RunState, st: Stream): Promise<RunResult> {
  const { spec, events, logger } = s;
  await closeWrites(s, st);
  let { status, reason, message } = verdict(s, st);
  progress(s, "done");
  if (!spec.persist) {
    logger.info("Running in dry mode with persist=false: Ending execution after read, format and logics");
    message = because(s, st, { status, reason, message });
    return checkAccounting(resultOf(s, { status, reason, ...(message ? { message } : {}) }), logger);
  }
  const info = {
    originParameters: st.readCtx.parameters,
    targetParameters: st.writeCtx.parameters,
    events,
    written: s.written,
    result: st.session?.result?.(),
  };
  // Token failures and aborts never reach the callback, so the table alone decides again.
  if (await runCallback(spec, reason, info, logger)) ({ status, reason } = decideStatus(events, s.skipped));
  const { token, resume } = closingPoint({
    incremental: spec.incremental,
    complete: s.readComplete && events.read_failure === 0,
    fatal: status === "fatal",
    previousToken: s.previousToken,
    readToken: st.readToken,
    runToken: s.runToken,
    point: st.checkpoint.point,
  });
  message = because(s, st, { status, reason, message });
  const result = checkAccounting(
    resultOf(s, {
      status,
      reason,
      incremental_token: token,
      ...(message ? { message } : {}),
      ...(resume ? { resume } : {}),
    }),
    logger,
  );
  await saveResult(st.store, result, logger);
  logger.info("Finished action", { status: result.status, reason: result.reason, events: result.events });
  return result;
}

/** Warns about future-dated items, runs the session's finish hook and closes the dead-letter sink. */
async function closeWrites(s: RunState, st: Stream): Promise<void> {
  const { spec, events } = s;
  if (s.futureDated > 0) {
    warn(
      s,
      `${s.futureDated} item(s) from ${spec.origin.name} are dated past this run's start (latest ${s.futureLatest}): written, but the incremental token stays at or before ${st.ceiling.toISOString()}`,
    );
  }
  const summary = {
    // A resumed run's prefix was read by the run before: its pushed set is not the whole source.
    readComplete: s.readComplete && events.read_failure === 0 && s.resumedItems === 0,
    written: s.written,
    failed: events.write_failure,
  };
  const kill = (item: unknown, error: string) => st.kill("write", item, error);
  await runFinishHook(spec, st.session, summary, events, s.logger, kill);
  await st.deadLetter.close();
}

/** The verdict from the counters and the way the read ended; a sink that could not record is fatal. */
function verdict(s: RunState, st: Stream): Verdict {
  const ending = {
    origin: s.spec.origin.name,
    error: s.readError,
    tokenError: s.tokenError,
    // A read cut by --limit or by a refused first batch is incomplete, not aborted.
    aborted: st.signal.aborted || (stopped(s, st) && !s.readComplete && s.refused === null && !s.limited),
  };
  const found: Verdict = outcome(s.events, s.skipped, ending);
  if (s.refused !== null) {
    s.logger.error(
      `Stopped reading after the first batch: the target refused all of it with error=${s.refused}`,
    );
  }
  if (st.deadLetter.failure) {
    const message = deadLetterFailureMessage(st.deadLetter.failure);
    s.logger.error(message);
    return { status: "fatal", reason: "dead_letter_failure", message };
  }
  return found;
}

/** The sentence the result carries: the verdict's own message, else what explains it (see `explain`). */
function because(s: RunState, st: Stream, v: Verdict): string | undefined {
  if (s.refused !== null && v.status === "fatal") {
    return `Stopped after the first batch: the target refused every item of it with the same error: ${s.refused}`;
  }
  return (
    v.message ??
    explain({
      status: v.status,
      reason: v.reason,
      events: s.events,
      written: s.written,
      skipped: s.skipped,
      persist: s.spec.persist,
      incremental: s.spec.incremental,
      readToken: st.readToken,
      firstErrors: s.firstErrors,
      limit: s.limited ? st.limit : null,
    })
  );
}

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
