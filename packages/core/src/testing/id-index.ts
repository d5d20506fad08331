/**
 * Finds a fake's records by id in O(1) while tests stay free to push, splice or edit the array the
 * fake exposes: each hit is checked against the array and the index is rebuilt (O(n)) only when it
 * no longer matches. A fake scanning its array per request is what a 100k benchmark would measure.
 */
export class IdIndex<T> {
  #list: readonly T[] | null = null;
  #at = new Map<string, number>();

  constructor(private readonly idOf: (record: T) => unknown) {}

  /** The position of the first record whose id reads as `id`, or -1. */
  indexOf(list: readonly T[], id: string | number): number {
    const wanted = String(id);
    const hit = this.#list === list ? this.#check(list, wanted) : -1;
    if (hit >= 0) return hit;
    this.#rebuild(list);
    return this.#check(list, wanted);
  }

  /** The first record whose id reads as `id`. */
  find(list: readonly T[], id: string | number): T | undefined {
    const i = this.indexOf(list, id);
    return i < 0 ? undefined : list[i];
  }

  #check(list: readonly T[], id: string): number {
    const i = this.#at.get(id);
    return i !== undefined && i < list.length && String(this.idOf(list[i] as T)) === id ? i : -1;
  }

  #rebuild(list: readonly T[]): void {
    this.#list = list;
    this.#at = new Map();
    for (let i = list.length - 1; i >= 0; i--) this.#at.set(String(this.idOf(list[i] as T)), i);
  }
}
