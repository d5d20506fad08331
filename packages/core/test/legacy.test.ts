import { describe, expect, it } from "vitest";
import type { EventParser } from "../src/contracts/index.js";
import { defineConnector } from "../src/index.js";
import type { LegacyAction, LegacyActionDefinition } from "../src/legacy/index.js";
import { MemoryStore } from "../src/store/store.js";
import {
  fakeHrFlowWarehouse,
  type Lead,
  leadsLegacyConnector,
  legacyLeadsConnector as legacyConnector,
  runtime,
  World,
} from "./fixtures.js";

const options = {
  workflow_id: "legacy",
  origin_parameters: { api_key: "k-123456" },
  target_parameters: { api_secret: "s-123456", board_key: "b" },
};

describe("older action style", () => {
  it("runs through the same engine with the connector's default format", async () => {
    const world = new World().seed(3);
    const c = legacyConnector(world);
    const res = await c.pullJobList(options, runtime());
    expect(res.status).toBe("success");
    expect(world.written).toEqual([
      { id: 1, name: "LEAD 1" },
      { id: 2, name: "LEAD 2" },
      { id: 3, name: "LEAD 3" },
    ]);
  });

  it("formats before logics, as that style does", async () => {
    const world = new World().seed(2);
    const c = legacyConnector(world);
    const seen: string[] = [];
    await c.pullJobList(
      {
        ...options,
        action_parameters: {
          logics: [
            (l: Lead) => {
              seen.push(l.name);
              return l;
            },
          ],
        },
      },
      runtime(),
    );
    expect(seen).toEqual(["LEAD 1", "LEAD 2"]);
  });

  it("rejects unknown keys in every parameter object, naming them, with no I/O", async () => {
    const world = new World().seed(2);
    const c = legacyConnector(world);
    const bad = await c.pullJobList(
      { ...options, action_parameters: { read_mod: "sync" } as any },
      runtime(),
    );
    expect([bad.status, bad.reason]).toEqual(["fatal", "bad_action_parameters"]);
    expect(bad.issues?.[0]?.path).toBe("action_parameters.read_mod");
    const origin = await c.pullJobList(
      { ...options, origin_parameters: { api_key: "k", limit: "10" } },
      runtime(),
    );
    expect([origin.reason, origin.issues?.[0]?.path]).toEqual([
      "bad_origin_parameters",
      "origin_parameters.limit",
    ]);
    const target = await c.pullJobList({ ...options, target_parameters: { api_secret: "s" } }, runtime());
    expect([target.reason, target.issues?.[0]?.path]).toEqual([
      "bad_target_parameters",
      "target_parameters.board_key",
    ]);
    expect(world.writeCalls).toBe(0);
  });

  it("reads incrementally when read_mode is incremental", async () => {
    const world = new World().seed(4);
    const c = legacyConnector(world);
    const store = new MemoryStore();
    const o = { ...options, action_parameters: { read_mode: "incremental" as const } };
    expect((await c.pullJobList(o, runtime({ store }))).incremental_token).toBe("4");
    world.items.push({ id: 5, name: "new" });
    const second = await c.pullJobList(o, runtime({ store }));
    expect(second.events.read_success).toBe(1);
  });

  it("validates formatted items against the target's data schema", async () => {
    const world = new World().seed(2);
    const c = legacyConnector(world);
    const res = await c.pullJobList(
      { ...options, action_parameters: { format: (l: Lead) => ({ ...l, name: l.id === 2 ? 42 : l.name }) } },
      runtime(),
    );
    expect(res.events.format_failure).toBe(1);
    expect(res.status).toBe("success_with_failures");
    expect((c.actions.pull_job_list as LegacyAction).supportsIncremental).toBe(true);
  });

  it("runs the action's callback after the write with the parsed parameters and counters", async () => {
    const world = new World().seed(3);
    const base = legacyConnector(world);
    const calls: unknown[] = [];
    const definition = (callback: LegacyActionDefinition["callback"]) =>
      leadsLegacyConnector(world, [
        { ...(base.actions.pull_job_list as LegacyAction), format: (l: Lead) => l, callback },
      ]);
    const ok = await definition((info) => {
      calls.push(info);
    }).pullJobList(options, runtime());
    expect([ok.status, ok.events.callback_executed, ok.events.callback_failure]).toEqual(["success", 1, 0]);
    expect(calls).toEqual([
      {
        originParameters: { api_key: "k-123456", limit: 100 },
        targetParameters: { api_secret: "s-123456", board_key: "b" },
        events: expect.objectContaining({ read_success: 3 }),
        written: 3,
      },
    ]);
    const failing = await definition(() => {
      throw new Error("report refused");
    }).pullJobList(options, runtime());
    expect([failing.status, failing.reason, failing.events.callback_failure]).toEqual([
      "success_with_failures",
      "none",
      1,
    ]);
    const dry = await definition(() => {
      calls.push("dry");
    }).pullJobList({ ...options, persist: false }, runtime());
    expect(dry.events.callback_executed).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it("requires the pull trigger for pull_* actions", () => {
    const world = new World();
    expect(() =>
      defineConnector({
        ...legacyConnector(world),
        warehouse: fakeHrFlowWarehouse(world),
        legacyActions: [
          {
            ...(legacyConnector(world).actions.pull_job_list as LegacyAction),
            trigger: "catch",
            format: (x: unknown) => x,
          },
        ],
      } as any),
    ).toThrow(/pull trigger/);
  });
});

/** A catch action over the test warehouses that records the parameters each stage was given. */
function catchConnector(world: World, seen: { origin: unknown[]; target: unknown[] }, parser?: EventParser) {
  const base = legacyConnector(world).actions.pull_job_list as LegacyAction;
  const read = base.origin.read!;
  const write = base.target.write!;
  return leadsLegacyConnector(world, [
    {
      name: "catch_job",
      trigger: "catch",
      description: "Catches a job",
      origin: {
        ...base.origin,
        read: {
          ...read,
          read: (ctx) => {
            seen.origin.push(ctx.parameters);
            return read.read(ctx);
          },
        },
      },
      target: {
        ...base.target,
        write: {
          ...write,
          write: (ctx, items) => {
            seen.target.push(ctx.parameters);
            return write.write?.(ctx, items) ?? Promise.resolve([]);
          },
        },
      },
      format: (l: Lead) => l,
      ...(parser ? { eventParser: parser } : {}),
    },
  ]).actions.catch_job as LegacyAction;
}

describe("older-style catch", () => {
  it("overrides parameters named by the parsed event, merges parameter objects, and sets the rest", async () => {
    const world = new World().seed(3);
    const seen = { origin: [] as unknown[], target: [] as unknown[] };
    const action = catchConnector(world, seen, function parseJobEvent(event) {
      const e = event as { size: number };
      return { limit: e.size, board_key: "b-event", origin_parameters: { api_key: "k-event" }, ignored: 1 };
    });
    const res = await action.catch({ size: 2 }, options, runtime());
    expect([res.status, res.written]).toEqual(["success", 3]);
    expect(seen.origin).toEqual([{ api_key: "k-event", limit: 2 }]);
    expect(seen.target).toEqual([{ api_secret: "s-123456", board_key: "b-event" }]);
    // A parser may set top-level options too: here a dry run.
    const parsedDry = catchConnector(world, seen, function parseDry() {
      return { persist: false };
    });
    expect((await parsedDry.catch({}, options, runtime())).written).toBe(0);
  });

  it("prefers action_parameters.event_parser, and ends with event_parsing_failure when it throws", async () => {
    const world = new World().seed(2);
    const seen = { origin: [] as unknown[], target: [] as unknown[] };
    const action = catchConnector(world, seen, function parseDefault() {
      return { limit: 1 };
    });
    const mine = await action.catch(
      { n: 5 },
      {
        ...options,
        action_parameters: { event_parser: (e: unknown) => ({ limit: (e as { n: number }).n }) },
      },
      runtime(),
    );
    expect(mine.status).toBe("success");
    expect(seen.origin).toEqual([{ api_key: "k-123456", limit: 5 }]);
    const failed = await action.catch(
      "not json",
      {
        ...options,
        action_parameters: {
          event_parser: () => {
            throw new Error("the event must be an object");
          },
        },
      },
      runtime(),
    );
    expect([failed.status, failed.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(seen.origin).toHaveLength(1);
  });

  it("without a parser takes only the body's keys that name a parameter", async () => {
    const world = new World().seed(2);
    const seen = { origin: [] as unknown[], target: [] as unknown[] };
    const action = catchConnector(world, seen);
    const body = { board_key: "b-body", persist: false, origin_parameters: { api_key: "stolen" }, type: "x" };
    const res = await action.catch(body, options, runtime());
    expect([res.status, res.written]).toEqual(["success", 2]);
    expect(seen.origin).toEqual([{ api_key: "k-123456", limit: 100 }]);
    expect(seen.target).toEqual([{ api_secret: "s-123456", board_key: "b-body" }]);
  });
});
