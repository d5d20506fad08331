import { describe, expect, it, vi } from "vitest";
import { bearerAuth, headerAuth } from "../src/http/auth.js";
import { createHttpClient } from "../src/http/client.js";
import { contextPolicy } from "../src/http/context-policy.js";
import { HttpError, NetworkError, OutcomeUnknownError } from "../src/http/errors.js";
import { retryAfterMs } from "../src/http/headers.js";
import {
  mapConcurrent,
  paginateCursor,
  paginateNextLink,
  paginateOffset,
  paginatePages,
} from "../src/http/paginate.js";
import { policyFetch } from "../src/http/policy.js";
import { RateLimiter } from "../src/http/rate-limit.js";
import { HttpRuntime } from "../src/http/runtime.js";
import { json, scriptedServers } from "./http-server.js";

type Paths = {
  "/items": {
    get: {
      parameters: { query?: { page?: number } };
      responses: { 200: { content: { "application/json": { items: number[] } } } };
    };
    post: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: { content: { "application/json": { id: number } } } };
    };
    put: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 200: { content: { "application/json": { id: number } } } };
    };
  };
};

const server = scriptedServers();
const SECRET = "tok-very-secret-987";

describe("HTTP policy", () => {
  it("retries 429 and 503 with backoff, honouring Retry-After, and resends the body", async () => {
    const s = await server([
      json(429, { error: "slow down" }, { "retry-after": "1" }),
      json(503, { error: "busy" }),
      json(201, { id: 7 }),
    ]);
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Test",
      auth: bearerAuth(SECRET),
      retry: { baseDelayMs: 10 },
      retryNonIdempotent: true,
    });
    const res = await client.POST("/items", { body: { name: "x" } });
    expect(res.data).toEqual({ id: 7 });
    expect(s.hits.map((h) => h.body)).toEqual(['{"name":"x"}', '{"name":"x"}', '{"name":"x"}']);
    expect(s.hits.every((h) => h.auth === `Bearer ${SECRET}`)).toBe(true);
    // Retry-After: 1 means the second attempt waited about a second (server clock, not a timing assertion on speed).
    expect(s.hits[1]!.at - s.hits[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("treats a method left out of idempotentMethods as a create: a 5xx after sending is an unknown outcome", async () => {
    const s = await server([json(502, { message: "gateway" }), json(200, { id: 1 })]);
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Test",
      retry: { baseDelayMs: 1 },
      idempotentMethods: ["GET", "DELETE"],
    });
    const put = await client.PUT("/items", { body: { name: "x" } }).catch((e) => e);
    expect(put).toBeInstanceOf(OutcomeUnknownError);
    expect(s.hits).toHaveLength(1);
    // GET stays retried.
    const s2 = await server([json(503, {}), json(200, { items: [1] })]);
    const get = createHttpClient<Paths>({
      baseUrl: s2.url,
      vendor: "Test",
      retry: { baseDelayMs: 1 },
      idempotentMethods: ["GET"],
    });
    expect((await get.GET("/items")).data).toEqual({ items: [1] });
    expect(s2.hits).toHaveLength(2);
  });

  it("does not resend a create after a 5xx unless told to (outcome unknown), but always after a 429", async () => {
    const s = await server([
      json(429, {}, { "retry-after": "0" }),
      json(502, { message: "gateway" }),
      json(201, { id: 1 }),
    ]);
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", retry: { baseDelayMs: 1 } });
    const err = await client.POST("/items", { body: { name: "x" } }).catch((e) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(err.status).toBe(502);
    expect(err.method).toBe("POST");
    expect(err.message).toMatch(
      /^Test POST http:\/\/127\.0\.0\.1:\d+\/items failed with HTTP 502: \{"message":"gateway"\}/,
    );
    expect(s.hits).toHaveLength(2);
    const get = await client.GET("/items");
    expect(get.response.status).toBe(201); // idempotent reads retry on 5xx (the script's last answer)
  });

  it("gives up after the configured retries and throws the last answer as an HttpError", async () => {
    const s = await server([json(500, { message: `internal ${SECRET}` })]);
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Test",
      auth: headerAuth({ "X-API-KEY": SECRET }),
      secrets: [SECRET],
      retry: { retries: 2, baseDelayMs: 1 },
    });
    const error = await client.GET("/items").catch((e) => e);
    expect(s.hits).toHaveLength(3);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).method).toBe("GET");
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).message).toContain("internal ***");
    expect((error as HttpError).message).not.toContain(SECRET);
  });

  it("does not retry a 4xx other than 429", async () => {
    const s = await server([json(404, { message: "nope" })]);
    const f = policyFetch({ vendor: "Test", retry: { baseDelayMs: 1 } });
    const res = await f(`${s.url}/x`);
    expect(res.status).toBe(404);
    expect(s.hits).toHaveLength(1);
  });

  it("times out a slow response and reports a network error without the secret", async () => {
    const s = await server([(_req, res) => setTimeout(() => res.end("{}"), 400)]);
    const f = policyFetch({
      vendor: "Test",
      timeoutMs: 100,
      retry: { retries: 1, baseDelayMs: 1 },
      secrets: [SECRET],
    });
    await expect(f(`${s.url}/x?api_key=${SECRET}`)).rejects.toThrow(NetworkError);
    await expect(f(`${s.url}/x?api_key=${SECRET}`)).rejects.not.toThrow(SECRET);
  });

  it("keeps a request budget shared by every client of one credential", async () => {
    const s = await server([json(200, { items: [] })]);
    const stop = new AbortController();
    // A window far longer than the test: however busy the machine, only the budget's 5 calls can start.
    const runtime = new HttpRuntime();
    const make = () =>
      createHttpClient<Paths>({
        baseUrl: s.url,
        vendor: "Budget",
        rateLimit: { requests: 5, perMs: 600_000, key: "cred-1" },
        runtime,
        signal: stop.signal,
      });
    const [a, b] = [make(), make()];
    let answered = 0;
    const calls = Array.from({ length: 15 }, (_, i) =>
      (i % 2 ? a : b).GET("/items").then(
        () => {
          answered++;
          return "answered";
        },
        () => "held back",
      ),
    );
    await vi.waitFor(() => expect(answered).toBe(5), { timeout: 20_000 });
    stop.abort();
    // Calls take the budget in arrival order: the first five went out, the ten others were still waiting.
    expect(await Promise.all(calls)).toEqual([...Array(5).fill("answered"), ...Array(10).fill("held back")]);
    // Two clients, one budget: 5 requests in all reached the server, not 5 each.
    expect(s.hits).toHaveLength(5);
  });

  it("lets at most `requests` calls start in any window, in arrival order", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RateLimiter(5, 500);
      const started: number[] = [];
      const takes = Array.from({ length: 12 }, (_, i) => limiter.take().then(() => started.push(i)));
      await vi.advanceTimersByTimeAsync(0);
      expect(started).toEqual([0, 1, 2, 3, 4]);
      await vi.advanceTimersByTimeAsync(499);
      expect(started).toHaveLength(5);
      await vi.advanceTimersByTimeAsync(2);
      expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      await vi.advanceTimersByTimeAsync(600);
      expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      await Promise.all(takes);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps a saturated window's pace: a timer's lateness does not push later slots back", async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limiter = new RateLimiter(5, 100);
      const started: number[] = [];
      const takes = Array.from({ length: 105 }, () => limiter.take().then(() => started.push(Date.now())));
      await vi.advanceTimersByTimeAsync(5_000);
      await Promise.all(takes);
      // 21 windows' worth: the last five start once 20 windows have passed (each wake-up is 1 ms
      // late by design, which used to add 1 ms per window and end at 2020 ms).
      expect(started.at(-1)).toBe(2001);
      // Still never more than 5 starts in any 100 ms.
      for (let i = 5; i < started.length; i++)
        expect(started[i]! - started[i - 5]!).toBeGreaterThanOrEqual(100);
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits for the window a vendor announces as spent instead of paying for a 429", async () => {
    const s = await server([
      json(200, { items: [] }, { "x-rate-limit-remaining": "0", "x-rate-limit-reset": "1" }),
      json(200, { items: [1] }),
    ]);
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Announced",
      rateLimit: { requests: 100, perMs: 1000, key: "announced" },
    });
    await client.GET("/items");
    await client.GET("/items");
    expect(s.hits).toHaveLength(2);
    expect(s.hits[1]!.at - s.hits[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("derives a client's policy from its run context, with the run's rate-limit override", () => {
    const policy = contextPolicy(
      { http: { rateLimits: { acme: { requests: 3, perMs: 100 } }, retry: { retries: 1 } } },
      "acme",
      { requests: 10, perMs: 1000 },
      "cred",
    );
    expect(policy).toMatchObject({
      vendor: "acme",
      rateLimit: { requests: 3, perMs: 100, key: "cred" },
      retry: { retries: 1 },
    });
    expect(contextPolicy({}, "acme", { requests: 10, perMs: 1000 }, "k").rateLimit).toEqual({
      requests: 10,
      perMs: 1000,
      key: "k",
    });
  });

  it("parses Retry-After and reset headers", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ "x-rate-limit-reset": String(now / 1000 + 7) }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({}), now)).toBeNull();
  });

  it("serves a rate limiter in arrival order", async () => {
    const bucket = new RateLimiter(2, 200);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
  });
});

