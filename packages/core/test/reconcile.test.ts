import { afterEach, describe, expect, it } from "vitest";
import { writeEach } from "../src/engine/each-item.js";
import { HttpError } from "../src/http/errors.js";
import { policyFetch } from "../src/http/policy.js";
import { type FaultKind, startFakeServer, startFaultProxy } from "../src/testing/index.js";

// A vendor with creates that are not idempotent (POST /notes) and a lookup by title.
async function setup(plan: (method: string, index: number) => FaultKind | null) {
  const notes: { title: string }[] = [];
  const fake = await startFakeServer({
    handle: (req) => {
      if (req.method === "POST") {
        notes.push({ title: String(req.json().title) });
        return { status: 201, body: {} };
      }
      return { status: 200, body: notes.filter((n) => n.title === req.query.get("title")) };
    },
  });
  const proxy = await startFaultProxy({
    target: fake.origin,
    plan: (r, i) => plan(r.method, i),
    holdMs: 5_000,
  });
  const call = policyFetch({ vendor: "notes", timeoutMs: 250, retry: { retries: 3, baseDelayMs: 1 } });
  const create = async (title: string) => {
    const res = await call(`${proxy.origin}/notes`, { method: "POST", body: JSON.stringify({ title }) });
    if (!res.ok)
      throw new HttpError({ vendor: "notes", status: res.status, method: "POST", url: res.url, body: "" });
    await res.text();
  };
  const lookup = async (title: string) => {
    const res = await call(`${proxy.origin}/notes?title=${title}`);
    return ((await res.json()) as unknown[]).length > 0;
  };
  const close = () => Promise.all([fake.close(), proxy.close()]);
  return { notes, fake, create, lookup, close };
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe("writeEach with reconcile", () => {
  it("counts a create whose answer was lost as written after looking it up, without resending", async () => {
    for (const kind of ["lost", "resetAfter", "truncate"] as const) {
      const v = await setup((method, i) => (method === "POST" && i === 0 ? kind : null));
      closers.push(v.close);
      const failures = await writeEach(["a", "b"], v.create, {
        reconcile: { lookup: v.lookup, baseDelayMs: 1 },
      });
      expect(failures, kind).toEqual([]);
      expect(v.notes.map((n) => n.title)).toEqual(["a", "b"]);
      // One POST per item, and the lookup happened for the first one only.
      expect(v.fake.requests.count({ method: "POST" })).toBe(2);
      expect(v.fake.requests.count({ method: "GET" })).toBe(1);
    }
  });

  it("waits a settle time before the lookup, so a write that lands late is not sent twice", async () => {
    const v = await setup(() => null);
    closers.push(v.close);
    // The fake acts 300 ms after the request arrives, long after the client gave up (250 ms).
    v.fake.fail({ method: "POST", delayMs: 300 });
    const failures = await writeEach(["a"], v.create, {
      reconcile: { lookup: v.lookup, baseDelayMs: 1, settleMs: 400 },
    });
    expect(failures).toEqual([]);
    expect(v.notes).toEqual([{ title: "a" }]);
    expect(v.fake.requests.count({ method: "POST" })).toBe(1);
  });

  it("resends a create that the lookup proves absent, and only then", async () => {
    const v = await setup((method, i) => (method === "POST" && i === 0 ? "status5xx" : null));
    closers.push(v.close);
    const failures = await writeEach(["a"], v.create, { reconcile: { lookup: v.lookup, baseDelayMs: 1 } });
    expect(failures).toEqual([]);
    expect(v.notes).toEqual([{ title: "a" }]);
    expect(v.fake.requests.log.map((r) => r.method)).toEqual(["GET", "POST"]);
  });

  it("marks the outcome unknown, without resending, when the vendor offers no lookup", async () => {
    const v = await setup((method) => (method === "POST" ? "lost" : null));
    closers.push(v.close);
    const failures = await writeEach(["a"], v.create, { reconcile: { baseDelayMs: 1 } });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ item: "a", outcome: "unknown" });
    expect(failures[0]!.error).toMatch(/outcome unknown/);
    expect(v.notes).toHaveLength(1);
    expect(v.fake.requests.count({ method: "POST" })).toBe(1);
  });

  it("retries a repeatable write a bounded number of times, then fails it with its reason", async () => {
    const v = await setup((method) => (method === "POST" ? "status5xx" : null));
    closers.push(v.close);
    const failures = await writeEach(["a"], v.create, {
      reconcile: { repeatable: true, lookup: v.lookup, attempts: 3, baseDelayMs: 1 },
    });
    expect(failures).toEqual([{ item: "a", error: expect.stringMatching(/HTTP 50[03]/) }]);
    expect(v.fake.requests.count({ method: "POST" })).toBe(0);
    // Three attempts at the proxy, then one lookup to settle the last one.
    expect(v.fake.requests.count({ method: "GET" })).toBe(1);
  });

  it("does not retry a refusal", async () => {
    const failures = await writeEach(
      ["a"],
      async () => {
        throw new HttpError({ vendor: "v", status: 422, method: "POST", url: "/x", body: "bad email" });
      },
      { reconcile: { repeatable: true, baseDelayMs: 1 } },
    );
    expect(failures).toEqual([{ item: "a", error: expect.stringMatching(/HTTP 422: bad email/) }]);
  });
});
