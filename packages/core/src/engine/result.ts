import type { Events, Mode, Reason, Status } from "../contracts/enums.js";
import type { Accounting } from "./accounting.js";
import type { ResumePoint } from "./checkpoint.js";

/** One problem found while validating a parameter object, with the full path of the field. */
export interface ParameterIssue {
  path: string;
  message: string;
  code: string;
}

/** The JSON result of a run. Field names are snake_case so the result can be stored and compared as is. */
export interface RunResult {
  workflow_id: string;
  action_id: string;
  action_name: string;
  connector: string;
  origin: string;
  target: string;
  mode: Mode;
  status: Status;
  reason: Reason;
  /**
   * A sentence explaining every fatal (its cause, e.g. the first error of a write failure) and a
   * run that wrote nothing (e.g. "0 written: 4 already up to date").
   */
  message?: string;
  incremental: boolean;
  persist: boolean;
  incremental_token: string | null;
  events: Events;
  /** Items the target accepted. */
  written: number;
  /** Items the target reported as already there or unchanged (not counted as written). */
  skipped: number;
  /** Where every item read went (see `accountingGap`). */
  accounting: Accounting;
  /** Set when the accounting does not add up: a bug, reported instead of hidden. */
  accounting_error?: string;
  /**
   * Where an interrupted read got to (aborted, read or token failure); the next run of the same
   * workflow resumes there instead of reading the finished prefix again (see `usableResume`).
   */
  resume?: ResumePoint;
  /** Items kept in the dead-letter sink, and where. */
  dead_letter: {
    location: string | null;
    count: number;
    /** Failed items the sink could not record (the run is then `fatal` / `dead_letter_failure`). */
    unrecorded?: number;
  };
  issues?: ParameterIssue[];
  started_at: string;
  finished_at: string;
  duration_ms: number;
  /** The most items held between read and write at one time (flat memory shows here). */
  peak_in_flight: number;
  store_error?: string;
  /** Items whose incremental token was dated past the run's start (written; token held back). */
  future_dated?: number;
  /** Things an operator should know that did not fail the run, each said once. */
  warnings?: string[];
}

/**
 * Derives status and reason from the counters, like the original's table, with its bugs fixed:
 * runs where logics discard every item are a success; a read that failed is fatal whatever was
 * read before it (the rest of the source was never seen); a run where every item that was not
 * discarded or skipped failed, at whatever stages, is fatal (named after the last stage that
 * failed some). Finish-hook failures are not items read: they count as failures, never as all.
 */
export function decideStatus(e: Events, skipped = 0): { status: Status; reason: Reason } {
  const rs = e.read_success;
  const lf = e.logics_failure;
  const ld = e.logics_discard;
  const ff = e.format_failure;
  const wf = e.write_failure;
  const tf = e.getting_incremental_token_failure;
  if (e.read_failure > 0) return { status: "fatal", reason: "read_failure" };
  if (rs === 0) return { status: "success", reason: "none" };
  const failed = lf + ff + wf + tf;
  if (failed > 0 && failed >= rs - ld - skipped) {
    const reason =
      wf > 0
        ? "write_failure"
        : ff > 0
          ? "format_failure"
          : lf > 0
            ? "logics_failure"
            : "getting_incremental_token_failure";
    return { status: "fatal", reason };
  }
  if (failed + e.finish_failure + e.callback_failure > 0)
    return { status: "success_with_failures", reason: "none" };
  return { status: "success", reason: "none" };
}
