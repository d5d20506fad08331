import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createLogger, defineAisle, openWrite, silentSink, type WriteContext } from "../src/index.js";
import { chooseLegacyWrite, legacyWriteOf } from "../src/legacy/index.js";

const auth = z.object({ token: z.string() });
const board = z.object({ board: z.string() });
const endpoint = (name: string) => ({ name, description: name, url: `https://example.test/${name}` });

// Each session tells what it wrote and how many batches it saw, so a test sees which mode ran and
// that a run's state stays in its own session.
const aisle = defineAisle({
  entity: "job",
  auth,
  schema: z.object({ id: z.string() }),
  write: {
    parameters: { create: board, update: board },
    endpoints: { create: endpoint("index"), update: endpoint("edit") },
    open: (ctx) => {
      let batches = 0;
      return {
        write: async (items) => {
          batches++;
          return items.map((item) => ({
            item,
            error: `${ctx.mode} ${item.id} in ${ctx.parameters.board} by ${ctx.auth.token}, batch ${batches}`,
          }));
        },
      };
    },
  },
});

const parameters = z.object({ token: z.string(), board: z.string(), edit: z.boolean().default(false) });
type Params = z.output<typeof parameters>;
const views = {
  create: legacyWriteOf(aisle, { mode: "create", parameters }),
  update: legacyWriteOf(aisle, { mode: "update", parameters }),
};

const context = (params: Params): WriteContext<Params, Params> => ({
  baseUrls: {},
  http: {},
  signal: new AbortController().signal,
  logger: createLogger({ sink: silentSink }),
  mode: "create",
  auth: params,
  parameters: params,
});

describe("an older-style write choosing its view per run", () => {
  const write = chooseLegacyWrite(views, (p) => (p.edit ? "update" : "create"));

  it("runs the view the parameters pick, with a session of its own per run", async () => {
    const created = openWrite(write, context({ token: "t", board: "b", edit: false }));
    expect((await created.write([{ id: "a" }])).map((f) => f.error)).toEqual(["create a in b by t, batch 1"]);
    expect((await created.write([{ id: "c" }])).map((f) => f.error)).toEqual(["create c in b by t, batch 2"]);
    const edited = openWrite(write, context({ token: "u", board: "b2", edit: true }));
    expect((await edited.write([{ id: "a" }])).map((f) => f.error)).toEqual(["update a in b2 by u, batch 1"]);
  });

  it("declares the views' one parameter set and each endpoint once", () => {
    expect(write.parameters).toBe(parameters);
    expect(write.endpoints?.map((e) => e.name)).toEqual(["index", "edit"]);
    const same = chooseLegacyWrite({ a: views.create, b: views.create }, () => "a");
    expect(same.endpoints?.map((e) => e.name)).toEqual(["index"]);
    const hidden = legacyWriteOf(aisle, { mode: "create", parameters, endpoints: [] });
    expect(chooseLegacyWrite({ a: hidden }, () => "a").endpoints).toEqual([]);
    // @ts-expect-error the pick may only name one of the views
    chooseLegacyWrite(views, () => "delete");
  });

  it("refuses views of different parameter sets or batch sizes", () => {
    const other = legacyWriteOf(aisle, { mode: "update", parameters: parameters.extend({}) });
    expect(() => chooseLegacyWrite({ a: views.create, b: other }, () => "a")).toThrow(/share/);
    const batched = legacyWriteOf(aisle, { mode: "update", parameters, batchSize: 3 });
    expect(() => chooseLegacyWrite({ a: views.create, b: batched }, () => "a")).toThrow(/batch size/);
  });
});
