import { dispatch } from "./batch.js";
import { ListingTrail, type ResumePoint } from "./checkpoint.js";
import { progress, type RunState } from "./run-state.js";
import { errorText, isThenable } from "./stages.js";
import type { Stream } from "./stream.js";
import { maxToken } from "./token.js";

/** How one pass over the source ended; "restart": the listing is not the one the resumed run saw. */
type PassEnd = "done" | "stopped" | "restart" | "limited";

/**
 * The read stage: one pass over the source (or the replayed items), each item through the
 * per-item stages into batches. A resumed run passes over the interrupted run's finished prefix;
 * when the listing changed since, it reads everything again. A read that throws ends the run
 * `read_failure`, after what was read is written.
 */
export async function readStage(s: RunState, st: Stream): Promise<void> {
  const { spec, options, logger } = s;
  logger.info(
    options.source !== undefined
      ? `Starting to replay given items (not read from warehouse=${spec.origin.name}) into warehouse=${spec.target.name} with mode=${spec.mode}`
      : `Starting to read from warehouse=${spec.origin.name} with mode=${spec.mode} incremental=${spec.incremental} incremental_token=${st.readToken}`,
  );
  if (st.resumeFrom) {
    logger.info(
      `Resuming an interrupted run: the first ${st.resumeFrom.done} item(s) of the listing were done`,
    );
  }
  try {
    let pass = await readPass(s, st, st.resumeFrom);
    if (pass === "restart") {
      logger.warn("The listing changed since the interrupted run: reading it again from the start");
      s.trail = new ListingTrail();
      s.resumedItems = 0;
      s.futureDated = 0;
      s.futureLatest = null;
      s.runToken = st.readToken;
      pass = await readPass(s, st, null);
    }
    // A graceful stop that comes once the listing was read through (while its last batches are
    // written) cuts nothing: the run is complete and its token moves, so nobody reads it again.
    s.readComplete = pass === "done" && !st.signal.aborted && s.tokenError === null;
    s.limited = pass === "limited";
  } catch (err) {
    s.events.read_failure++;
    s.readError = s.redactor.text(errorText(err));
    logger.error(`Failed to read from warehouse=${spec.origin.name} with error=${s.readError}`);
  }
}

/** Whether reading must stop at the next item: aborted, stopped, refused, or a sink that cannot record. */
export function stopped(s: RunState, st: Stream): boolean {
  return (
    st.signal.aborted ||
    s.options.stop?.aborted === true ||
    s.refused !== null ||
    Boolean(st.deadLetter.failure)
  );
}

/** One pass over the source; with `skip`, the interrupted run's finished prefix is passed over. */
async function readPass(s: RunState, st: Stream, skip: ResumePoint | null): Promise<PassEnd> {
  const { events } = s;
  if (st.limit === 0 || stopped(s, st)) return st.limit === 0 ? "limited" : "stopped";
  for await (const raw of s.options.source ?? s.spec.origin.read(st.readCtx)) {
    if (st.tracked && !trackItem(s, st, raw, skip)) return "done";
    if (st.tracked && skip && s.trail.count <= skip.done) {
      s.resumedItems++;
      if (s.trail.count === skip.done && s.trail.mark().digest !== skip.digest) return "restart";
      continue;
    }
    events.read_success++;
    s.inFlight++;
    s.peakInFlight = Math.max(s.peakInFlight, s.inFlight);
    let item: unknown = raw;
    for (const step of st.steps) {
      item = step(item);
      if (isThenable(item)) item = await item;
      if (item === undefined) break;
    }
    if (item === undefined) s.inFlight--;
    else s.batch.push(item);
    if (s.batch.length >= st.batchSize) await dispatch(s, st);
    if (events.read_success % st.progressEvery === 0) progress(s, "reading");
    if (stopped(s, st)) return "stopped";
    if (st.limit !== null && events.read_success >= st.limit) return "limited";
  }
  return skip && s.trail.count < skip.done ? "restart" : "done";
}

/**
 * Adds a tracked item to the listing's trail: its content for a full read, its incremental token
 * otherwise (the run's token moves to the newest committable one). False when the item has no
 * token: the read ends there, `getting_incremental_token_failure`.
 */
function trackItem(s: RunState, st: Stream, raw: unknown, skip: ResumePoint | null): boolean {
  const handler = s.spec.origin.incremental;
  if (!s.spec.incremental || !handler) {
    s.trail.addItem(raw);
    return true;
  }
  let token: string;
  let committed: string | null;
  try {
    token = handler.token(raw);
    committed = st.clamp(token, st.ceiling);
  } catch (err) {
    s.events.read_success++;
    s.events.getting_incremental_token_failure++;
    s.tokenError = errorText(err);
    s.logger.error(
      `Failed to get incremental token from warehouse=${s.spec.origin.name} with error=${s.tokenError}`,
    );
    st.kill("token", raw, s.tokenError);
    return false;
  }
  s.trail.add(token);
  s.runToken = maxToken(s.runToken, committed, st.compare);
  if (committed === null) s.futureLatest = maxToken(s.futureLatest, token, st.compare);
  if (!(skip && s.trail.count <= skip.done) && committed === null) s.futureDated++;
  return true;
}

/** The read's closing log line, with how long it took and how many items it passed over. */
export function logReadEnd(s: RunState, startedMs: number): void {
  const { spec, events } = s;
  const what =
    s.options.source !== undefined
      ? "Finished taking the items to replay"
      : `Finished reading from warehouse=${spec.origin.name}`;
  s.logger.info(
    `${what} in ${((Date.now() - startedMs) / 1000).toFixed(1)} s: n_items=${events.read_success} read_failure=${events.read_failure}${s.resumedItems ? ` resumed_past=${s.resumedItems}` : ""}`,
  );
}
