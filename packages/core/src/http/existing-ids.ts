import type { Logger } from "../logging/logger.js";
import { mapConcurrent } from "./paginate.js";

/** Ids looked up one by one before a listing of the whole account is considered. */
export const LOOKUPS_BEFORE_LISTING = 10;

/** One page of the vendor's whole list: the ids on it, the page count and, when sent, the total. */
export interface IdPage {
  ids: Iterable<string>;
  pageCount: number;
  /** The record count the vendor states: a change between pages means the pages moved. */
  total?: number | null | undefined;
}

/** How the vendor can tell which of some ids it still holds. */
export interface ExistingIdsOptions {
  /** One id: true when the vendor holds it, false when it answers that it is gone (404). */
  lookup: (id: string) => Promise<boolean>;
  /**
   * A list filtered by id (`?ids=1,2,3`): the ids among `chunk` the vendor holds, `size` at a time.
   * Preferred: it costs one request per `size` ids whatever the account holds.
   */
  byIds?: { size: number; list: (chunk: string[]) => Promise<Iterable<string>> };
  /** The whole list, page `n` (from 1), when the vendor cannot filter by id. */
  pages?: (page: number) => Promise<IdPage>;
  /** What is listed, for the warning (e.g. "Teamtailor candidates"). */
  what: string;
  logger: Logger;
  /** A run's abort is never mistaken for a failed listing. */
  signal?: AbortSignal | undefined;
  /** Look-ups in flight at once (the rate limiter sets the pace). */
  concurrency?: number;
}

/** Whether the vendor still holds one of the ids asked. */
export interface IdPresence {
  id: string;
  exists: boolean;
}

/**
 * Which of `ids` the vendor still holds (each id once, in order), at the fewest requests: a list
 * filtered by id when the vendor has one; else the whole list, paged, when it has fewer pages than
 * there are ids to look up (a few ids against a large account are looked up, never listed); else
 * one look-up per id. An id missing from a whole list whose total moved while it was read is
 * looked up (deletions shift later pages, so a held id can fall between two). A failed listing
 * logs one warning and looks up the ids it did not answer.
 */
export async function* existingIds(
  ids: Iterable<string>,
  options: ExistingIdsOptions,
): AsyncGenerator<IdPresence> {
  const asked = [...new Set(ids)];
  const lookups = (rest: string[]) =>
    mapConcurrent(toIterable(rest), options.concurrency ?? 8, async (id) => ({
      id,
      exists: await options.lookup(id),
    }));
  if (options.byIds) {
    yield* byIds(asked, options.byIds, options, lookups);
    return;
  }
  const first = asked.slice(0, LOOKUPS_BEFORE_LISTING);
  yield* lookups(first);
  const rest = asked.slice(first.length);
  if (rest.length === 0) return;
  const held = options.pages ? await listAll(options.pages, rest.length, options) : null;
  if (!held) {
    yield* lookups(rest);
    return;
  }
  const unsure: string[] = [];
  for (const id of rest) {
    if (held.ids.has(id)) yield { id, exists: true };
    else if (held.moved) unsure.push(id);
    else yield { id, exists: false };
  }
  yield* lookups(unsure);
}

async function* byIds(
  asked: string[],
  list: NonNullable<ExistingIdsOptions["byIds"]>,
  options: ExistingIdsOptions,
  lookups: (rest: string[]) => AsyncIterable<IdPresence>,
): AsyncGenerator<IdPresence> {
  for (let at = 0; at < asked.length; at += list.size) {
    const chunk = asked.slice(at, at + list.size);
    let held: Set<string>;
    try {
      held = new Set(await list.list(chunk));
      // An id never asked for means the filter was ignored: the answer says nothing of the others.
      const stray = [...held].find((id) => !chunk.includes(id));
      if (stray !== undefined) throw new Error(`the list filtered by id returned id ${stray}, not asked for`);
    } catch (err) {
      failed(err, options);
      yield* lookups(asked.slice(at));
      return;
    }
    for (const id of chunk) yield { id, exists: held.has(id) };
  }
}

/** Every id of the whole list, or null when looking `n` ids up is cheaper or the listing failed. */
async function listAll(
  pages: (page: number) => Promise<IdPage>,
  n: number,
  options: ExistingIdsOptions,
): Promise<{ ids: Set<string>; moved: boolean } | null> {
  try {
    const first = await pages(1);
    // The first page is paid either way; the others are listed only when they cost less than n look-ups.
    if (first.pageCount - 1 >= n) return null;
    const ids = new Set(first.ids);
    let last = first;
    for (let page = 2; page <= first.pageCount; page++) {
      last = await pages(page);
      for (const id of last.ids) ids.add(id);
    }
    const moved =
      last.pageCount !== first.pageCount ||
      (first.total != null && last.total != null && last.total !== first.total);
    return { ids, moved };
  } catch (err) {
    failed(err, options);
    return null;
  }
}

function failed(err: unknown, options: ExistingIdsOptions): void {
  if (options.signal?.aborted) throw err;
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  options.logger.warn(`Listing ${options.what} failed (${reason}); each id is looked up instead`);
}

async function* toIterable<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
