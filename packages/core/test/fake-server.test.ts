import { afterEach, describe, expect, it } from "vitest";
import { FakeHttpError, type FakeServer, startFakeServer } from "../src/testing/index.js";

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
