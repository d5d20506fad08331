import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError } from "../src/http/body.js";
import { acceptStatus, createHttpClient, isHttpStatus } from "../src/http/client.js";
import { HttpError, NetworkError, OutcomeUnknownError } from "../src/http/errors.js";
import { policyFetch } from "../src/http/policy.js";
import { createLogger, memorySink } from "../src/logging/logger.js";
import { json, scriptedServers } from "./http-server.js";

type Paths = {
  "/items": {
    get: { responses: { 200: { content: { "application/json": { items: number[] } } } } };
    post: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: { content: { "application/json": { id: number } } } };
    };
  };
  "/items/{id}": {
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { "application/json": { id: number } } }; 404: { content: never } };
    };
  };
};

const server = scriptedServers();

/** Headers promise a JSON body, half of it is sent, then the connection is cut. */
const cutBody = (_req: IncomingMessage, res: ServerResponse) => {
  const full = JSON.stringify({ items: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
  res.writeHead(200, { "content-type": "application/json", "content-length": String(full.length) });
  res.write(full.slice(0, 10));
  setTimeout(() => res.socket?.destroy(), 20);
};
/** Headers arrive, the body never ends. */
const stalledBody = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  res.write('{"items":');
};
/** The request is received and the connection reset without an answer. */
const reset = (req: IncomingMessage) => req.socket.destroy();
/** A complete 200 whose JSON is cut short (a proxy that closed the body cleanly). */
const halfJson = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"items":[1,2');
};

const quick = { retry: { retries: 3, baseDelayMs: 1 }, timeoutMs: 300 };

describe("a response is complete when its body is read", () => {
  it("retries a GET whose body is cut mid-stream, and returns the full data", async () => {
    const s = await server([cutBody, json(200, { items: [1, 2, 3] })]);
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", ...quick });
    const { data } = await client.GET("/items");
    expect(data).toEqual({ items: [1, 2, 3] });
    expect(s.hits).toHaveLength(2);
  });

  it("times out a stalled body under the attempt's timeout and retries it", async () => {
    const s = await server([stalledBody, json(200, { items: [4] })]);
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", ...quick });
    expect((await client.GET("/items")).data).toEqual({ items: [4] });
    expect(s.hits).toHaveLength(2);
  });

  it("retries a 2xx JSON body that does not parse", async () => {
    const s = await server([halfJson, json(200, { items: [5] })]);
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", ...quick });
    expect((await client.GET("/items")).data).toEqual({ items: [5] });
    expect(s.hits).toHaveLength(2);
  });

  it("names vendor, method, URL and the cause of a cut body once retries are spent", async () => {
    const s = await server([cutBody]);
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", ...quick });
    const err = await client.GET("/items").catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).not.toBeInstanceOf(OutcomeUnknownError);
    expect(err.message).toMatch(
      /^Test GET http:\/\/127\.0\.0\.1:\d+\/items: (HTTP 200 body cut: )?terminated: /,
    );
    expect(err.message).toMatch(/other side closed|UND_ERR_SOCKET|ECONNRESET/);
    expect(s.hits).toHaveLength(4);
  });

  it("never resends a POST whose answer was cut, reset or timed out: the outcome is unknown", async () => {
    for (const step of [cutBody, reset, stalledBody]) {
      const s = await server([step, json(201, { id: 1 })]);
      const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", ...quick });
      const err = await client.POST("/items", { body: { name: "x" } }).catch((e) => e);
      expect(err).toBeInstanceOf(OutcomeUnknownError);
      expect(err.message).toMatch(/^Test POST http:\/\/127\.0\.0\.1:\d+\/items: /);
      expect(err.message).toContain("outcome unknown");
      expect([err.vendor, err.method]).toEqual(["Test", "POST"]);
      expect(s.hits).toHaveLength(1);
    }
  });

  it("resends a POST after a reset when the endpoint is declared safe to repeat", async () => {
    const s = await server([reset, json(201, { id: 9 })]);
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Test",
      retryNonIdempotent: true,
      ...quick,
    });
    expect((await client.POST("/items", { body: { name: "x" } })).data).toEqual({ id: 9 });
    expect(s.hits.map((h) => h.body)).toEqual(['{"name":"x"}', '{"name":"x"}']);
  });

  it("refuses a body above maxBodyBytes without retrying, and streams it when asked", async () => {
    const big = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(Buffer.alloc(5000, 1));
    };
    const s = await server([big]);
    const bounded = policyFetch({ vendor: "Test", maxBodyBytes: 1000, ...quick });
    const err = await bounded(`${s.url}/file`).catch((e) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect(err.message).toContain("maxBodyBytes=1000");
    expect(s.hits).toHaveLength(1);
    const streaming = policyFetch({ vendor: "Test", maxBodyBytes: 1000, streamBody: true, ...quick });
    const res = await streaming(`${s.url}/file`);
    expect((await res.arrayBuffer()).byteLength).toBe(5000);
  });

  it("logs each retry once with vendor, method and URL, then the reason", async () => {
    const s = await server([json(503, { m: 1 }), json(200, { items: [] })]);
    const sink = memorySink();
    const logger = createLogger({ sink, level: "debug" });
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", logger, ...quick });
    await client.GET("/items");
    const warnings = sink.records.filter((r) => r.level === "warn").map((r) => r.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Test GET http:\/\/127\.0\.0\.1:\d+\/items HTTP 503; retry 1\/3 in \d+ ms$/);
  });
});

