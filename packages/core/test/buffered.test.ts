import { afterEach, describe, expect, it } from "vitest";
import { headerAuth } from "../src/http/auth.js";
import { BufferedResponse, LeanRequest, peekJson } from "../src/http/buffered.js";
import { createHttpClient } from "../src/http/client.js";
import { policyFetch } from "../src/http/policy.js";
import { scriptedServer } from "./http-server.js";

type Paths = {
  "/items": {
    post: {
      requestBody: { content: { "application/json": { name: string; tags: string[] } } };
      responses: { 200: { content: { "application/json": { saved: { name: string; tags: string[] } } } } };
    };
  };
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function server(...script: Parameters<typeof scriptedServer>[0]) {
  const s = await scriptedServer(script);
  closers.push(s.close);
  return s;
}

const json = (status: number, body: unknown) => (_req: unknown, res: import("node:http").ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

describe("answers without body streams (BufferedResponse, LeanRequest)", () => {
  it("sends the serialized body and credentials, and hands back the parsed answer through the client", async () => {
    const s = await server(json(200, { saved: { name: "Ada", tags: ["a", "é"] } }));
    const client = createHttpClient<Paths>({
      baseUrl: s.url,
      vendor: "acme",
      auth: headerAuth({ "x-api-key": "k1" }),
    });
    const { data, response } = await client.POST("/items", { body: { name: "Ada", tags: ["a", "é"] } });
    expect(data).toEqual({ saved: { name: "Ada", tags: ["a", "é"] } });
    expect(s.hits).toHaveLength(1);
    expect(JSON.parse(s.hits[0]!.body)).toEqual({ name: "Ada", tags: ["a", "é"] });
    expect(response).toBeInstanceOf(Response);
    expect(response).toBeInstanceOf(BufferedResponse);
    expect(response.url).toBe(`${s.url}/items`);
    expect(response.headers.get("content-length")).toBe(
      String(Buffer.byteLength('{"saved":{"name":"Ada","tags":["a","é"]}}')),
    );
  });

  it("reads like a standard Response: once, clones independent, a stream on demand", async () => {
    const s = await server(json(200, { a: [1, 2] }));
    const res = await policyFetch({ vendor: "acme" })(`${s.url}/x`);
    expect(res).toBeInstanceOf(BufferedResponse);
    const copy = res.clone();
    const first = (await res.json()) as { a: number[] };
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    expect(() => res.clone()).toThrow(TypeError);
    // The clone parses its own copy: changing one answer's data never shows in the other's.
    first.a.push(3);
    expect(await copy.clone().json()).toEqual({ a: [1, 2] });
    expect(copy.body).not.toBeNull();
    expect(copy.bodyUsed).toBe(false);
    const chunks: Uint8Array[] = [];
    for await (const c of copy.body!) chunks.push(c);
    expect(Buffer.concat(chunks).toString()).toBe('{"a":[1,2]}');
    expect(copy.bodyUsed).toBe(true);
  });

  it("keeps an answer's headers as a standard Response does: repeated ones joined, cookies apart", async () => {
    const s = await server((_req, res) => {
      res.setHeader("x-page", ["1", "2"]);
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
    const res = await policyFetch({ vendor: "acme" })(`${s.url}/x`);
    expect(res).toBeInstanceOf(BufferedResponse);
    const pairs: [string, string][] = [
      ["X-Page", "1"],
      ["x-page", "2"],
      ["Set-Cookie", "a=1"],
      ["set-cookie", "b=2"],
      ["content-type", "application/json"],
      ["content-length", "2"],
    ];
    // The same pairs given to a standard Response as its init: the headers must read the same.
    const standard = new Response(null, { headers: pairs });
    const ours = [...res.headers].filter(([k]) => standard.headers.has(k));
    expect(ours).toEqual([...standard.headers]);
    expect(res.headers.get("x-page")).toBe("1, 2");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(res.status).toBe(200);
  });

  it("peekJson shares the policy's parse without consuming the body", async () => {
    const s = await server(json(200, { code: 200, data: { k: "v" } }));
    const res = await policyFetch({ vendor: "acme" })(`${s.url}/x`);
    expect(await peekJson(res)).toEqual({ code: 200, data: { k: "v" } });
    expect(res.bodyUsed).toBe(false);
    expect(await res.json()).toEqual({ code: 200, data: { k: "v" } });
  });

  it("sends a FormData body of a LeanRequest as multipart, through a standard Request", async () => {
    const s = await server(json(200, { ok: true }));
    const form = new FormData();
    form.set("file", new Blob(["hello"], { type: "text/plain" }), "cv.txt");
    const res = await policyFetch({ vendor: "acme" })(
      new LeanRequest(`${s.url}/upload`, { method: "POST", body: form }) as unknown as Request,
    );
    expect(await res.json()).toEqual({ ok: true });
    expect(s.hits[0]!.method).toBe("POST");
    expect(s.hits[0]!.body).toContain('filename="cv.txt"');
    expect(s.hits[0]!.body).toContain("hello");
  });
});
