import { describe, expect, it } from "vitest";
import { IdIndex } from "../src/testing/id-index.js";

type Rec = { id: number | string; name: string };

describe("IdIndex", () => {
  it("finds records by id, compared as strings, and answers -1 for an unknown id", () => {
    const list: Rec[] = [
      { id: 1, name: "a" },
      { id: "2", name: "b" },
    ];
    const index = new IdIndex<Rec>((r) => r.id);
    expect(index.find(list, "1")?.name).toBe("a");
    expect(index.find(list, 2)?.name).toBe("b");
    expect(index.indexOf(list, "3")).toBe(-1);
  });

  it("follows pushes, splices and edits made to the array behind its back", () => {
    const list: Rec[] = [1, 2, 3, 4].map((id) => ({ id, name: `r${id}` }));
    const index = new IdIndex<Rec>((r) => r.id);
    expect(index.indexOf(list, 3)).toBe(2);
    list.push({ id: 5, name: "r5" });
    expect(index.find(list, 5)?.name).toBe("r5");
    list.splice(0, 1);
    expect(index.indexOf(list, 3)).toBe(1);
    expect(index.indexOf(list, 1)).toBe(-1);
    (list[0] as Rec).id = 9;
    expect(index.indexOf(list, 2)).toBe(-1);
    expect(index.find(list, 9)?.name).toBe("r2");
    list.length = 0;
    expect(index.indexOf(list, 9)).toBe(-1);
  });

  it("answers the first of records sharing an id, as Array.prototype.find does", () => {
    const list: Rec[] = [
      { id: 7, name: "first" },
      { id: 7, name: "second" },
    ];
    expect(new IdIndex<Rec>((r) => r.id).find(list, 7)?.name).toBe("first");
  });

  it("indexes a second array on its own", () => {
    const index = new IdIndex<Rec>((r) => r.id);
    const a: Rec[] = [{ id: 1, name: "a" }];
    const b: Rec[] = [{ id: 1, name: "b" }];
    expect(index.find(a, 1)?.name).toBe("a");
    expect(index.find(b, 1)?.name).toBe("b");
  });
});
