import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import type { AnyWriteSession } from "../src/contracts/aisle.js";
import { derivedIdentity, writeByIdentity } from "../src/engine/identity.js";
import { type IdentityLease, ProcessIdentityLocks } from "../src/engine/identity-locks.js";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("ProcessIdentityLocks", () => {
  it("lets one holder per key at a time, in arrival order, and forgets released keys", async () => {
    const locks = new ProcessIdentityLocks();
    const order: string[] = [];
    const first = await locks.acquire(["a", "b"]);
    const noted = (name: string) => (lease: IdentityLease) => {
      order.push(name);
      return lease;
    };
    const second = locks.acquire(["b"]).then(noted("second"));
    const third = locks.acquire(["c"]).then(noted("third"));
    await tick();
    expect(order).toEqual(["third"]);
    await first.release();
    await (await second).release();
    await (await third).release();
    expect(order).toEqual(["third", "second"]);
    expect(locks.size).toBe(0);
  });

  it("never deadlocks two sets taken in opposite orders", async () => {
    const locks = new ProcessIdentityLocks();
    const both = await Promise.all(
      [locks.acquire(["x", "y"]), locks.acquire(["y", "x"])].map((p) => p.then(async (l) => l.release())),
    );
    expect(both).toHaveLength(2);
  });

  it("gives up waiting on abort, and the key stays usable", async () => {
    const locks = new ProcessIdentityLocks();
    const held = await locks.acquire(["k"]);
    const stop = new AbortController();
    const waiting = locks.acquire(["k"], stop.signal);
    stop.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
    await held.release();
    await (await locks.acquire(["k"])).release();
    expect(locks.size).toBe(0);
  });
});

describe("ProcessIdentityLocks and the run's signal", () => {
  it("leaves no listener on the signal once a lock is taken (a long run held one per item)", async () => {
    const locks = new ProcessIdentityLocks();
    const run = new AbortController();
    for (let i = 0; i < 50; i++) {
      // Half the keys repeat, so some locks are taken after waiting for a holder.
      const held = locks.acquire([`k${i % 25}`], run.signal);
      const second = locks.acquire([`k${i % 25}`], run.signal);
      await (await held).release();
      await (await second).release();
    }
    expect(getEventListeners(run.signal, "abort")).toHaveLength(0);
    expect(locks.size).toBe(0);
  });

  it("refuses at once on a signal already aborted", async () => {
    const locks = new ProcessIdentityLocks();
    const holder = await locks.acquire(["k"]);
    const run = new AbortController();
    run.abort(new Error("stopped"));
    await expect(locks.acquire(["k"], run.signal)).rejects.toThrow("stopped");
    await holder.release();
  });
});

describe("writeByIdentity", () => {
  it("never writes one identity twice at once, across batches and within one", async () => {
    const locks = new ProcessIdentityLocks();
    const writing = new Set<string>();
    let overlaps = 0;
    const calls: string[][] = [];
    const session: AnyWriteSession = {
      identity: (item) => (item as { ref: string }).ref,
      async write(items) {
        const refs = items.map((i) => (i as { ref: string }).ref);
        calls.push(refs);
        for (const r of refs) writing.has(r) ? overlaps++ : writing.add(r);
        await tick();
        for (const r of refs) writing.delete(r);
        return [];
      },
    };
    const batch = (...refs: string[]) => refs.map((ref) => ({ ref }));
    await Promise.all([
      writeByIdentity(session, batch("a", "b", "a"), locks, "T"),
      writeByIdentity(session, batch("b", "c"), locks, "T"),
      writeByIdentity(session, batch("a"), locks, "T"),
    ]);
    expect(overlaps).toBe(0);
    // The repeated "a" of the first batch waits for a round of its own.
    expect(calls).toContainEqual(["a", "b"]);
    expect(calls.filter((c) => c.includes("a"))).toHaveLength(3);
  });

  it("fails only the round that cannot be written, with the error", async () => {
    const locks = new ProcessIdentityLocks();
    const errors: unknown[] = [];
    const session: AnyWriteSession = {
      identity: (item) => String(item),
      async write(items) {
        if (items.includes("boom")) throw new Error("vendor down");
        return [];
      },
    };
    const failures = await writeByIdentity(session, ["x", "boom", "x"], locks, "T", {
      onError: (e) => errors.push(e),
    });
    expect(failures).toEqual([
      { item: "x", error: "Error: vendor down" },
      { item: "boom", error: "Error: vendor down" },
    ]);
    expect(errors).toHaveLength(1);
  });

  it("derives an identity from a reference, else an email, scoped by the target", () => {
    expect(derivedIdentity("W", { reference: "r1", email: "a@b.c" })).toBe("W|reference|r1");
    expect(derivedIdentity("W", { email: " Ada@Example.com " })).toBe("W|email|ada@example.com");
    expect(derivedIdentity("W", { info: { email: "x@y.z" } })).toBe("W|email|x@y.z");
    expect(derivedIdentity("W", { name: "no id" })).toBeNull();
  });
});
