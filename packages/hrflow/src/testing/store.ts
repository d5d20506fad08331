import { randomBytes } from "node:crypto";
import { FakeHttpError } from "@hrflow-connectors/core/testing";

export type Item = Record<string, unknown> & {
  key: string;
  reference?: string | null;
  archived_at?: string | null;
};

/** HrFlow's answer for a missing board, source, job or profile (a 400, not a 404). */
export const notFound = (type: string) =>
  new FakeHttpError(400, `Invalid parameters. Unable to find object: ${type}`);

/** A fresh 40-hex-digit key, like HrFlow's. */
export const newKey = (): string => randomBytes(20).toString("hex");

/**
 * Jobs of a board or profiles of a source: by key, by reference, in insertion order. Indexed by
 * key and by reference, and the live listing is kept between changes, so a look-up costs O(1) and
 * a page O(page size) however large the board: the fake must not be what a benchmark measures.
 */
export class Collection {
  readonly #items = new Map<string, Item>();
  // Keys per reference in insertion order: the first one answers, as the real API's first match.
  readonly #byReference = new Map<string, string[]>();
  #live: Item[] | null = null;

  constructor(private readonly type: "job" | "profile") {}

  /** All items, archived ones included, in insertion order. */
  all(): Item[] {
    return [...this.#items.values()];
  }

  /** The item with this key or reference (key first); the first match when references repeat. */
  find(id: { key?: unknown; reference?: unknown }): Item | undefined {
    if (typeof id.key === "string" && id.key) return this.#items.get(id.key);
    if (typeof id.reference === "string" && id.reference) {
      const key = this.#byReference.get(id.reference)?.[0];
      return key === undefined ? undefined : this.#items.get(key);
    }
    return undefined;
  }

  /** Like find, but a 400 "Unable to find object" when absent. */
  get(id: { key?: unknown; reference?: unknown }): Item {
    const item = this.find(id);
    if (!item) throw notFound(this.type);
    return item;
  }

  /** Stores a new item (the real API does not deduplicate references either). */
  insert(data: Record<string, unknown>, key: string = newKey()): Item {
    const now = new Date().toISOString();
    const item: Item = {
      ...data,
      key,
      reference: (data.reference as string | null | undefined) ?? null,
      created_at: data.created_at ?? now,
      updated_at: data.updated_at ?? now,
      archived_at: null,
    };
    this.#items.set(key, item);
    this.#indexReference(item.reference, key, true);
    this.#live = null;
    return item;
  }

  /** Replaces an item's content, keeping its key, creation date and archive state. */
  replace(existing: Item, data: Record<string, unknown>): Item {
    const item: Item = {
      ...data,
      key: existing.key,
      reference: (data.reference as string | null | undefined) ?? existing.reference ?? null,
      created_at: data.created_at ?? existing.created_at,
      updated_at: data.updated_at ?? new Date().toISOString(),
      archived_at: existing.archived_at ?? null,
    };
    this.#items.set(existing.key, item);
    if (item.reference !== existing.reference) {
      this.#unindexReference(existing.reference, existing.key);
      this.#indexReference(item.reference, existing.key, false);
    }
    this.#live = null;
    return item;
  }

  /** Archives (or restores) an item. */
  archive(item: Item, archived: boolean): void {
    item.archived_at = archived ? new Date().toISOString() : null;
    this.#live = null;
  }

  /** Live (not archived) items, oldest first for "asc"; built once per change, not per page. */
  live(order: "asc" | "desc"): readonly Item[] {
    this.#live ??= this.all().filter((i) => !i.archived_at);
    return order === "desc" ? [...this.#live].reverse() : this.#live;
  }

  /** One page of live items: `limit` items from `start`, in the given order, and the live count. */
  livePage(order: "asc" | "desc", start: number, limit: number): { items: Item[]; total: number } {
    const live = this.live("asc");
    const total = live.length;
    if (order === "asc") return { items: live.slice(start, start + limit), total };
    const from = Math.max(0, total - start - limit);
    return { items: live.slice(from, Math.max(0, total - start)).reverse(), total };
  }

  /** Adds a key under a reference; `newest` when the item was just inserted (it goes last). */
  #indexReference(reference: string | null | undefined, key: string, newest: boolean): void {
    if (!reference) return;
    const keys = this.#byReference.get(reference);
    if (!keys) {
      this.#byReference.set(reference, [key]);
      return;
    }
    keys.push(key);
    if (newest) return;
    // A renamed older item: insertion order of the items map decides which namesake answers first.
    const order = [...this.#items.keys()];
    keys.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  #unindexReference(reference: string | null | undefined, key: string): void {
    if (!reference) return;
    const keys = this.#byReference.get(reference)?.filter((k) => k !== key);
    if (keys?.length) this.#byReference.set(reference, keys);
    else this.#byReference.delete(reference);
  }
}

export interface Board {
  key: string;
  name: string;
  jobs: Collection;
}

export interface Source {
  key: string;
  name: string;
  sync_parsing: boolean;
  profiles: Collection;
}
