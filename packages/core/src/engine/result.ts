import type { Events, Mode, Reason, Status } from "../contracts/enums.js";

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
  /** A sentence explaining a fatal reason, when there is more to say than the reason code. */
  message?: string;
  incremental: boolean;
  persist: boolean;
  incremental_token: string | null;
  events: Events;
  /** Items the target accepted. */
  written: number;
  /** Items kept in the dead-letter sink, and where. */
  dead_letter: { location: string | null; count: number };
  issues?: ParameterIssue[];
  started_at: string;
  finished_at: string;
  duration_ms: number;
  /** The most items held between read and write at one time (flat memory shows here). */
  peak_in_flight: number;
  store_error?: string;
}

/**
 * Derives status and reason from the counters, like the original's table, with its bug fixed:
 * runs where logics discard every item are a success, and rows are checked in stage order.
 */
export function decideStatus(e: Events): { status: Status; reason: Reason } {
  const rs = e.read_success;
  const rf = e.read_failure;
  const lf = e.logics_failure;
  const ld = e.logics_discard;
  const ff = e.format_failure;
  const wf = e.write_failure;
  const cf = e.callback_failure;
  if (rs === 0 && rf === 0) return { status: "success", reason: "none" };
  if (rs === 0) return { status: "fatal", reason: "read_failure" };
  if (lf > 0 && lf === rs) return { status: "fatal", reason: "logics_failure" };
  const afterLogics = rs - lf - ld;
  if (ff > 0 && ff === afterLogics) return { status: "fatal", reason: "format_failure" };
  if (wf > 0 && wf === afterLogics - ff) return { status: "fatal", reason: "write_failure" };
  if (rf + lf + ff + wf + cf > 0) return { status: "success_with_failures", reason: "none" };
  return { status: "success", reason: "none" };
}
