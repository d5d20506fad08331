import type { Events, Reason, Status } from "../contracts/enums.js";
import type { DeadLetterStage } from "./dead-letter.js";

/** What a run knows when it ends, for the sentence that explains its result. */
export interface RunFacts {
  status: Status;
  reason: Reason;
  events: Events;
  written: number;
  skipped: number;
  persist: boolean;
  incremental: boolean;
  /** The incremental token the read started from. */
  readToken: string | null;
  /** The first error met at each stage that drops items. */
  firstErrors: Partial<Record<DeadLetterStage, string>>;
  /** Set when reading stopped at `limit` items. */
  limit: number | null;
}

const STAGE_OF: Partial<Record<Reason, { stage: DeadLetterStage; verb: string; count: keyof Events }>> = {
  write_failure: { stage: "write", verb: "were refused by the target", count: "write_failure" },
  format_failure: { stage: "format", verb: "failed to format", count: "format_failure" },
  logics_failure: { stage: "logics", verb: "failed in a logic function", count: "logics_failure" },
};

/**
 * The sentence a result carries when its reason code alone does not say what happened: every fatal,
 * and a run that wrote nothing (a second run finds everything up to date, logics discarded all...).
 */
export function explain(f: RunFacts): string | undefined {
  const stage = STAGE_OF[f.reason];
  if (f.status === "fatal" && stage) {
    const first = f.firstErrors[stage.stage];
    return `${f.events[stage.count]} item(s) ${stage.verb}, none was written${first ? `; first error: ${first}` : ""}`;
  }
  if (f.status === "fatal" && f.reason === "aborted")
    return "The run was stopped before its read was complete; an incremental run resumes where it stopped";
  if (f.status === "fatal" || f.written > 0) return undefined;
  const read = f.events.read_success;
  const limited = f.limit !== null ? ` (read stopped at --limit ${f.limit})` : "";
  if (!f.persist)
    return `Dry run (persist: false): ${read} item(s) read${limited}, nothing sent to the target`;
  if (read === 0) {
    return f.incremental && f.readToken !== null
      ? "0 written: nothing new or changed since the last incremental run"
      : "0 written: the origin returned no item";
  }
  const parts: string[] = [];
  if (f.skipped > 0) parts.push(`${f.skipped} already up to date`);
  if (f.events.logics_discard > 0) parts.push(`${f.events.logics_discard} discarded by logics`);
  const failed = read - f.skipped - f.events.logics_discard;
  if (failed > 0) parts.push(`${failed} failed (see the dead-letter file)`);
  return `0 written: ${parts.join(", ")}${limited}`;
}

/** An error without the URL it names: requests for different items name different URLs. */
const shapeOf = (error: string): string => error.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>");

/**
 * The error every item of a batch failed with (the first one's text), or null when some passed or
 * the errors differ beyond the URL they name.
 */
export function refusal(size: number, failures: readonly { error: string }[]): string | null {
  if (size === 0 || failures.length !== size) return null;
  const first = shapeOf(failures[0]!.error);
  return failures.every((f) => shapeOf(f.error) === first) ? failures[0]!.error : null;
}
