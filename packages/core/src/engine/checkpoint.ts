import { createHash, type Hash } from "node:crypto";
import { z } from "zod";
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/store.js";

/**
 * Where an interrupted run got to: it read with token `from`, and the first `done` items of that
 * listing were written or dead-lettered. `digest` fingerprints those items in listing order, so a
 * resumed run can tell whether it is looking at the same listing. `scope` fingerprints what the
 * run was asked to do (see `runScope`) and `at` says when the point was saved: a run asked to do
 * something else, or a full read whose point is too old, starts from the beginning.
 */
export interface ResumePoint {
  from: string | null;
  done: number;
  digest: string;
  scope?: string;
  at?: string;
}

/** The stored shape of a resume point (states written before `scope` and `at` have neither). */
export const resumePointSchema = z.object({
  from: z.string().nullable(),
  done: z.number().int().positive(),
  digest: z.string().min(1),
  scope: z.string().optional(),
  at: z.iso.datetime().optional(),
});

/** Whether a stored value is a resume point (states written by older versions have none). */
export function isResumePoint(v: unknown): v is ResumePoint {
  return resumePointSchema.safeParse(v).success;
}

/** How long a full (non-incremental) read's resume point stays usable by default: 6 hours. */
export const RESUME_MAX_AGE_MS = 6 * 60 * 60_000;

/** Whether a value holds bytes anywhere. */
function holdsBytes(v: unknown): boolean {
  if (v === null || typeof v !== "object") return false;
  if (v instanceof Uint8Array) return true;
  if (Array.isArray(v)) return v.some(holdsBytes);
  for (const k in v) if (holdsBytes((v as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * Feeds an item's content to a hash, for listings that have no token (full reads): its JSON text,
 * where bytes (attachments, which JSON would blow up into number arrays) stand as their length and
 * their own SHA-256. One JSON text per item: the earlier walk built a string per value and an
 * array per object, 11 KB allocated per resume-carrying item (the most of any engine function).
 * Items without bytes hash exactly as before; the fingerprint of one with bytes changed once (an
 * interrupted run of such a read then starts over instead of resuming).
 */
function feed(hash: Hash, item: unknown): void {
  // Most items hold no bytes: JSON's fast path, without a replacer.
  if (!holdsBytes(item)) {
    hash.update(JSON.stringify(item) ?? "undefined");
    return;
  }
  const text = JSON.stringify(item, function (this: Record<string, unknown>, key, value: unknown) {
    // The holder's own value: a Buffer's `toJSON` has already replaced `value` by then.
    const own = this[key];
    if (own instanceof Uint8Array) {
      const digest = createHash("sha256").update(own).digest("base64");
      return { "\u0001bytes": own.byteLength, sha256: digest };
    }
    return value;
  });
  hash.update(text ?? "undefined");
}

/** A stable fingerprint of an item's content (what a full read's trail adds per item). */
export function fingerprint(item: unknown): string {
  const hash = createHash("sha256");
  feed(hash, item);
  return hash.digest("base64");
}

/** A rolling fingerprint of the tokens read so far, in listing order. */
export class ListingTrail {
  #hash: Hash = createHash("sha256");
  #count = 0;

  add(token: string): void {
    this.#hash.update(token);
    this.#hash.update("\u0000");
    this.#count++;
  }

  /** Adds an item by its content, for reads without tokens (one rolling hash: no hash per item). */
  addItem(item: unknown): void {
    feed(this.#hash, item);
    this.#hash.update("\u0000");
    this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  /** The items fingerprinted so far and their digest. */
  mark(): { done: number; digest: string } {
    return { done: this.#count, digest: this.#hash.copy().digest("hex") };
  }
}

/**
 * Saves how far a run got, as batches finish. The incremental token itself only
 * moves at the end of a complete read: a listing sorted otherwise than by token (Workable lists
 * by id) holds items older than the newest token seen so far, and a token saved mid-run would
 * skip them forever. A crashed run instead resumes from its resume point: the same start token,
 * the finished prefix of the listing skipped. Batches finish out of order, so the point only
 * advances over the contiguous prefix of finished batches.
 */
export class Checkpoint {
  readonly #marks = new Map<number, { done: number; digest: string }>();
  readonly #finished = new Set<number>();
  #next = 0;
  #prefix = 0;
  #point: ResumePoint | null;
  #saving = Promise.resolve();
  #queued = false;

  constructor(
    private readonly options: {
      /** The token the run reads with. */
      from: string | null;
      /** The token the state keeps meanwhile (a full read reads with none but keeps the last one). */
      keep: string | null;
      /** What the run was asked to do (see `runScope`). */
      scope: string;
      /** The point this run resumed from, if any (its prefix counts as done). */
      resumed: ResumePoint | null;
      /** Where to save; null means the point is only tracked (dry runs, replays). */
      store: Store | null;
      workflowId: string;
      actionId: string;
      logger: Logger;
    },
  ) {
    this.#point = options.resumed;
  }

  /** Opens a batch; `mark` covers every item read up to and including the batch's last. */
  open(mark: { done: number; digest: string } | null): number {
    const seq = this.#next++;
    if (mark) this.#marks.set(seq, mark);
    return seq;
  }

  /** Marks a batch finished (its items written or dead-lettered). */
  finish(seq: number): void {
    this.#finished.add(seq);
    let moved = false;
    while (this.#finished.has(this.#prefix)) {
      const mark = this.#marks.get(this.#prefix);
      if (mark && mark.done > 0) {
        this.#point = {
          from: this.options.from,
          ...mark,
          scope: this.options.scope,
          at: new Date().toISOString(),
        };
        moved = true;
      }
      this.#marks.delete(this.#prefix);
      this.#finished.delete(this.#prefix);
      this.#prefix++;
    }
    const { store, workflowId, actionId, logger } = this.options;
    // Saves are coalesced: one runs, one waits and takes the newest point when it starts. Batches
    // that finish faster than the store saves then cost no save each, and the end waits for two.
    if (!moved || !store || this.#queued) return;
    this.#queued = true;
    this.#saving = this.#saving
      .then(() => {
        this.#queued = false;
        return store.save(workflowId, {
          incremental_token: this.options.keep,
          resume: this.#point,
          checkpoint: true,
          action_id: actionId,
        });
      })
      .catch((err) => logger.error(`Failed to save the resume point error=${(err as Error).message}`));
  }

  /** The resume point of the finished prefix, or null when nothing finished yet. */
  get point(): ResumePoint | null {
    return this.#point;
  }

  /** Resolves once every checkpoint save has ended. */
  flushed(): Promise<void> {
    return this.#saving;
  }
}

/** How a run ended, as far as the token it saves and its resume point are concerned. */
export interface RunEnd {
  incremental: boolean;
  /** The listing was read through without a read failure. */
  complete: boolean;
  fatal: boolean;
  /** The stored token the run started from, the one it read with, and the newest it read. */
  previousToken: string | null;
  readToken: string | null;
  runToken: string | null;
  /** The point of the finished prefix (see `Checkpoint.point`). */
  point: ResumePoint | null;
}

/**
 * The checkpoint stage's last word: the token the result saves and its resume point. The token
 * only moves after a complete read that was not fatal: every item up to it was then written,
 * skipped or dead-lettered. An incomplete read keeps its resume point instead.
 */
export function closingPoint(end: RunEnd): { token: string | null; resume: ResumePoint | null } {
  const moved = end.complete && !end.fatal ? end.runToken : end.readToken;
  return {
    token: end.incremental ? moved : end.previousToken,
    resume: end.complete ? null : end.point,
  };
}
