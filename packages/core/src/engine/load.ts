import type { Store } from "../store/store.js";
import type { ResumePoint } from "./checkpoint.js";
import type { RunResult } from "./result.js";
import { type RunState, resultOf, warn } from "./run-state.js";
import { errorText } from "./stages.js";
import { clampOf, type LoadedState, loadState, runScope, usableResume } from "./state.js";
import { type TokenClamp, tokenCeiling } from "./token.js";

/** What the run takes from its stored state and its own start, for reading and checkpointing. */
export interface Loaded {
  /** The origin's clamp: no token past `ceiling` is ever committed (see `TokenClamp`). */
  clamp: TokenClamp;
  ceiling: Date;
  /** What the run was asked to do (see `runScope`). */
  scope: string;
  /** The interrupted run this one resumes, if any. */
  resumeFrom: ResumePoint | null;
}

/**
 * The load-state stage: the stored token (into `s.previousToken`) and the resume point this run may
 * use. A store that fails ends the run `fatal` / `store_failure`.
 */
export async function loadStage(
  s: RunState,
  store: Store | null,
  parsed: Record<string, unknown>,
): Promise<Loaded | { fatal: RunResult }> {
  const { spec, options, logger } = s;
  const loaded: Loaded = {
    clamp: clampOf(spec),
    ceiling: tokenCeiling(s.startedAt),
    scope: runScope(spec, parsed),
    resumeFrom: null,
  };
  if (!store) return loaded;
  let state: LoadedState;
  try {
    state = await loadState(store, spec.workflowId, loaded.clamp, loaded.ceiling);
  } catch (err) {
    logger.error(`Failed to load state from ${store.name} backend error=${errorText(err)}`);
    return { fatal: resultOf(s, { status: "fatal", reason: "store_failure", message: errorText(err) }) };
  }
  s.previousToken = state.token;
  if (state.heldBack !== undefined) {
    warn(
      s,
      `The stored incremental token ${state.heldBack} is dated past this run's start: it is dropped and everything is read again`,
    );
  }
  // A replay's items are not a listing, and a full dry run tracks nothing: nothing to resume.
  if (!options.source && (spec.incremental || spec.persist)) {
    const run = {
      incremental: spec.incremental,
      token: s.previousToken,
      scope: loaded.scope,
      now: s.startedAt,
    };
    loaded.resumeFrom = usableResume(state.resume, { ...run, maxAgeMs: options.resumeMaxAgeMs });
  }
  return loaded;
}
