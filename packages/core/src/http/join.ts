// The two halves of reading a list's related rows for many owners per call (an API taking a list
// of ids): cut the owners into slices as they stream, then hand each owner its own rows. Kept here
// so that each connector's join is a call, not another copy of these loops.

/**
 * Consecutive arrays of at most `size` items of `source`, yielded as soon as one is full (the
 * source is not read ahead), the last one shorter; none when the source is empty.
 */
export async function* chunked<T>(source: AsyncIterable<T> | Iterable<T>, size: number): AsyncGenerator<T[]> {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer (${size})`);
  let chunk: T[] = [];
  for await (const item of source) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Rows grouped by their owner's id (as a string, so that `7` and `"7"` meet), each group in the
 * order read. Rows whose owner is null or undefined are left out: they belong to no one asked for.
 */
export async function groupedBy<T>(
  rows: AsyncIterable<T> | Iterable<T>,
  ownerOf: (row: T) => unknown,
): Promise<Map<string, T[]>> {
  const groups = new Map<string, T[]>();
  for await (const row of rows) {
    const owner = ownerOf(row);
    if (owner === null || owner === undefined) continue;
    const key = String(owner);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
