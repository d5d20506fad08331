import { describe, expect, it } from "vitest";
import { chunked, groupedBy } from "../src/http/index.js";

/** A stream of 0..n-1 that records how far it has been read. */
function counted(n: number) {
  const state = { read: 0 };
  async function* source() {
    for (let i = 0; i < n; i++) {
      state.read = i + 1;
      yield i;
    }
  }
  return { state, source: source() };
}

describe("chunked", () => {
  it("cuts a stream into full arrays and a shorter last one", async () => {
    const out: number[][] = [];
    for await (const c of chunked(counted(7).source, 3)) out.push(c);
    expect(out).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it("hands a full array over before reading the next item (no read-ahead)", async () => {
    const { state, source } = counted(6);
    const it = chunked(source, 3)[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual([0, 1, 2]);
    expect(state.read).toBe(3);
    expect((await it.next()).value).toEqual([3, 4, 5]);
    expect(state.read).toBe(6);
    expect((await it.next()).done).toBe(true);
  });

  it("yields nothing for an empty source, takes plain iterables, and refuses a size below 1", async () => {
    const none: number[][] = [];
    for await (const c of chunked([], 5)) none.push(c);
    expect(none).toEqual([]);
    const fromArray: string[][] = [];
    for await (const c of chunked(["a", "b", "c"], 2)) fromArray.push(c);
    expect(fromArray).toEqual([["a", "b"], ["c"]]);
    await expect(chunked([1], 0).next()).rejects.toThrow(RangeError);
  });
});

describe("groupedBy", () => {
  it("groups rows by owner in the order read, numbers and strings alike, and drops ownerless rows", async () => {
    async function* rows() {
      yield { id: 1, owner: 7 };
      yield { id: 2, owner: "8" };
      yield { id: 3, owner: "7" };
      yield { id: 4, owner: null };
      yield { id: 5 };
    }
    const groups = await groupedBy(rows(), (r: { owner?: unknown }) => r.owner);
    expect([...groups.keys()]).toEqual(["7", "8"]);
    expect(groups.get("7")?.map((r) => r.id)).toEqual([1, 3]);
    expect(groups.get("8")?.map((r) => r.id)).toEqual([2]);
  });
});
