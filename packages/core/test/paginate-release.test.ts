import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  paginateCursor,
  paginateNextLink,
  paginateOffset,
  paginatePages,
  releasing,
} from "../src/http/paginate.js";

// A full collection on demand: V8's `gc` exposed at run time, so the test needs no start-up flag.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

type Item = { n: number };
type Paginator = (page: () => Item[]) => AsyncGenerator<Item>;

// Each paginator over one page of three items (then nothing), `page()` building it.
const paginators: Record<string, Paginator> = {
  paginateNextLink: (page) => paginateNextLink(async () => ({ items: page(), next: null })),
  paginatePages: (page) => paginatePages(async () => ({ items: page(), maxPage: 1 })),
  paginateOffset: (page) => paginateOffset(async () => ({ items: page(), hasNext: false }), 3),
  paginateCursor: (page) => paginateCursor(async () => ({ items: page(), cursor: null })),
};

describe("paginators hand a page's items over one by one", () => {
  for (const [name, paginate] of Object.entries(paginators)) {
    it(`${name} keeps no item it already yielded, and leaves the caller's page as it was`, async () => {
      const refs: WeakRef<Item>[] = [];
      let given: Item[] = [];
      const pages = paginate(() => {
        const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
        for (const item of items) refs.push(new WeakRef(item));
        given = items;
        return items;
      });
      expect((await pages.next()).value).toEqual({ n: 1 });
      expect((await pages.next()).value).toEqual({ n: 2 });
      // The caller's array is its own: untouched, and now let go by the test too.
      expect(given.map((i) => i.n)).toEqual([1, 2, 3]);
      given = [];
      // WeakRef targets stay alive until the current task ends.
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      // Mid-page: the item handed over before the last is gone (the last one yielded may still
      // sit in a suspended frame, as it does in the caller's), the one still to come is kept.
      expect(refs[0]?.deref()).toBeUndefined();
      expect(refs[2]?.deref()).toEqual({ n: 3 });
      expect((await pages.next()).value).toEqual({ n: 3 });
      expect((await pages.next()).done).toBe(true);
    });
  }
});

describe("releasing", () => {
  it("yields an owned array's items in order, emptying each slot as it goes", () => {
    const items = ["a", "b", "c"];
    const seen: (string | undefined)[][] = [];
    for (const item of releasing(items)) seen.push([item, ...items]);
    expect(seen).toEqual([
      ["a", undefined, "b", "c"],
      ["b", undefined, undefined, "c"],
      ["c", undefined, undefined, undefined],
    ]);
    expect(items).toHaveLength(3);
  });
});
