import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createHttpClient } from "../src/http/client.js";
import { Semaphore } from "../src/http/endpoint-concurrency.js";
import { policyFetch } from "../src/http/policy.js";
import { HttpRuntime } from "../src/http/runtime.js";
import { json, scriptedServer } from "./http-server.js";

/** A server that answers after `holdMs`, counting the calls in flight per path. */
async function slowServer(holdMs: number) {
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const now = (inFlight.get(path) ?? 0) + 1;
    inFlight.set(path, now);
    peak.set(path, Math.max(peak.get(path) ?? 0, now));
    setTimeout(() => {
      inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    }, holdMs);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    peak,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

type Paths = {
  "/candidates": { get: { responses: { 200: { content: { "application/json": object } } } } };
  "/jobs": { get: { responses: { 200: { content: { "application/json": object } } } } };
};

describe("concurrency caps", () => {
  it("hands slots out in arrival order and passes a freed slot to the next waiter", async () => {
    const s = new Semaphore(1);
    const order: number[] = [];
    const first = await s.acquire();
    const waiters = [1, 2, 3].map((i) =>
      s.acquire().then((release) => {
        order.push(i);
        return release;
      }),
    );
    first();
    for (const w of waiters) (await w)();
    expect(order).toEqual([1, 2, 3]);
  });

  it("an aborted waiter leaves the queue without taking a slot", async () => {
    const s = new Semaphore(1);
    const held = await s.acquire();
    const abort = new AbortController();
    const waiting = s.acquire(abort.signal);
    abort.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    held();
    const again = await s.acquire();
    again();
  });

  it("keeps one call in flight on a capped endpoint and several on the others, per credential", {
    timeout: 20_000,
  }, async () => {
    const srv = await slowServer(40);
    try {
      // One runtime, as the runs of a process share it.
      const runtime = new HttpRuntime();
      const make = (key: string) =>
        createHttpClient<Paths>({
          baseUrl: srv.url,
          vendor: "Capped",
          runtime,
          rateLimit: { requests: 1000, perMs: 1000, key },
          concurrency: [{ max: 8 }, { method: "GET", path: "/candidates", max: 1 }],
        });
      // Two clients of the same credential share the cap.
      const [a, b] = [make("cred"), make("cred")];
      await Promise.all([
        ...Array.from({ length: 4 }, () => a.GET("/candidates")),
        ...Array.from({ length: 4 }, () => b.GET("/candidates")),
        ...Array.from({ length: 6 }, () => a.GET("/jobs")),
      ]);
      expect(srv.peak.get("/api/candidates")).toBe(1);
      expect(srv.peak.get("/api/jobs")).toBeGreaterThan(1);
    } finally {
      await srv.close();
    }
  });

  it("waits one declared window when a vendor says the window is spent without a reset time", async () => {
    const s = await scriptedServer([json(200, {}, { "x-ratelimit-remaining": "0" }), json(200, {})]);
    try {
      const f = policyFetch({ vendor: "NoReset", rateLimit: { requests: 10, perMs: 400, key: "no-reset" } });
      await f(`${s.url}/a`);
      await f(`${s.url}/a`);
      expect(s.hits[1]!.at - s.hits[0]!.at).toBeGreaterThanOrEqual(350);
    } finally {
      await s.close();
    }
  });
});
