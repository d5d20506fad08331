import { describe, expect, it } from "vitest";
import { writeEach } from "../src/engine/each-item.js";
import { BatchScope, inBatch, WriteSlots } from "../src/engine/write-slots.js";

describe("writeEach", () => {
  it("keeps going past failed items and reports each with its reason", async () => {
    const done: number[] = [];
    const failures = await writeEach([1, 2, 3, 4], async (n) => {
      if (n === 2) throw new Error("vendor said no");
      if (n === 3) return "no email";
      done.push(n);
    });
    expect(done).toEqual([1, 4]);
    expect(failures).toEqual([
      { item: 2, error: "vendor said no" },
      { item: 3, error: "no email" },
    ]);
  });

  it("bounds calls in flight", async () => {
    let active = 0;
    let peak = 0;
    await writeEach(
      Array.from({ length: 12 }, (_, i) => i),
      async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 2));
        active--;
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
  });
});

describe("writeEach inside a run's batch", () => {
  /** A write whose calls stay in flight until the test lets each one answer. */
  const gate = () => {
    const waiting = new Map<number, (out?: unknown) => void>();
    const failing = new Map<number, (err: Error) => void>();
    let active = 0;
    let peak = 0;
    const write = (n: number) =>
      new Promise<unknown>((resolve, reject) => {
        active++;
        peak = Math.max(peak, active);
        const done = () => {
          active--;
          waiting.delete(n);
          failing.delete(n);
        };
        waiting.set(n, (out) => {
          done();
          resolve(out);
        });
        failing.set(n, (err) => {
          done();
          reject(err);
        });
      });
    const turn = () => new Promise((r) => setImmediate(r));
    return { write, waiting, failing, turn, peak: () => peak, active: () => active };
  };

  it("writes the batch's items at once within the run's slots, failures in the batch's order", async () => {
    const g = gate();
    const slots = new WriteSlots(() => 3);
    const scope = new BatchScope(slots, 5);
    const out = inBatch(scope, () => writeEach([0, 1, 2, 3, 4], g.write));
    await g.turn();
    // Three slots: items 0, 1 and 2 are in flight, 3 and 4 wait for a slot in the batch's order.
    expect([...g.waiting.keys()]).toEqual([0, 1, 2]);
    expect([scope.inFlight, slots.active, slots.waiting]).toEqual([5, 3, 2]);
    // Answers come back out of order: 2 refused, then 1 fails, then 0 succeeds.
    g.waiting.get(2)!("no email");
    await g.turn();
    g.failing.get(1)!(new Error("vendor said no"));
    await g.turn();
    expect([...g.waiting.keys()].sort()).toEqual([0, 3, 4]);
    g.waiting.get(0)!();
    g.waiting.get(4)!();
    await g.turn();
    g.failing.get(3)!(new Error("gone"));
    const failures = await out;
    expect(failures).toEqual([
      { item: 1, error: "vendor said no" },
      { item: 2, error: "no email" },
      { item: 3, error: "gone" },
    ]);
    expect(g.peak()).toBe(3);
    expect([scope.inFlight, scope.settled, scope.perItem, slots.active]).toEqual([0, 5, true, 0]);
  });

  it("shares the slots between batches, and a sequential write holds one at a time", async () => {
    const g = gate();
    const slots = new WriteSlots(() => 4);
    const a = new BatchScope(slots, 3);
    const b = new BatchScope(slots, 3);
    const first = inBatch(a, () => writeEach([0, 1, 2], g.write, { sequential: true }));
    const second = inBatch(b, () => writeEach([10, 11, 12], g.write));
    await g.turn();
    expect([...g.waiting.keys()]).toEqual([0, 10, 11, 12]);
    expect([a.inFlight, b.inFlight, slots.active]).toEqual([1, 3, 4]);
    g.waiting.get(0)!();
    await g.turn();
    // The sequential batch's next item takes the slot its first one gave back.
    expect([...g.waiting.keys()]).toEqual([10, 11, 12, 1]);
    expect([a.inFlight, slots.active, slots.waiting]).toEqual([1, 4, 0]);
    for (const n of [10, 11, 12]) g.waiting.get(n)!();
    await g.turn();
    expect([...g.waiting.keys()]).toEqual([1]);
    g.waiting.get(1)!();
    await g.turn();
    g.waiting.get(2)!();
    expect(await first).toEqual([]);
    expect(await second).toEqual([]);
    expect(g.peak()).toBe(4);
  });

  it("never waits for a slot from inside an item (a nested writeEach runs on its own)", async () => {
    const slots = new WriteSlots(() => 1);
    const inner: number[] = [];
    const failures = await inBatch(new BatchScope(slots, 2), () =>
      writeEach([1, 2], async (n) => {
        // With one slot held by this very item, waiting for another would never end.
        await writeEach([n * 10, n * 10 + 1], async (m) => void inner.push(m));
      }),
    );
    expect(failures).toEqual([]);
    expect(inner).toEqual([10, 11, 20, 21]);
  });
});
