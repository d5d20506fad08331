import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  createLogger,
  defineAisle,
  openWrite,
  type ReadContext,
  silentSink,
  type WriteContext,
  type WriteSession,
} from "../src/index.js";
import { type LegacyWrite, legacyReadOf, legacyWriteOf } from "../src/legacy/index.js";

const auth = z.object({ token: z.string() });
const read = z.object({ state: z.string().nullish() });
const write = z.object({ board: z.string() });
const seen: unknown[] = [];

const aisle = defineAisle({
  entity: "job",
  auth,
  schema: z.object({ id: z.string() }),
  read: {
    parameters: { create: read, update: read },
    endpoints: { create: { name: "List", description: "GET /jobs", url: "https://example.test/jobs" } },
    incremental: { update: { token: (item: { id: string }) => item.id } },
    async *read(ctx) {
      seen.push({ mode: ctx.mode, auth: ctx.auth, parameters: ctx.parameters });
      yield { id: `${ctx.auth.token}:${ctx.parameters.state ?? "any"}` };
    },
  },
  write: {
    parameters: { create: write },
    batchSize: 7,
    open: (ctx) => ({
      write: async (items) =>
        items.filter((i) => i.id === ctx.parameters.board).map((item) => ({ item, error: "no" })),
    }),
  },
});

const base = {
  baseUrls: {},
  http: {},
  signal: new AbortController().signal,
  logger: createLogger({ sink: silentSink }),
};

describe("older-style views of an aisle", () => {
  it("reads through the aisle with the one parameter set split into auth and parameters", async () => {
    const legacy = legacyReadOf(aisle, {
      mode: "update",
      parameters: z.object({ api_key: z.string() }),
      split: (p) => ({ auth: { token: p.api_key }, parameters: { state: "published" } }),
    });
    const ctx = { ...base, mode: "create", auth: { api_key: "k" }, parameters: { api_key: "k" } } as const;
    const items = [];
    for await (const item of legacy.read({ ...ctx, incremental: false, incrementalToken: null }))
      items.push(item);
    expect(items).toEqual([{ id: "k:published" }]);
    expect(seen.at(-1)).toEqual({ mode: "update", auth: { token: "k" }, parameters: { state: "published" } });
    expect(legacy.incremental?.token({ id: "x" })).toBe("x");
    expect(legacy.endpoints).toBeUndefined(); // the aisle documents create only
    expectTypeOf(legacy.read).returns.toEqualTypeOf<AsyncIterable<{ id: string }>>();
  });

  it("gives the set as both auth and parameters when it holds both under the same names", async () => {
    const legacy = legacyReadOf(aisle, {
      mode: "create",
      parameters: z.object({ token: z.string(), state: z.string() }),
    });
    expect(legacy.endpoints?.[0]?.name).toBe("List");
    const params = { token: "t", state: "draft" };
    const ctx: ReadContext<typeof params, typeof params> = {
      ...base,
      mode: "create",
      auth: params,
      parameters: params,
      incremental: false,
      incrementalToken: null,
    };
    for await (const item of legacy.read(ctx)) expect(item).toEqual({ id: "t:draft" });
  });

  it("opens the aisle's write session per run, with the aisle's batch size", async () => {
    const legacy = legacyWriteOf(aisle, {
      mode: "create",
      parameters: z.object({ token: z.string(), board: z.string() }),
    });
    expect(legacy.batchSize).toBe(7);
    const params = { token: "t", board: "b" };
    const ctx: WriteContext<typeof params, typeof params> = {
      ...base,
      mode: "create",
      auth: params,
      parameters: params,
    };
    const failures = await openWrite(legacy, ctx).write([{ id: "a" }, { id: "b" }]);
    expect(failures).toEqual([{ item: { id: "b" }, error: "no" }]);
  });

  it("maps the older style's items onto the aisle's, reporting failures and skips with the original item", async () => {
    const skipping = defineAisle({
      entity: "profile",
      auth,
      schema: z.object({ id: z.string() }),
      write: {
        parameters: { create: write },
        write: async (ctx, items) => {
          written.push(...items);
          for (const item of items) if (item.id === "old") ctx.skip?.(item, "already there");
          return items
            .filter((i) => i.id === ctx.parameters.board)
            .map((item) => ({ item, error: "refused" }));
        },
      },
    });
    const written: unknown[] = [];
    type Body = { candidate: { id?: string } };
    const legacySet = z.object({ token: z.string(), board: z.string() });
    const legacy = legacyWriteOf(skipping, {
      mode: "create",
      parameters: legacySet,
      toAisleItem: (body: Body) => {
        if (!body.candidate.id) throw new Error("candidate.id is missing");
        return { id: body.candidate.id };
      },
    });
    expectTypeOf(legacy.open).returns.toEqualTypeOf<WriteSession<Body>>();
    const skipped: unknown[] = [];
    const params = { token: "t", board: "b" };
    const ctx: WriteContext<typeof params, typeof params> = {
      ...base,
      mode: "create",
      auth: params,
      parameters: params,
      skip: (item, why) => skipped.push({ item, why }),
    };
    const [a, b, none, old] = [{ id: "a" }, { id: "b" }, {}, { id: "old" }].map((c) => ({ candidate: c }));
    const failures = await openWrite(legacy, ctx).write([a!, b!, none!, old!]);
    expect(written).toEqual([{ id: "a" }, { id: "b" }, { id: "old" }]);
    expect(failures).toEqual([
      { item: { candidate: {} }, error: "candidate.id is missing" },
      { item: { candidate: { id: "b" } }, error: "refused" },
    ]);
    expect(failures[1]?.item).toBe(b);
    expect(skipped).toEqual([{ item: { candidate: { id: "old" } }, why: "already there" }]);
    // Without the map, the older style's items must be the aisle's own.
    const view = { mode: "create", parameters: legacySet } as const;
    const mapped: LegacyWrite<typeof legacySet, { id: string }> = legacyWriteOf(skipping, view);
    // @ts-expect-error a write of the aisle's items is not a write of bodies
    const unmapped: LegacyWrite<typeof legacySet, Body> = legacyWriteOf(skipping, view);
    expect(mapped.batchSize).toBeUndefined();
    expect(unmapped.batchSize).toBeUndefined();
  });

  it("refuses at compile time a set that does not hold the aisle's names without a split", () => {
    // @ts-expect-error `token` is missing from the set, so a split is required
    legacyReadOf(aisle, { mode: "create", parameters: z.object({ api_key: z.string() }) });
    const noArchive = () =>
      // @ts-expect-error the aisle has no archive read
      legacyReadOf(aisle, { mode: "archive", parameters: z.object({ token: z.string() }) });
    expect(noArchive).toThrow(/cannot read in archive mode/);
  });
});
