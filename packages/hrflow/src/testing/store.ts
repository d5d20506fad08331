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

/** Jobs of a board or profiles of a source: by key, by reference, in insertion order. */
export class Collection {
  readonly #items = new Map<string, Item>();

  constructor(private readonly type: "job" | "profile") {}

  /** All items, archived ones included, in insertion order. */
  all(): Item[] {
    return [...this.#items.values()];
  }

  /** The item with this key or reference (key first); the first match when references repeat. */
  find(id: { key?: unknown; reference?: unknown }): Item | undefined {
    if (typeof id.key === "string" && id.key) return this.#items.get(id.key);
    if (typeof id.reference === "string" && id.reference) {
      return this.all().find((i) => i.reference === id.reference);
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
    return item;
  }

  /** Archives (or restores) an item. */
  archive(item: Item, archived: boolean): void {
    item.archived_at = archived ? new Date().toISOString() : null;
  }

  /** Live (not archived) items, oldest first for "asc". */
  live(order: "asc" | "desc"): Item[] {
    const live = this.all().filter((i) => !i.archived_at);
    return order === "desc" ? live.reverse() : live;
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
