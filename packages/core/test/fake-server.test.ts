import { afterEach, describe, expect, it } from "vitest";
import { FakeHttpError, type FakeServer, jsonObject, startFakeServer } from "../src/testing/index.js";

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("shared fake server", () => {
  it("routes under its base path, logs requests and applies armed faults first", async () => {
    fake = await startFakeServer({
      basePath: "/api/v2",
      routeOf: (p) => p.replace(/^\/items\/[^/]+$/, "/items/{id}"),
      errorBody: (status, message) => ({ error: { status, message } }),
      handle: (req) => {
        if (req.route === "/items/{id}") return { status: 200, body: { id: req.path.split("/")[2] } };
        if (req.route === "/items" && req.method === "POST") return { status: 201, body: req.json() };
        throw new FakeHttpError(404, "no such route");
      },
    });
    fake.fail({ route: "/items/{id}", status: 429, retryAfterSeconds: 2, times: 2 });
    const get = () => fetch(`${fake!.baseUrl}/items/7`);
    const first = await get();
    expect([first.status, first.headers.get("retry-after")]).toEqual([429, "2"]);
    expect(await first.json()).toEqual({ error: { status: 429, message: "Too many requests" } });
    expect((await get()).status).toBe(429);
    expect(await (await get()).json()).toEqual({ id: "7" });
    const post = await fetch(`${fake.baseUrl}/items`, { method: "POST", body: JSON.stringify({ a: 1 }) });
    expect([post.status, await post.json()]).toEqual([201, { a: 1 }]);
    expect((await fetch(`${fake.origin}/elsewhere`)).status).toBe(404);
    expect(fake.requests.count({ route: "/items/{id}" })).toBe(3);
    expect(fake.requests.count({ status: 429 })).toBe(2);
    expect(fake.requests.writes).toBe(1);
  });

  it("answers malformed JSON and delays on demand", async () => {
    fake = await startFakeServer({ handle: () => ({ status: 200, body: { ok: true } }) });
    fake.fail({ malformed: true });
    await expect((await fetch(`${fake.baseUrl}/x`)).json()).rejects.toThrow();
    fake.fail({ delayMs: 50, status: 503 });
    const res = await fetch(`${fake.baseUrl}/x`);
    expect(res.status).toBe(503);
    expect(await (await fetch(`${fake.baseUrl}/x`)).json()).toEqual({ ok: true });
  });
});

describe("shared fake server options", () => {
  it("answers a malformed fault with the vendor's own cut-off body", async () => {
    fake = await startFakeServer({ malformedBody: '{"jobs": [', handle: () => ({ status: 200, body: {} }) });
    fake.fail({ malformed: true });
    const res = await fetch(`${fake.baseUrl}/jobs`);
    expect([res.status, await res.text()]).toEqual([200, '{"jobs": [']);
  });

  it("runs the guard before faults: a refusal keeps the fault armed, its headers go on every answer", async () => {
    let calls = 0;
    fake = await startFakeServer({
      basePath: "/api",
      errorBody: (_status, message) => ({ error: message }),
      guard: (req) => {
        if (req.headers.authorization !== "Bearer ok") throw new FakeHttpError(401, "Not authorized");
        return { "x-calls": String(++calls) };
      },
      handle: (req) => {
        if (req.path === "/boom") throw new FakeHttpError(409, "conflict");
        return { status: 200, body: { ok: true } };
      },
    });
    fake.fail({ route: "/items", status: 503 });
    const get = (path: string, token = "ok") =>
      fetch(`${fake!.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const refused = await get("/items", "bad");
    expect([refused.status, await refused.json()]).toEqual([401, { error: "Not authorized" }]);
    const faulted = await get("/items");
    expect([faulted.status, faulted.headers.get("x-calls")]).toEqual([503, "1"]);
    const ok = await get("/items");
    expect([ok.status, ok.headers.get("x-calls")]).toEqual([200, "2"]);
    const conflict = await get("/boom");
    expect([conflict.status, conflict.headers.get("x-calls")]).toEqual([409, "3"]);
    expect(fake.requests.log.map((r) => r.status)).toEqual([401, 503, 200, 409]);
  });

  it("answers paths outside the base path through `outside`, without the guard but with faults", async () => {
    fake = await startFakeServer({
      basePath: "/api",
      routeOf: (p) => p.replace(/^\/files\/[^/]+$/, "/files/{name}"),
      guard: () => {
        throw new FakeHttpError(401, "no token");
      },
      handle: () => ({ status: 200, body: {} }),
      outside: (req) => ({
        status: 200,
        body: Buffer.from(req.path),
        headers: { "content-type": "text/plain" },
      }),
    });
    const res = await fetch(`${fake.origin}/files/a.txt`);
    expect([res.status, res.headers.get("content-type"), await res.text()]).toEqual([
      200,
      "text/plain",
      "/files/a.txt",
    ]);
    fake.fail({ route: "/files/{name}", status: 500 });
    expect((await fetch(`${fake.origin}/files/b.txt`)).status).toBe(500);
    expect((await fetch(`${fake.baseUrl}/x`)).status).toBe(401);
    expect(fake.requests.count({ route: "/files/{name}" })).toBe(2);
  });
});

describe("jsonObject", () => {
  it("reads an object body, {} when empty, and refuses anything else with the vendor's message", async () => {
    fake = await startFakeServer({
      errorBody: (_status, message) => ({ error: message }),
      handle: (req) => ({ status: 200, body: jsonObject(req, "bad body") }),
    });
    const post = (body?: string) => fetch(`${fake!.baseUrl}/x`, { method: "POST", body });
    expect(await (await post('{"a":1}')).json()).toEqual({ a: 1 });
    expect(await (await post()).json()).toEqual({});
    for (const bad of ["[1]", "3", "{oops"]) {
      const res = await post(bad);
      expect([res.status, await res.json()]).toEqual([400, { error: "bad body" }]);
    }
  });
});

describe("test helpers", () => {
  it("closes every fake it is given", async () => {
    const { closeAll } = await import("../src/testing/index.js");
    const fakes = await Promise.all([1, 2].map(() => startFakeServer({ handle: () => ({ status: 200 }) })));
    expect((await fetch(fakes[1]!.baseUrl)).status).toBe(200);
    await closeAll(...fakes);
    for (const f of fakes) await expect(fetch(f.baseUrl)).rejects.toThrow();
  });

  it("draws the same values from the same seed", async () => {
    const { Random } = await import("../src/testing/index.js");
    const a = new Random(42);
    const b = new Random(42);
    const draws = Array.from({ length: 5 }, () => a.int(1, 100));
    expect(Array.from({ length: 5 }, () => b.int(1, 100))).toEqual(draws);
    expect(draws.every((d) => d >= 1 && d <= 100)).toBe(true);
  });
});
