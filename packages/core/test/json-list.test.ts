import { describe, expect, it } from "vitest";
import { jsonListItems } from "../src/http/json-list.js";
import { policyFetch } from "../src/http/policy.js";
import { scriptedServer } from "./http-server.js";

/** The bytes of `text` in chunks of `size` (a multibyte character may straddle two). */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const where = "Test GET /items";

describe("jsonListItems (a top-level object's list, parsed as the body streams)", () => {
  const items = [
    { id: 1, t: 'brackets ] } [ { in "strings" \\ and , : ✓' },
    "a string item",
    -2.5e3,
    [1, [2, { items: [3] }]],
    null,
    true,
  ];
  const doc = JSON.stringify({ x: "items", 'it"ems': [9], nested: { items: [0] }, items, after: ["items"] });

  it("yields every element whatever the chunk boundaries, and only the top-level list's", async () => {
    for (const size of [1, 2, 3, 7, 1 << 16]) {
      expect(await all(jsonListItems(chunks(` \n${doc}\r\n`, size), { key: "items", where }))).toEqual(items);
    }
    expect(await all(jsonListItems(chunks('{"other": [1]}', 3), { key: "items", where }))).toEqual([]);
  });

  it("reads a streamed answer of the real transport, sent in many small writes", async () => {
    const s = await scriptedServer([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        const bytes = Buffer.from(doc);
        let at = 0;
        const next = () => {
          if (at >= bytes.length) return res.end();
          res.write(bytes.subarray(at, at + 5));
          at += 5;
          setImmediate(next);
        };
        next();
      },
    ]);
    try {
      const res = await policyFetch({ vendor: "Test", streamBody: true })(`${s.url}/items`);
      expect(await all(jsonListItems(res.body!, { key: "items", where }))).toEqual(items);
    } finally {
      await s.close();
    }
  }, 15_000);

  it("throws after the whole elements on a cut body; refuses other shapes, invalid JSON and huge elements", async () => {
    const read: unknown[] = [];
    const cut = doc.slice(0, doc.indexOf('"a string item"') + 3);
    await expect(async () => {
      for await (const item of jsonListItems(chunks(cut, 4), { key: "items", where, what: "the list" }))
        read.push(item);
    }).rejects.toThrow(`${where} ended before the list did (the body was cut)`);
    expect(read).toEqual([items[0]]);
    const refused = (text: string, maxItemBytes?: number) =>
      all(jsonListItems(chunks(text, 3), { key: "items", where, ...(maxItemBytes ? { maxItemBytes } : {}) }));
    await expect(refused(" ")).rejects.toThrow(`${where} returned an empty body`);
    await expect(refused("[1]")).rejects.toThrow(`${where} returned a body without an items list`);
    await expect(refused('{"items": {"a": 1}}')).rejects.toThrow("`items` that is not a list");
    await expect(refused('{"items": [{"a": nope}]}')).rejects.toThrow(`${where} returned invalid JSON`);
    await expect(refused('{"items": []} {}')).rejects.toThrow(`${where} returned invalid JSON`);
    await expect(refused(JSON.stringify({ items: ["x".repeat(50)] }), 20)).rejects.toThrow(
      "larger than 20 bytes",
    );
  });
});
