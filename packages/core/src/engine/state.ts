import { createHash } from "node:crypto";
import { z } from "zod";
import { brand, hasBrand } from "../brand.js";
import { FileStore, isCorruptedStoreError } from "../store/file-store.js";
import type { Store } from "../store/store.js";
import { RESUME_MAX_AGE_MS, type ResumePoint, resumePointSchema } from "./checkpoint.js";
import { clampDateLike, type TokenClamp } from "./token.js";
import type { RunSpec } from "./types.js";

/**
 * What the engine reads back from a workflow's state: a saved run result or a mid-run checkpoint.
 * Only the fields the engine uses are checked; the rest of a result is kept as it is.
 */
export const storedStateSchema = z.looseObject({
  incremental_token: z.string().nullable(),
  resume: resumePointSchema.optional(),
  checkpoint: z.boolean().optional(),
});

/** The command that clears a workflow's state, for messages that tell operators what to do. */
export function resetCommand(workflowId: string, store: Store): string {
  const dir = store instanceof FileStore ? ` --state-dir ${JSON.stringify(store.directory)}` : "";
  return `hrflow-connectors state reset ${JSON.stringify(workflowId)}${dir}`;
}

/** Where a workflow's state lives, for messages: the file of a file store, else store and key. */
export function stateLocation(workflowId: string, store: Store): string {
  return store instanceof FileStore
    ? `state file ${store.fileFor(workflowId)}`
    : `state ${JSON.stringify(workflowId)} in the ${store.name} store`;
}

/** A stored state that cannot be used as it is: the run refuses to guess, and says how to reset. */
export class StateShapeError extends Error {
  override name = "StateShapeError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    brand(this, "state-shape");
  }
}

/** Whether an error is an unusable stored state (a StateShapeError from any copy of core). */
export function isStateShapeError(err: unknown): err is StateShapeError {
  return hasBrand(err, "state-shape");
}

/** The parts of a stored state a run uses. */
export interface LoadedState {
  token: string | null;
  resume: ResumePoint | null;
  /** A stored token dated past this run's ceiling (poisoned by an older version): not used. */
  heldBack?: string;
}

/**
 * Loads and validates a workflow's state. A wrong shape, or a token the origin's clamp refuses,
 * throws `StateShapeError` naming the state and the reset command: a state nobody understands
 * would otherwise mean a silent full re-read, or a wrong token saved back forever.
 */
export async function loadState(
  store: Store,
  workflowId: string,
  clamp: TokenClamp,
  ceiling: Date,
): Promise<LoadedState> {
  const reset = `reset it with: ${resetCommand(workflowId, store)}`;
  let raw: unknown;
  try {
    raw = await store.load(workflowId);
  } catch (err) {
    // A file that is not JSON at all gets the same way out as one of the wrong shape.
    if (isCorruptedStoreError(err)) throw new StateShapeError(`${err.message}; ${reset}`);
    throw err;
  }
  if (raw === null) return { token: null, resume: null };
  const where = stateLocation(workflowId, store);
  const parsed = storedStateSchema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new StateShapeError(`The ${where} does not have the shape of a run's state (${why}); ${reset}`);
  }
  const token = parsed.data.incremental_token;
  if (token === null) return { token, resume: parsed.data.resume ?? null };
  let kept: string | null;
  try {
    kept = clamp(token, ceiling);
  } catch (err) {
    throw new StateShapeError(
      `The ${where} holds an incremental token this origin cannot use (${(err as Error).message}); ${reset}`,
    );
  }
  // Its resume point was made from the same token: neither can say what was really read.
  if (kept === null) return { token: null, resume: null, heldBack: token };
  return { token, resume: parsed.data.resume ?? null };
}

/** The origin's clamp, or the default for date-like tokens. */
export function clampOf(spec: RunSpec): TokenClamp {
  const handler = spec.origin.incremental;
  return handler?.clamp ? (t, c) => handler.clamp!(t, c) : clampDateLike;
}

/**
 * A fingerprint of what a run was asked to read and where to write it: action, mode, whether it
 * reads incrementally, and every validated parameter except secrets (so the state never holds
 * anything derived from them). A resume point made under another scope is not this run's to
 * resume. Logics and format are left out, as for the incremental token: what an earlier run
 * dropped or shaped under other functions is not read again either way.
 */
export function runScope(spec: RunSpec, parsed: Record<string, unknown>): string {
  const secret = new Set(spec.secretFields ?? []);
  const text = JSON.stringify(
    {
      action: spec.actionName,
      mode: spec.mode,
      incremental: spec.incremental,
      parameters: parsed,
    },
    (key, value) => (secret.has(key) ? undefined : typeof value === "bigint" ? String(value) : value),
  );
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The resume point this run may use, or null. An incremental run resumes a point made from its own
 * token; a full read resumes only a point of the same scope saved less than `maxAgeMs` ago, since
 * the next scheduled run is meant to read everything again.
 */
export function usableResume(
  point: ResumePoint | null,
  run: { incremental: boolean; token: string | null; scope: string; now: Date; maxAgeMs?: number },
): ResumePoint | null {
  if (!point) return null;
  if (point.scope !== undefined && point.scope !== run.scope) return null;
  if (run.incremental) return point.from === run.token ? point : null;
  if (point.scope === undefined || point.at === undefined || point.from !== null) return null;
  const age = run.now.getTime() - Date.parse(point.at);
  return age >= 0 && age <= (run.maxAgeMs ?? RESUME_MAX_AGE_MS) ? point : null;
}
