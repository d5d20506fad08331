import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conformsAsIs } from "../src/engine/conforms.js";
import { itemStages } from "../src/engine/stages.js";
import { createLogger, silentSink } from "../src/logging/logger.js";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const profile = z.object({
  reference: z.string(),
  score: z.number().nullish(),
  created_at: date.optional(),
  kind: z.enum(["a", "b"]).optional(),
  version: z.literal(1).optional(),
  tags: z.array(z.object({ name: z.string(), value: z.string().nullable() })).default([]),
  fields: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(z.looseObject({ url: z.string() })).optional(),
  raw: z.union([z.instanceof(Uint8Array), z.string()]).optional(),
});

// Each: a value, and whether the walk may take it as is (a no leaves the decision to zod).
const cases: [string, unknown, boolean][] = [
  [
    "every kind present",
    {
      reference: "r1",
      score: null,
      created_at: "2024-06-03",
      kind: "a",
      version: 1,
      tags: [{ name: "n", value: null }],
      fields: { city: "Lisbon", n: 2 },
      attachments: [{ url: "u", extra: { any: 1 } }],
      raw: new Uint8Array([1]),
    },
    true,
  ],
  ["absent optionals, a present default", { reference: "r", tags: [] }, true],
  ["raw as text (the first option refuses it by its type)", { reference: "r", tags: [], raw: "cv" }, true],
  ["an absent default (zod fills it)", { reference: "r" }, false],
  ["an unknown key (zod strips it)", { reference: "r", tags: [], other: 1 }, false],
  ["an unknown nested key", { reference: "r", tags: [{ name: "n", value: "v", x: 1 }] }, false],
  ["a pattern that does not match", { reference: "r", tags: [], created_at: "03/06/2024" }, false],
  ["NaN", { reference: "r", tags: [], score: Number.NaN }, false],
  ["a wrong enum", { reference: "r", tags: [], kind: "c" }, false],
  ["a missing required key", { tags: [] }, false],
  ["a class instance", Object.assign(new (class Item {})(), { reference: "r", tags: [] }), false],
  ["a symbol key in a record", { reference: "r", tags: [], fields: { [Symbol("s")]: 1 } }, false],
];

describe("conformsAsIs", () => {
  it.each(cases)("%s", (_, value, asIs) => {
    expect(conformsAsIs(profile, value)).toBe(asIs);
    // A yes is only given where zod accepts and answers an equal value.
    if (asIs) expect(profile.safeParse(value)).toEqual({ success: true, data: value });
  });

  it("says no to what it does not know: transforms, coercion, refinements, pipes", () => {
    expect(
      conformsAsIs(
        z.string().transform((s) => s.trim()),
        "a",
      ),
    ).toBe(false);
    expect(conformsAsIs(z.coerce.number(), 1)).toBe(false);
    expect(conformsAsIs(z.string().min(1), "a")).toBe(false);
    expect(
      conformsAsIs(
        z.object({ a: z.string() }).refine(() => true),
        { a: "x" },
      ),
    ).toBe(false);
    expect(conformsAsIs(z.strictObject({ a: z.string() }), { a: "x", b: 1 })).toBe(false);
    // zod answers the first option that accepts: a stripping object before an exact one decides.
    const union = z.union([z.object({ a: z.string() }), z.looseObject({ a: z.string() })]);
    expect(conformsAsIs(union, { a: "x", b: 1 })).toBe(false);
    expect(union.parse({ a: "x", b: 1 })).toEqual({ a: "x" });
  });
});

describe("the engine's check of formatted items", () => {
  const stages = (format: (item: unknown) => unknown) => {
    const killed: string[] = [];
    const s = itemStages({
      logics: [],
      format,
      itemSchema: profile,
      targetName: "HrFlow",
      events: { format_failure: 0 } as never,
      logger: createLogger({ sink: silentSink }),
      kill: (_stage, _item, error) => killed.push(error),
    });
    return { apply: s.applyFormat, killed };
  };

  it("keeps a formatted item that already conforms, and still strips, fills and refuses as zod does", () => {
    const built = { reference: "r", tags: [{ name: "n", value: "v" }] };
    expect(stages(() => built).apply({})).toBe(built);
    expect(stages(() => ({ reference: "r", tags: [], other: 1 })).apply({})).toEqual({
      reference: "r",
      tags: [],
    });
    expect(stages(() => ({ reference: "r" })).apply({})).toEqual({ reference: "r", tags: [] });
    const bad = stages(() => ({ reference: 1 }));
    expect(bad.apply({})).toBeUndefined();
    expect(bad.killed[0]).toMatch(/does not match HrFlow schema: reference: /);
  });

  it("copies an item given through without a format, as before", () => {
    const item = { reference: "r", tags: [] };
    const s = itemStages({
      logics: [],
      format: null,
      itemSchema: profile,
      targetName: "HrFlow",
      events: { format_failure: 0 } as never,
      logger: createLogger({ sink: silentSink }),
      kill: () => {},
    });
    const out = s.applyFormat(item);
    expect(out).toEqual(item);
    expect(out).not.toBe(item);
  });
});
