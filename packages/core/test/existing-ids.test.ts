import { describe, expect, it } from "vitest";
import { existingIds, type IdPage } from "../src/http/existing-ids.js";
import { createLogger, memorySink } from "../src/logging/logger.js";

/** A vendor account of `held` ids, listed `size` per page, counting the requests it answers. */
function account(held: string[], size = 3) {
  const calls = { lookups: 0, pages: 0 };
  return {
    calls,
    lookup: async (id: string) => {
      calls.lookups++;
      return held.includes(id);
    },
    pages: async (page: number): Promise<IdPage> => {
      calls.pages++;
      return {
        ids: held.slice((page - 1) * size, page * size),
        pageCount: Math.max(1, Math.ceil(held.length / size)),
        total: held.length,
      };
    },
  };
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(from + i));
const collect = async (it: AsyncIterable<{ id: string; exists: boolean }>) => {
  const out: Record<string, boolean> = {};
  for await (const { id, exists } of it) out[id] = exists;
  return out;
};

describe("existingIds", { timeout: 10_000 }, () => {
  it("looks a few ids up against a large account instead of listing it", async () => {
    const vendor = account(ids(300));
    const sink = memorySink();
    const found = await collect(
      existingIds(ids(12, 295), { ...vendor, what: "x", logger: createLogger({ sink }) }),
    );
    expect(Object.values(found).filter(Boolean)).toHaveLength(5);
    // 10 look-ups, the first page (which says 100 pages: dearer than 2 look-ups), then 2 look-ups.
    expect(vendor.calls).toEqual({ lookups: 12, pages: 1 });
  });

  it("looks up the ids missing from a list whose total moved while it was read", async () => {
    const held = ids(9);
    const vendor = account(held);
    const pages = async (page: number) => {
      const answer = await vendor.pages(page);
      if (page === 1) held.splice(0, 1); // a deletion shifts the later pages by one
      return answer;
    };
    const asked = [...ids(10, 100), "3", "200", "201"];
    const found = await collect(
      existingIds(asked, {
        lookup: vendor.lookup,
        pages,
        what: "x",
        logger: createLogger({ sink: memorySink() }),
      }),
    );
    // "3" slid from page 2 onto page 1 and was never listed: only a look-up tells it still exists.
    expect(found["3"]).toBe(true);
    expect(found["200"]).toBe(false);
    expect(vendor.calls).toEqual({ lookups: 13, pages: 3 });
  });

  it("falls back to look-ups when the list filtered by id answers ids not asked for", async () => {
    const vendor = account(ids(5));
    const sink = memorySink();
    const found = await collect(
      existingIds(["1", "7"], {
        lookup: vendor.lookup,
        byIds: { size: 100, list: async () => ids(5) },
        what: "things by id",
        logger: createLogger({ sink }),
      }),
    );
    expect(found).toEqual({ "1": true, "7": false });
    expect(vendor.calls.lookups).toBe(2);
    expect(sink.records.filter((r) => /Listing things by id failed/.test(r.message))).toHaveLength(1);
  });
});