describe("pagination helpers", () => {
  const collect = async <T>(it: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  };
  it("follows next links, pages, offsets and cursors", async () => {
    const pages = [[1, 2], [3, 4], [5]];
    expect(
      await collect(
        paginateNextLink(async (n) => ({
          items: pages[Number(n ?? 0)]!,
          next: n === "2" ? null : String(Number(n ?? 0) + 1),
        })),
      ),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(await collect(paginatePages(async (p) => ({ items: pages[p - 1] ?? [], maxPage: 3 })))).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(
      await collect(paginateOffset(async (o, l) => ({ items: [1, 2, 3, 4, 5].slice(o, o + l) }), 2)),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(
      await collect(
        paginateCursor(async (c) => ({
          items: pages[Number(c ?? 0)]!,
          cursor: c === "2" ? null : String(Number(c ?? 0) + 1),
        })),
      ),
    ).toEqual([1, 2, 3, 4, 5]);
  });
  it("stops on a repeated next link instead of looping", async () => {
    expect(await collect(paginateNextLink(async () => ({ items: [1], next: "same" })))).toEqual([1, 1]);
  });
  it("maps with bounded concurrency in input order", async () => {
    let active = 0;
    let peak = 0;
    async function* src() {
      for (let i = 0; i < 20; i++) yield i;
    }
    const out = await collect(
      mapConcurrent(src(), 3, async (i) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 2));
        active--;
        return i * 2;
      }),
    );
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(peak).toBeLessThanOrEqual(3);
  });
});
