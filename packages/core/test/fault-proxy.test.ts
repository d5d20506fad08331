import { afterEach, describe, expect, it } from "vitest";
import { policyFetch } from "../src/http/policy.js";
import { type FakeServer, type FaultKind, startFakeServer, startFaultProxy } from "../src/testing/index.js";

// A tiny vendor: POST /notes stores a note, GET /notes?title= finds it, GET /big answers a long body.
let notes: { id: number; title: string }[] = [];
async function notesFake(): Promise<FakeServer> {
  notes = [];
  return startFakeServer({
    handle: (req) => {
      if (req.method === "POST" && req.path === "/notes") {
        const note = { id: notes.length + 1, title: String(req.json().title) };
        notes.push(note);
        return { status: 201, body: note };
      }
      if (req.path === "/notes")
        return { status: 200, body: notes.filter((n) => n.title === req.query.get("title")) };
      if (req.path === "/big")
        return { status: 200, body: { text: "x".repeat(4000), next: `${req.baseUrl}/big` } };
      return { status: 404, body: {} };
    },
  });
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A fake behind a proxy that applies `kind` to the first request and nothing after. */
async function setup(kind: FaultKind) {
  const fake = await notesFake();
  const proxy = await startFaultProxy({
    target: fake.origin,
    plan: (_req, i) => (i === 0 ? kind : null),
    holdMs: 5_000,
    slowMs: 20,
  });
  closers.push(fake.close, proxy.close);
  return { fake, proxy };
}

const post = (origin: string) =>
  fetch(`${origin}/notes`, {
    method: "POST",
    body: JSON.stringify({ title: "a" }),
    signal: AbortSignal.timeout(300),
  }).then((r) => r.json());

describe("fault proxy", () => {
  it("answers 429 with Retry-After and 5xx without reaching the fake", async () => {
    for (const [kind, statuses] of [
      ["status429", [429]],
      ["status5xx", [500, 503]],
    ] as const) {
      const { fake, proxy } = await setup(kind);
      const res = await fetch(`${proxy.origin}/notes?title=a`);
      expect(statuses).toContain(res.status);
      if (kind === "status429") expect(res.headers.get("retry-after")).toBe("0");
      expect(fake.requests.count()).toBe(0);
      expect(proxy.injected[kind]).toBe(1);
    }
  });

  it("resets before forwarding (nothing stored) and after (stored, no answer)", async () => {
    const before = await setup("resetBefore");
    await expect(post(before.proxy.origin)).rejects.toThrow();
    expect(notes).toHaveLength(0);
    const after = await setup("resetAfter");
    await expect(post(after.proxy.origin)).rejects.toThrow();
    expect(notes).toEqual([{ id: 1, title: "a" }]);
  });

  it("holds a request without forwarding (timeout) or after the fake acted (lost)", async () => {
    const timeout = await setup("timeout");
    await expect(post(timeout.proxy.origin)).rejects.toThrow(/abort|timeout/i);
    expect(notes).toHaveLength(0);
    const lost = await setup("lost");
    await expect(post(lost.proxy.origin)).rejects.toThrow(/abort|timeout/i);
    expect(notes).toHaveLength(1);
  });

  it("cuts a body after the headers, and answers slowly but in full", async () => {
    const cut = await setup("truncate");
    const res = await fetch(`${cut.proxy.origin}/big`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow(/terminated/);
    const slow = await setup("slow");
    const body = (await (await fetch(`${slow.proxy.origin}/big`)).json()) as { text: string; next: string };
    expect(body.text).toHaveLength(4000);
    // Links to the fake are rewritten, so follow-up calls go through the proxy too.
    expect(body.next).toBe(`${slow.proxy.origin}/big`);
  });

  it("draws the same faults from the same seed", async () => {
    const fake = await notesFake();
    const faultsOf = async (seed: number) => {
      const proxy = await startFaultProxy({ target: fake.origin, seed, rate: 0.5, kinds: ["status5xx"] });
      for (let i = 0; i < 20; i++) await fetch(`${proxy.origin}/notes?title=${i}`).then((r) => r.text());
      await proxy.close();
      return proxy.requests.map((r) => r.fault);
    };
    const a = await faultsOf(7);
    expect(a.filter(Boolean).length).toBeGreaterThan(0);
    expect(await faultsOf(7)).toEqual(a);
    await fake.close();
  });

  it("lets the policy retry a GET through every kind of fault", async () => {
    const fake = await notesFake();
    const proxy = await startFaultProxy({ target: fake.origin, seed: 3, rate: 0.5, holdMs: 5_000 });
    closers.push(fake.close, proxy.close);
    const get = policyFetch({ vendor: "notes", timeoutMs: 300, retry: { retries: 8, baseDelayMs: 1 } });
    for (let i = 0; i < 10; i++) {
      const res = await get(`${proxy.origin}/notes?title=x`);
      // The policy returns once headers arrive; a truncated body would fail here.
      await res.text().catch(() => "");
      expect([200, 429, 500, 503]).toContain(res.status);
    }
    expect(proxy.requests.length).toBeGreaterThanOrEqual(10);
  });
});
