import type { Logger } from "@hrflow-connectors/core";
import type { ApiMeta } from "../client.js";
import { errorText } from "./batch.js";

/** One page of a board's jobs or a source's profiles. */
export type ListPage = (page: number) => Promise<{
  items: { reference?: string | null | undefined }[];
  meta: Pick<ApiMeta, "maxPage">;
}>;

/**
 * Creates of a run looked up one by one before the listing is considered: a webhook's single
 * item costs one look-up, never a listing of a large board.
 */
export const LOOKUPS_FIRST = 10;

/**
 * The references a board (or source) holds live, learned by paged listing (one request per page
 * of 100) instead of one look-up per created item, so a first sync costs one request per job.
 * Listing pays only for runs with more creates than the board has pages, so it starts as a
 * ski rental: the first `LOOKUPS_FIRST` creates are looked up; then the first page tells how many
 * pages there are, and the rest is listed once the creates looked up since cover them (never more
 * than about twice the cheaper of the two). Only references are kept (a few MB at 100k), and
 * created items are added as they are sent, so a namesake later in the run finds them. Archived
 * items are not listed by HrFlow's search, so only a look-up finds (and restores) them.
 */
export class KnownReferences {
  #seen = 0;
  #first: Promise<{ refs: Set<string>; maxPage: number } | null> | null = null;
  #complete: Promise<Set<string> | null> | null = null;
  #listed: Set<string> | null = null;
  // References this run sent creates for, so that a listing taken meanwhile still holds them.
  readonly #sent = new Set<string>();

  constructor(
    private readonly page: ListPage,
    private readonly what: string,
    private readonly logger?: Logger | undefined,
    // Other runs may create in the same container meanwhile: a listing could be stale, so every
    // create is looked up under its identity lock instead.
    private readonly shared = false,
  ) {}

  /**
   * For a batch of `n` creates: the complete live references when listing is (now) the cheaper
   * way, else null, and each item is looked up. A failed listing also gives null.
   */
  async forBatch(n: number): Promise<Set<string> | null> {
    if (this.shared) return null;
    if (this.#complete) return this.#complete;
    this.#seen += n;
    if (this.#seen <= LOOKUPS_FIRST) return null;
    this.#first ??= this.#firstPage();
    const first = await this.#first;
    if (!first) return null;
    // Looking up the items seen since the first page would cost more than the pages left.
    if (first.maxPage > 1 && this.#seen - LOOKUPS_FIRST < first.maxPage - 1) return null;
    this.#complete ??= this.#rest(first.refs, first.maxPage);
    return this.#complete;
  }

  /** Notes a reference this run is creating (by look-up or not): a later namesake finds it. */
  sent(reference: string): void {
    if (this.#listed) this.#listed.add(reference);
    else this.#sent.add(reference);
  }

  /** The complete live references if this run listed them, else null (nothing is listed here). */
  async listed(): Promise<Set<string> | null> {
    if (this.#complete) await this.#complete;
    return this.#listed;
  }

  async #firstPage(): Promise<{ refs: Set<string>; maxPage: number } | null> {
    try {
      const { items, meta } = await this.page(1);
      const refs = new Set<string>();
      for (const item of items) if (item.reference) refs.add(item.reference);
      return { refs, maxPage: meta.maxPage };
    } catch (err) {
      this.#failed(err);
      return null;
    }
  }

  async #rest(refs: Set<string>, maxPage: number): Promise<Set<string> | null> {
    try {
      // Later pages are asked one at a time, in order: pages sorted oldest first stay put while
      // the run's own creates are appended at the end (and land in the set either way).
      for (let page = 2; page <= maxPage; page++) {
        for (const item of (await this.page(page)).items) if (item.reference) refs.add(item.reference);
      }
      for (const reference of this.#sent) refs.add(reference);
      this.#sent.clear();
      this.#listed = refs;
      return refs;
    } catch (err) {
      this.#failed(err);
      return null;
    }
  }

  #failed(err: unknown): void {
    this.logger?.warn(
      `Listing ${this.what} failed (${errorText(err)}); each create looks its reference up instead`,
    );
  }
}

/**
 * What a create knows of its item before sending it: the trust in the listing holds only on the
 * item's first attempt; a retry (its answer was lost) looks the item up, since only a look-up can
 * tell whether the lost attempt landed.
 */
export interface CreateKnowledge {
  /** The run's listed references, or null to look each item up. */
  known: Set<string> | null;
  /** Items already attempted in this batch: their next attempt is a retry. */
  tried: WeakSet<object>;
  /** Notes a reference a create is being sent for (see KnownReferences.sent). */
  sent: (reference: string) => void;
}

/** A batch's knowledge: the listing when it is the cheaper way (see KnownReferences.forBatch). */
export const knowledgeFor = async (refs: KnownReferences, n: number): Promise<CreateKnowledge> => ({
  known: await refs.forBatch(n),
  tried: new WeakSet(),
  sent: (reference) => refs.sent(reference),
});

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
