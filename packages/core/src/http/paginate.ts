/**
 * A page as `fetchPage` answered it, its items copied into an array of the paginator's own, which
 * `releasing` empties as it yields: the caller's array is left as it was.
 *
 * Why: a page read while its items are written stayed whole until its last item was yielded, so
 * every item already handed over (half a page on average, 250 KB for 100 Recruitee candidates) was
 * still alive at each scavenge, and what survives scavenges is what makes V8 grow its young
 * generation (bench/README.md, "inflight"). Copied in a plain async function, whose frame is gone
 * once it answers, so no suspended generator keeps the caller's array.
 */
async function ownPage<P extends { items: T[] }, T>(pending: Promise<P>): Promise<P> {
  const page = await pending;
  return { ...page, items: page.items.slice() };
}

/**
 * Yields the items of an array its caller owns (a page `ownPage` made, a batch a reader built),
 * dropping each from it as it is yielded, so an item handed over is kept only by whoever took it.
 */
export function* releasing<T>(items: T[]): Generator<T> {
  const slots = items as (T | undefined)[];
  for (let i = 0; i < slots.length; i++) {
    const item = slots[i] as T;
    slots[i] = undefined;
    yield item;
  }
}

/** Follows a next link until there is none: `fetchPage(url | null)` returns items and the next link. */
export async function* paginateNextLink<T>(
  fetchPage: (next: string | null) => Promise<{ items: T[]; next: string | null | undefined }>,
  options: { maxPages?: number } = {},
): AsyncGenerator<T> {
  let next: string | null = null;
  const seen = new Set<string>();
  for (let page = 0; page < (options.maxPages ?? Number.POSITIVE_INFINITY); page++) {
    const { items, next: link }: { items: T[]; next: string | null | undefined } = await ownPage(
      fetchPage(next),
    );
    yield* releasing(items);
    if (!link || seen.has(link)) return; // a repeated link would loop forever
    seen.add(link);
    next = link;
  }
}

/** Page-number pagination: stops on an empty page, or when `maxPage` (from the response) is reached. */
export async function* paginatePages<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; maxPage?: number | undefined }>,
  options: { firstPage?: number } = {},
): AsyncGenerator<T> {
  for (let page = options.firstPage ?? 1; ; page++) {
    const { items, maxPage } = await ownPage(fetchPage(page));
    const count = items.length;
    yield* releasing(items);
    if (count === 0 || (maxPage !== undefined && page >= maxPage)) return;
  }
}

/** Offset/limit pagination: stops when `hasNext` is false or a page comes back short. */
export async function* paginateOffset<T>(
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; hasNext?: boolean | undefined }>,
  limit: number,
): AsyncGenerator<T> {
  for (let offset = 0; ; offset += limit) {
    const { items, hasNext } = await ownPage(fetchPage(offset, limit));
    const count = items.length;
    yield* releasing(items);
    if (hasNext === false || (hasNext === undefined && count < limit)) return;
  }
}

/** Cursor pagination: passes the previous cursor until the response has none. */
export async function* paginateCursor<T>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; cursor: string | null | undefined }>,
): AsyncGenerator<T> {
  let cursor: string | null = null;
  for (;;) {
    const { items, cursor: following }: { items: T[]; cursor: string | null | undefined } = await ownPage(
      fetchPage(cursor),
    );
    yield* releasing(items);
    if (!following || following === cursor) return;
    cursor = following;
  }
}

/**
 * The query of a next link, to send with the typed client on its own base URL: the token never
 * follows a link to another host, and the link's own parameters are sent once.
 */
export function linkQuery(link: string): Record<string, string> {
  return Object.fromEntries(new URL(link).searchParams);
}

/** The `rel="next"` target of an RFC 8288 `Link` header (`<url>; rel="next", <url>; rel="last"`), or null. */
export function nextLinkHeader(headers: Headers): string | null {
  const link = headers.get("link");
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = part.match(/^\s*<([^>]*)>(.*)$/);
    const rel = match?.[2]?.match(/;\s*rel\s*=\s*"?([^";]+)"?/i)?.[1];
    if (match && rel?.toLowerCase().split(/\s+/).includes("next")) return match[1] ?? null;
  }
  return null;
}

/**
 * Link-header pagination (Greenhouse, GitHub style): `fetchPage(next)` gets the first page for
 * null, else the page of the previous answer's `rel="next"` link, and returns its items and response.
 */
export function paginateLinkHeader<T>(
  fetchPage: (next: string | null) => Promise<{ items: T[]; response: Response }>,
  options: { maxPages?: number } = {},
): AsyncGenerator<T> {
  return paginateNextLink(async (next) => {
    const { items, response } = await fetchPage(next);
    return { items, next: nextLinkHeader(response.headers) };
  }, options);
}

/**
 * Maps items with at most `concurrency` calls in flight, yielding results in input order.
 * Used to fetch details of listed items inside a rate limit without loading the list.
 */
export async function* mapConcurrent<T, R>(
  source: AsyncIterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  for await (const item of source) {
    window.push(fn(item));
    // Attach a no-op catch so a rejection waiting in the window is not reported as unhandled.
    window.at(-1)!.catch(() => {});
    if (window.length >= concurrency) yield await window.shift()!;
  }
  while (window.length > 0) yield await window.shift()!;
}
