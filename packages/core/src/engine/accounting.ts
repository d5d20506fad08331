import type { Events } from "../contracts/enums.js";

/** Where every item a run read went: exactly one of these. */
export interface Accounting {
  /** Items read and handled by this run (a resumed run's skipped prefix is not among them). */
  read: number;
  written: number;
  /** Items the target reported as already there or unchanged: nothing written, nothing lost. */
  skipped: number;
  /** Items logics dropped on purpose. */
  discarded: number;
  /** Items kept in the dead-letter sink, by the stage that failed them. */
  dead_lettered: { logics: number; format: number; write: number; token: number };
  /** Items formatted in a dry run (`persist: false`): not written by design. */
  held: number;
}

/** The accounting of a run from its counters. */
export function accountingOf(
  events: Events,
  counts: { written: number; skipped: number; held: number },
): Accounting {
  return {
    read: events.read_success,
    written: counts.written,
    skipped: counts.skipped,
    discarded: events.logics_discard,
    dead_lettered: {
      logics: events.logics_failure,
      format: events.format_failure,
      write: events.write_failure,
      token: events.getting_incremental_token_failure,
    },
    held: counts.held,
  };
}

/**
 * The invariant every run must keep, or null when it holds: each item read is exactly one of
 * written, skipped, discarded, held (dry run) or dead-lettered with its stage; and the dead-letter
 * sink holds exactly the dead-lettered items plus the finish hook's failures.
 */
export function accountingGap(
  a: Accounting,
  sink?: { count: number; finishFailures: number; unrecorded?: number },
): string | null {
  const d = a.dead_lettered;
  const dead = d.logics + d.format + d.write + d.token;
  const accounted = a.written + a.skipped + a.discarded + a.held + dead;
  const problems: string[] = [];
  if (accounted !== a.read) {
    problems.push(
      `read ${a.read} item(s) but accounted for ${accounted} (written ${a.written}, skipped ${a.skipped}, discarded ${a.discarded}, held ${a.held}, dead-lettered logics ${d.logics} format ${d.format} write ${d.write} token ${d.token})`,
    );
  }
  // Entries a failed sink could not keep are still failures: they are reported as unrecorded.
  if (sink && sink.count + (sink.unrecorded ?? 0) !== dead + sink.finishFailures) {
    problems.push(
      `the dead-letter sink holds ${sink.count} item(s), expected ${dead + sink.finishFailures} (${dead} item(s) plus ${sink.finishFailures} finish failure(s))`,
    );
  }
  return problems.length > 0 ? problems.join("; ") : null;
}
