import { describe, expect, it } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { emptyEvents } from "../src/contracts/enums.js";
import { decideStatus } from "../src/engine/result.js";
import { MemoryStore } from "../src/store/store.js";
import { jobOptions, type Lead, leadsConnector, runtime, World } from "./fixtures.js";

function setup(n = 10) {
  const world = new World().seed(n);
  const c = leadsConnector(world);
  const action = c.actions.create_jobs_in_hrflow as FlowAction;
  return { world, c, action };
}

describe("run outcomes", () => {
  it("moves every item through format into the target", async () => {
    const { world, action } = setup(5);
    const res = await action.run(jobOptions(), runtime());
    expect(res.status).toBe("success");
    expect(res.reason).toBe("none");
    expect(res.events.read_success).toBe(5);
    expect(res.written).toBe(5);
    expect(world.written).toEqual(world.items.map((l) => ({ ...l, formatted: true })));
    expect(res.incremental).toBe(false);
    expect(res.incremental_token).toBeNull();
  });

  it("ends fatal with the init error's reason", async () => {
    const { world, action } = setup();
    const res = await action.run(
      jobOptions({ init_error: { reason: "event_parsing_failure", data: {} } }),
      runtime(),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(world.readCalls).toBe(0);
  });

  it.each([
    [
      "connector_auth",
      { connector_auth: { region: "eu" } },
      "bad_origin_parameters",
      "connector_auth.api_key",
    ],
    [
      "pull_parameters",
      { pull_parameters: { limit: "ten" } },
      "bad_origin_parameters",
      "pull_parameters.limit",
    ],
    ["hrflow_auth", { hrflow_auth: { api_user: "x" } }, "bad_target_parameters", "hrflow_auth.api_secret"],
    ["push_parameters", { push_parameters: {} }, "bad_target_parameters", "push_parameters.board_key"],
    [
      "unknown key",
      { push_parameters: { board_key: "b", bord_key: "typo" } },
      "bad_target_parameters",
      "push_parameters.bord_key",
    ],
    [
      "constraint",
      { pull_parameters: { limit: 100_000_000 } },
      "bad_origin_parameters",
      "pull_parameters.limit",
    ],
  ])("rejects bad %s before any I/O", async (_label, override, reason, path) => {
    const { world, action } = setup();
    const store = new MemoryStore();
    const res = await action.run(jobOptions(override), runtime({ store }));
    expect([res.status, res.reason]).toEqual(["fatal", reason]);
    expect(res.issues?.map((i) => i.path)).toContain(path);
    expect(res.message).toContain(path);
    expect(world.readCalls).toBe(0);
    expect(world.writeCalls).toBe(0);
    expect(store.keys()).toEqual([]);
  });

  it("needs a token handler and a store for incremental runs", async () => {
    const { action, c } = setup();
    const noStore = await action.run(jobOptions({ incremental: true }), runtime({ store: null }));
    expect(noStore.reason).toBe("backend_not_configured");
    const archive = c.actions.archive_jobs_in_hrflow as FlowAction; // no token handler for archive
    const res = await archive.run(jobOptions({ incremental: true }), runtime());
    expect(res.reason).toBe("origin_does_not_support_incremental");
  });

  it("reports a read that fails before any item as fatal read_failure and saves nothing", async () => {
    const { world, action } = setup();
    world.readFailsAfter = 0;
    const store = new MemoryStore();
    const res = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect([res.status, res.reason, res.events.read_failure]).toEqual(["fatal", "read_failure", 1]);
    expect(await store.load("wf-1")).toMatchObject({ incremental_token: null });
  });

  it("keeps what was read before a read failure, and ends fatal naming the cause", async () => {
    const { world, action } = setup(10);
    world.readFailsAfter = 4;
    const res = await action.run(jobOptions(), runtime());
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    expect(res.message).toBe("Reading from Leads failed after 4 item(s): Error: leads API went away");
    expect(res.events.read_success).toBe(4);
    expect(world.written).toHaveLength(4);
    expect(res.accounting).toMatchObject({ read: 4, written: 4 });
    expect(res.accounting_error).toBeUndefined();
  });

  it("fails fatal when every logic fails, every format fails or every write fails", async () => {
    const a = setup(3);
    const r1 = await a.action.run(
      jobOptions({
        logics: [
          () => {
            throw new Error("x");
          },
        ],
      }),
      runtime(),
    );
    expect([r1.status, r1.reason, r1.events.logics_failure]).toEqual(["fatal", "logics_failure", 3]);
    const b = setup(3);
    const r2 = await b.action.run(
      jobOptions({
        format: () => {
          throw new Error("x");
        },
      }),
      runtime(),
    );
    expect([r2.status, r2.reason, r2.events.format_failure]).toEqual(["fatal", "format_failure", 3]);
    const c = setup(3);
    c.world.writeThrows = true;
    const r3 = await c.action.run(jobOptions(), runtime());
    expect([r3.status, r3.reason, r3.events.write_failure]).toEqual(["fatal", "write_failure", 3]);
    const d = setup(3);
    d.world.writeRejects = () => "rejected";
    const r4 = await d.action.run(jobOptions(), runtime());
    expect([r4.status, r4.reason, r4.events.write_failure]).toEqual(["fatal", "write_failure", 3]);
    expect(r4.dead_letter.count).toBe(3);
  });

  it("counts partial failures at every stage and dead-letters each item", async () => {
    const { world, action } = setup(20);
    world.writeRejects = (i: Lead) => (i.id === 20 ? "duplicate" : null);
    const rt = runtime();
    const res = await action.run(
      jobOptions({
        logics: [
          (l: Lead) => (l.id === 1 ? null : l),
          (l: Lead) => {
            if (l.id === 2) throw new Error("logic broke");
            return l;
          },
        ],
        format: (l: Lead) => {
          if (l.id === 3) throw new Error("format broke");
          return l;
        },
        callback: () => {
          throw new Error("callback broke");
        },
      }),
      rt,
    );
    expect(res.status).toBe("success_with_failures");
    expect(res.events).toMatchObject({
      read_success: 20,
      logics_discard: 1,
      logics_failure: 1,
      format_failure: 1,
      write_failure: 1,
      callback_failure: 1,
      callback_executed: 1,
    });
    expect(res.written).toBe(16);
    expect(rt.deadLetter.entries.map((e) => [e.stage, (e.item as Lead).id])).toEqual([
      ["logics", 2],
      ["format", 3],
      ["write", 20],
    ]);
    expect(rt.deadLetter.entries[0]!.error).toContain("logic broke");
  });

  it("treats a run where logics discard everything as a success (the original said format_failure)", async () => {
    const { world, action } = setup(4);
    const res = await action.run(jobOptions({ logics: [() => null] }), runtime());
    expect([res.status, res.reason, res.events.logics_discard]).toEqual(["success", "none", 4]);
    expect(world.writeCalls).toBe(0);
  });

  it("writes kept items in read order and honours an empty logics list", async () => {
    const { world, action } = setup(6);
    await action.run(jobOptions({ logics: [(l: Lead) => (l.id % 2 ? l : null)] }), runtime({ batchSize: 2 }));
    expect(world.written.map((l: any) => l.id)).toEqual([1, 3, 5]);
    const again = setup(3);
    const res = await again.action.run(jobOptions({ logics: [] }), runtime());
    expect(res.events.logics_discard + res.events.logics_failure).toBe(0);
  });

  it("writes in batches of 10 when neither the run nor the target sets a size, holding at most 160 items", async () => {
    const { world, action } = setup(25);
    const res = await action.run(jobOptions(), runtime());
    expect(world.writeCalls).toBe(3);
    expect(world.written.map((l: any) => l.id)).toEqual(world.items.map((l) => l.id));
    const big = setup(1000);
    const out = await big.action.run(jobOptions(), runtime());
    expect([out.written, big.world.writeCalls]).toEqual([1000, 100]);
    expect(out.peak_in_flight).toBeLessThanOrEqual(160 + 10);
    expect(res.written).toBe(25);
  });

  it("makes no write call at all when persist is false", async () => {
    const { world, action } = setup(50);
    const store = new MemoryStore();
    const res = await action.run(jobOptions({ persist: false }), runtime({ store, batchSize: 7 }));
    expect(res.status).toBe("success");
    expect(res.events.read_success).toBe(50);
    expect(world.writeCalls).toBe(0);
    expect(store.keys()).toEqual([]);
  });

  it("reads nothing from an empty origin and succeeds", async () => {
    const { action } = setup(0);
    const res = await action.run(jobOptions(), runtime());
    expect([res.status, res.reason, res.events.read_success]).toEqual(["success", "none", 0]);
  });

  it("runs incrementally: stores the token, rereads nothing, then only new items", async () => {
    const { world, action } = setup(5);
    const store = new MemoryStore();
    const first = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(first.incremental_token).toBe("5");
    const second = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(second.events.read_success).toBe(0);
    expect(second.incremental_token).toBe("5");
    world.items.push({ id: 6, name: "a" }, { id: 7, name: "b" }, { id: 8, name: "c" });
    const third = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(third.events.read_success).toBe(3);
    expect(third.incremental_token).toBe("8");
    const fourth = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(fourth.events.read_success).toBe(0);
    // A non-incremental run keeps the position instead of resetting it (the original reset it).
    await action.run(jobOptions(), runtime({ store }));
    expect(await store.load("wf-1")).toMatchObject({ incremental_token: "8" });
  });

  it("does not move the token when every write fails", async () => {
    const { world, action } = setup(5);
    const store = new MemoryStore();
    world.writeThrows = true;
    const res = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(res.status).toBe("fatal");
    expect(res.incremental_token).toBeNull();
    world.writeThrows = false;
    const retry = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(retry.events.read_success).toBe(5);
  });

  it("ends fatal when the token handler throws", async () => {
    const world = new World().seed(3);
    const c = leadsConnector(world, [{ mode: "update", entity: "job", direction: "inbound" }]);
    const action = c.actions.update_jobs_in_hrflow as FlowAction;
    // The handler stringifies ids; an id whose toString throws makes the handler throw.
    world.items[1] = {
      id: {
        toString: () => {
          throw new Error("no id");
        },
      },
      name: "broken",
    } as unknown as Lead;
    const res = await action.run(jobOptions({ incremental: true }), runtime({ batchSize: 1 }));
    expect([res.status, res.reason, res.events.getting_incremental_token_failure]).toEqual([
      "fatal",
      "getting_incremental_token_failure",
      1,
    ]);
  });

  it("decides status like the original's table, in stage order", () => {
    const e = (o: Partial<ReturnType<typeof emptyEvents>>) => ({ ...emptyEvents(), ...o });
    expect(decideStatus(e({}))).toEqual({ status: "success", reason: "none" });
    expect(decideStatus(e({ read_failure: 1 }))).toEqual({ status: "fatal", reason: "read_failure" });
    expect(decideStatus(e({ read_success: 2, logics_failure: 2 })).reason).toBe("logics_failure");
    expect(decideStatus(e({ read_success: 3, logics_discard: 1, format_failure: 2 })).reason).toBe(
      "format_failure",
    );
    expect(decideStatus(e({ read_success: 3, logics_discard: 3 }))).toEqual({
      status: "success",
      reason: "none",
    });
    expect(decideStatus(e({ read_success: 3, format_failure: 1, write_failure: 2 })).reason).toBe(
      "write_failure",
    );
    // Finish-hook failures are not items read: they never make "every item failed".
    expect(decideStatus(e({ read_success: 3, finish_failure: 5 })).status).toBe("success_with_failures");
    // A read that failed is fatal whatever was read before it.
    expect(decideStatus(e({ read_success: 3, read_failure: 1 }))).toEqual({
      status: "fatal",
      reason: "read_failure",
    });
    // Every item failed, at different stages: fatal, named after the last stage that failed some.
    expect(
      decideStatus(e({ read_success: 3, logics_failure: 1, format_failure: 1, write_failure: 1 })),
    ).toEqual({
      status: "fatal",
      reason: "write_failure",
    });
    // Skipped items are not failures.
    expect(decideStatus(e({ read_success: 3, write_failure: 2 }), 1).status).toBe("fatal");
    expect(decideStatus(e({ read_success: 3, write_failure: 1 }), 1).status).toBe("success_with_failures");
    expect(decideStatus(e({ read_success: 3, callback_failure: 1 })).status).toBe("success_with_failures");
  });
});
