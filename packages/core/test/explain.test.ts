import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { MemoryStore } from "../src/store/store.js";
import { jobOptions, leadsConnector, runtime, World } from "./fixtures.js";

function setup(n: number) {
  const world = new World().seed(n);
  const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
  return { world, action };
}

describe("results say why", () => {
  it("a format fatal carries the first error", async () => {
    const { action } = setup(3);
    const bad = () => {
      throw new Error("no title");
    };
    const res = await action.run(jobOptions({ format: bad }), runtime());
    expect([res.status, res.reason]).toEqual(["fatal", "format_failure"]);
    expect(res.message).toBe("3 item(s) failed to format, none was written; first error: Error: no title");
  });

  it("a write fatal carries the first error", async () => {
    const { world, action } = setup(3);
    world.writeRejects = (item: { id: number }) => `board has no room for ${item.id}`;
    const res = await action.run(jobOptions(), runtime());
    expect([res.status, res.reason]).toEqual(["fatal", "write_failure"]);
    expect(res.message).toBe(
      "3 item(s) were refused by the target, none was written; first error: board has no room for 1",
    );
  });

  it("failFast stops reading when the whole first batch is refused with one error", async () => {
    const { world, action } = setup(50);
    world.writeRejects = () => "board not found";
    const res = await action.run(jobOptions(), runtime({ failFast: true, batchSize: 5, concurrency: 1 }));
    expect([res.status, res.reason]).toEqual(["fatal", "write_failure"]);
    expect(res.events.read_success).toBeLessThan(50);
    expect(res.events.write_failure).toBe(res.events.read_success);
    expect(res.dead_letter.count).toBe(res.events.read_success);
    expect(res.message).toMatch(/^Stopped after the first batch: .*board not found$/);
  });

  it("failFast reads on when the first batch's errors differ", async () => {
    const { world, action } = setup(20);
    world.writeRejects = (item: { id: number }) => (item.id <= 5 ? `bad item ${item.id}` : null);
    const res = await action.run(jobOptions(), runtime({ failFast: true, batchSize: 5, concurrency: 1 }));
    expect([res.status, res.events.read_success, res.written]).toEqual(["success_with_failures", 20, 15]);
  });

  it("limit stops the read after N items without moving the token", async () => {
    const { world, action } = setup(30);
    const store = new MemoryStore();
    const res = await action.run(jobOptions({ incremental: true }), runtime({ store, limit: 7 }));
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 7, 7]);
    expect(res.incremental_token).toBeNull();
    expect(world.written).toHaveLength(7);
  });

  it("a run whose items are all up to date says so, with one info line per batch", async () => {
    const { world, action } = setup(6);
    world.writeSkips = (item: { id: number }) => `lead ${item.id} is already there`;
    const rt = runtime({ batchSize: 3, concurrency: 1 });
    const res = await action.run(jobOptions(), rt);
    expect([res.status, res.written, res.skipped]).toEqual(["success", 0, 6]);
    expect(res.message).toBe("0 written: 6 already up to date");
    const skipLines = rt.sink.records
      .filter((r) => r.level === "info" && r.message.includes("skipped"))
      .map((r) => r.message);
    expect(skipLines).toEqual([
      "3 of 3 item(s) of a batch skipped by warehouse=HrFlow (up to date), e.g. lead 1 is already there",
      "3 of 3 item(s) of a batch skipped by warehouse=HrFlow (up to date), e.g. lead 4 is already there",
    ]);
  });

  it("a run that writes nothing says why", async () => {
    const { action } = setup(4);
    const store = new MemoryStore();
    const first = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect([first.written, first.message]).toEqual([4, undefined]);
    const second = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(second.message).toBe("0 written: nothing new or changed since the last incremental run");
    const dropped = await action.run(jobOptions({ logics: [() => null] }), runtime());
    expect(dropped.message).toBe("0 written: 4 discarded by logics");
    const dry = await action.run(jobOptions({ persist: false }), runtime());
    expect(dry.message).toBe("Dry run (persist: false): 4 item(s) read, nothing sent to the target");
  });
});

describe("the run's signal", () => {
  // Node 20 prints a MaxListenersExceededWarning past 10 abort listeners on one signal (Node 24 no
  // longer does, so the test counts the listeners instead of waiting for the warning).
  it("takes one listener on the caller's signal however many requests are in flight", async () => {
    const world = new World().seed(30);
    world.writeWaitMs = 20;
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const caller = new AbortController();
    let most = 0;
    // Logics run on each item read while the writes of earlier items are in flight.
    const count = (item: unknown) => {
      most = Math.max(most, getEventListeners(caller.signal, "abort").length);
      return item;
    };
    const options = jobOptions({ logics: [count] });
    const res = await action.run(options, runtime({ signal: caller.signal, batchSize: 1, concurrency: 30 }));
    expect([res.status, res.written]).toEqual(["success", 30]);
    expect(most).toBe(1);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});