describe("HTTP errors as openapi-fetch middleware", () => {
  it("throws an HttpError naming the method for a 4xx, with the body excerpt", async () => {
    const s = await server([json(403, { message: "forbidden here" })]);
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", ...quick });
    const err = await client.GET("/items").catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect([err.status, err.method]).toEqual([403, "GET"]);
    expect(err.message).toMatch(
      /^Test GET http:\/\/127\.0\.0\.1:\d+\/items failed with HTTP 403: \{"message":"forbidden here"\}$/,
    );
    expect(isHttpStatus(err, 403)).toBe(true);
  });

  it("lets a caller accept a 404 explicitly as a result", async () => {
    const s = await server([json(404, { message: "gone" })]);
    const client = createHttpClient<Paths>({ baseUrl: s.url, vendor: "Test", ...quick });
    const res = await client.GET("/items/{id}", {
      params: { path: { id: "7" } },
      middleware: [acceptStatus(404)],
    });
    expect(res.response.status).toBe(404);
    expect(res.data).toBeUndefined();
    // Without the opt-in the same answer is an error.
    const err = await client.GET("/items/{id}", { params: { path: { id: "7" } } }).catch((e) => e);
    expect(isHttpStatus(err, 404)).toBe(true);
  });

  it("masks secrets learnt during the run (a function of secrets) in errors", async () => {
    const learnt: string[] = [];
    const s = await server([json(400, { message: "bad token tok-learnt-123" })]);
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Test",
      secrets: () => learnt,
      ...quick,
    });
    learnt.push("tok-learnt-123");
    const err = await client.GET("/items").catch((e) => e);
    expect(err.message).toContain("bad token ***");
    expect(err.message).not.toContain("tok-learnt-123");
  });
});

describe("credentials inside the policy", () => {
  it("retries a call whose token request failed transiently, without spending it on the vendor", async () => {
    const s = await server([json(200, { items: [1] })]);
    let calls = 0;
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Test",
      ...quick,
      auth: async (request) => {
        calls++;
        if (calls === 1) throw new NetworkError("token endpoint: timed out");
        request.headers.set("authorization", "Bearer fresh");
        return request;
      },
    });
    expect((await client.GET("/items")).data).toEqual({ items: [1] });
    expect(calls).toBe(2);
    expect(s.hits.map((h) => h.auth)).toEqual(["Bearer fresh"]);
  });

  it("does not retry a refused token request", async () => {
    const s = await server([json(200, { items: [1] })]);
    const refused = new HttpError({ vendor: "Test", status: 401, method: "POST", url: "/token", body: "" });
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "Test",
      ...quick,
      auth: async () => {
        throw refused;
      },
    });
    await expect(client.GET("/items")).rejects.toBe(refused);
    expect(s.hits).toHaveLength(0);
  });
});
