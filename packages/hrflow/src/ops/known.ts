import type { Logger } from "@hrflow-connectors/core";
import { errorText } from "./batch.js";

/**
 * The references a board (or source) holds live, learned once per run by paged listing (one
 * request per page of 100) instead of one look-up per created item: a create whose reference is
 * not there is sent at once, so a first sync costs one request per job. Only the references are
 * kept (a few MB at 100k), never the items. Created items are added as they are sent, so a
 * namesake later in the same run finds them. Archived items are not listed by HrFlow's search.
 */
export class KnownReferences {
  #pending: Promise<Set<string> | null> | null = null;

  constructor(
    private readonly list: () => AsyncIterable<{ reference?: string | null | undefined }>,
    private readonly what: string,
    private readonly logger?: Logger | undefined,
  ) {}

  /**
   * The live references, listed on first use and shared by every later batch; null when the
   * listing failed, so writers fall back to a look-up per item rather than guess.
   */
  get(): Promise<Set<string> | null> {
    this.#pending ??= this.#listAll();
    return this.#pending;
  }

  async #listAll(): Promise<Set<string> | null> {
    const refs = new Set<string>();
    try {
      for await (const item of this.list()) if (item.reference) refs.add(item.reference);
      return refs;
    } catch (err) {
      this.logger?.warn(
        `Listing ${this.what} failed (${errorText(err)}); each create looks its reference up instead`,
      );
      return null;
    }
  }
}

/**
 * What a create knows of its item before sending it: `first` is true only on the item's first
 * attempt with a listing at hand; a retry (its answer was lost) looks the item up as before, since
 * only a look-up can tell whether the lost attempt landed.
 */
export interface CreateKnowledge {
  /** The run's listed references, or null to look each item up. */
  known: Set<string> | null;
  /** Items already attempted in this batch: their next attempt is a retry. */
  tried: WeakSet<object>;
}

/** Whether this attempt may trust the listing, marking the item attempted. */
export function firstAttempt(
  item: object,
  reference: unknown,
  k: CreateKnowledge | undefined,
): k is CreateKnowledge & { known: Set<string> } {
  if (!k?.known || typeof reference !== "string" || !reference || k.tried.has(item)) return false;
  k.tried.add(item);
  return true;
}
