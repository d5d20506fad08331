import { describe, expect, it } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { accountingGap } from "../src/engine/accounting.js";
import { MemoryStore } from "../src/store/store.js";
import { jobOptions, type Lead, leadsConnector, runtime, World } from "./fixtures.js";

// Listed in an order that is not the token (id) order, like Workable's listing by id vs updated_at.
const SHUFFLED = [7, 2, 9, 1, 10, 3, 6, 4, 8, 5];
const leads = (ids: number[]): Lead[] => ids.map((id) => ({ id, name: `lead ${id}` }));
const ids = (items: unknown[]) => items.map((i) => (i as Lead).id);

describe("accounting", () => {
  it("names what does not add up", () => {
    const ok = {
      read: 5,
      written: 2,
      skipped: 1,
      discarded: 1,
      dead_lettered: { logics: 0, format: 1, write: 0, token: 0 },
      held: 0,
    };
    expect(accountingGap(ok, { count: 3, finishFailures: 2 })).toBeNull();
    expect(accountingGap({ ...ok, written: 3 })).toBe(
      "read 5 item(s) but accounted for 6 (written 3, skipped 1, discarded 1, held 0, dead-lettered logics 0 format 1 write 0 token 0)",
    );
    expect(accountingGap(ok, { count: 1, finishFailures: 2 })).toBe(
      "the dead-letter sink holds 1 item(s), expected 3 (1 item(s) plus 2 finish failure(s))",
    );
  });

  it("adds up on a run with discards and failures at every stage, in both a real and a dry run", async () => {
    const world = new World().seed(10);
    world.writeRejects = (l: Lead) => (l.id === 3 ? "refused" : null);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const options = jobOptions({
      logics: [(l: Lead) => (l.id === 1 ? null : l)],
      format: (l: Lead) => {
        if (l.id === 2) throw new Error("no title");
        return l;
      },
    });
    const res = await action.run(options, runtime({ batchSize: 3 }));
    expect(res.accounting).toEqual({
      read: 10,
      written: 7,
      skipped: 0,
      discarded: 1,
      dead_lettered: { logics: 0, format: 1, write: 1, token: 0 },
      held: 0,
    });
    expect(res.accounting_error).toBeUndefined();
    expect(res.dead_letter.count).toBe(2);
    const dry = await action.run({ ...options, persist: false }, runtime({ batchSize: 3 }));
    expect(dry.accounting).toMatchObject({ read: 10, written: 0, held: 8 });
    expect(dry.accounting_error).toBeUndefined();
  });

  it("ends fatal when every item failed, whatever the stages", async () => {
    const world = new World().seed(4);
    world.writeRejects = (l: Lead) => (l.id > 1 ? "refused" : null);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(
      jobOptions({
        format: (l: Lead) => {
          if (l.id === 1) throw new Error("bad");
          return l;
        },
      }),
      runtime(),
    );
    expect([res.status, res.reason, res.written]).toEqual(["fatal", "write_failure", 0]);
  });
});

describe("incremental reads whose listing order is not the token order", () => {
  it("never moves the token past an item not read, and the next run resumes where the read failed", async () => {
    const world = new World();
    world.items = leads(SHUFFLED);
    world.readFailsAfter = 4;
    const store = new MemoryStore();
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const options = jobOptions({ incremental: true });
    const failed = await action.run(options, runtime({ store, batchSize: 2 }));
    expect([failed.status, failed.reason]).toEqual(["fatal", "read_failure"]);
    expect(ids(world.written)).toEqual([7, 2, 9, 1]);
    // The newest token seen is 9, but 3..8 were never read: the token stays where it was.
    expect(failed.incremental_token).toBeNull();
    expect(failed.resume).toMatchObject({ from: null, done: 4 });

    world.readFailsAfter = null;
    const resumed = await action.run(options, runtime({ store, batchSize: 2 }));
    expect(resumed.status).toBe("success");
    expect(resumed.events.read_success).toBe(6);
    expect(ids(world.written).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(resumed.incremental_token).toBe("10");
    expect(resumed.resume).toBeUndefined();
    expect(((await store.load("wf-1")) as { resume?: unknown }).resume).toBeUndefined();
  });

  it("reads everything again when the listing changed since the interrupted run", async () => {
    const world = new World();
    world.items = leads(SHUFFLED);
    world.readFailsAfter = 4;
    const store = new MemoryStore();
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const options = jobOptions({ incremental: true });
    await action.run(options, runtime({ store, batchSize: 2 }));
    // A new item appears inside the finished prefix: skipping 4 items by count would lose one.
    world.items = leads([7, 11, ...SHUFFLED.slice(1)]);
    world.readFailsAfter = null;
    world.written = [];
    const rt = runtime({ store, batchSize: 2 });
    const again = await action.run(options, rt);
    expect(again.events.read_success).toBe(11);
    expect(ids(world.written).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(rt.sink.records.some((r) => r.message.includes("listing changed"))).toBe(true);
    expect(again.incremental_token).toBe("11");
  });
});
