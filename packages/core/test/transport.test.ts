import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { leanFetch } from "../src/http/transport.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback server answering with `answer`, recording what it received and on how many sockets. */
async function serve(
  answer: (
    seen: Seen,
    origin: string,
  ) => { status: number; headers?: Record<string, string>; body?: Buffer | string },
) {
  const seen: Seen[] = [];
  let sockets = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const s = {
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    seen.push(s);
    const out = answer(s, origin);
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  });
  server.on("connection", () => sockets++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, sockets: () => sockets };
}

describe("leanFetch", () => {
  it("sends method, headers and body as given, and answers a standard Response with its URL", async () => {
    const s = await serve((r) => ({
      status: 201,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ got: r.body }),
    }));
    const res = await leanFetch(`${s.origin}/items?x=1`, {
      method: "POST",
      headers: new Headers({ "Content-Type": "application/json", "X-Key": "k" }),
      body: JSON.stringify({ a: 1 }),
    });
    expect(res).toBeInstanceOf(Response);
    expect([res.status, res.ok, res.url]).toEqual([201, true, `${s.origin}/items?x=1`]);
    expect(await res.json()).toEqual({ got: '{"a":1}' });
    expect(s.seen[0]).toMatchObject({
      method: "POST",
      url: "/items?x=1",
      headers: { "x-key": "k", "content-length": "7" },
    });
  });

  it("writes the head node writes for an object of headers: Host, URL credentials, empty writes' length", async () => {
    const s = await serve(() => ({ status: 204 }));
    const port = new URL(s.origin).port;
    await leanFetch(`http://us%40r:p%3Ass@127.0.0.1:${port}/a?b=1#frag`, { method: "PUT" });
    await leanFetch(`${s.origin}/get`, { headers: { Host: "vendor.example" } });
    await leanFetch(`${s.origin}/get`, { headers: { authorization: "Bearer t" } });
    const [put, get, bearer] = s.seen;
    expect(put).toMatchObject({ method: "PUT", url: "/a?b=1", headers: { host: `127.0.0.1:${port}` } });
    expect(put!.headers["content-length"]).toBe("0");
    expect(put!.headers["transfer-encoding"]).toBeUndefined();
    expect(put!.headers.authorization).toBe(`Basic ${Buffer.from("us@r:p:ss").toString("base64")}`);
    expect(get!.headers).toMatchObject({ host: "vendor.example", connection: "keep-alive" });
    expect(get!.headers["content-length"]).toBeUndefined();
    expect(bearer!.headers.authorization).toBe("Bearer t");
    await expect(leanFetch(`${s.origin}/`, { headers: { "x-bad": "a\nb" } })).rejects.toThrow(/header/i);
  });

  it("decodes a gzip answer and reuses one connection for calls made one after another", async () => {
    const body = gzipSync(JSON.stringify({ jobs: ["a", "b"] }));
    const s = await serve(() => ({
      status: 200,
      headers: { "content-encoding": "gzip", "content-type": "application/json" },
      body,
    }));
    for (let i = 0; i < 5; i++) {
      const res = await leanFetch(`${s.origin}/jobs`);
      expect(res.headers.get("content-encoding")).toBeNull();
      expect(await res.json()).toEqual({ jobs: ["a", "b"] });
    }
    expect(s.seen[0]!.headers["accept-encoding"]).toContain("gzip");
    expect(s.sockets()).toBe(1);
  });

  it("closes a pooled socket once idle, sooner when the server announces its keep-alive timeout", async () => {
    // The server never closes a connection itself (keepAliveTimeout 0) but announces 2 s: the
    // pool stops a second before, so a close can only come from the client. A hint of 1 s
    // leaves no margin: such a server gets a new connection per call.
    const s = await serve((r) => ({
      status: 200,
      headers: { "keep-alive": r.url.startsWith("/short") ? "timeout=1" : "timeout=2" },
      body: "ok",
    }));
    const server = servers.at(-1)!;
    server.keepAliveTimeout = 0;
    const closed = new Promise<void>((resolve) => {
      server.once("connection", (socket) => socket.on("close", () => resolve()));
    });
    await (await leanFetch(`${s.origin}/a`)).text();
    await (await leanFetch(`${s.origin}/b`)).text();
    expect(s.sockets()).toBe(1);
    await closed;
    await (await leanFetch(`${s.origin}/short/c`)).text();
    await (await leanFetch(`${s.origin}/short/d`)).text();
    expect(s.sockets()).toBe(3);
  }, 15_000);

  it("follows a redirect to another origin without the credentials, and a 303 as a GET", async () => {
    const target = await serve(() => ({ status: 200, body: "file" }));
    const start = await serve((r) =>
      r.url === "/see-other"
        ? { status: 303, headers: { location: "/done" } }
        : r.url === "/done"
          ? { status: 200, body: "done" }
          : { status: 302, headers: { location: `${target.origin}/file.pdf` } },
    );
    const file = await leanFetch(`${start.origin}/download`, { headers: { authorization: "Bearer secret" } });
    expect([await file.text(), file.url]).toEqual(["file", `${target.origin}/file.pdf`]);
    expect(target.seen[0]!.headers.authorization).toBeUndefined();
    const done = await leanFetch(`${start.origin}/see-other`, { method: "POST", body: "x" });
    expect(await done.text()).toBe("done");
    expect(start.seen.at(-1)).toMatchObject({ method: "GET", body: "" });
  });

  it("rejects like fetch: a refused connection carries its code, an abort its reason", async () => {
    const s = await serve(() => ({ status: 200, body: "late" }));
    const port = new URL(s.origin).port;
    servers.pop()!.close();
    const refused = await leanFetch(`http://127.0.0.1:${port}/`).catch((e) => e);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
    const slow = await serve(() => ({ status: 200, body: "x" }));
    const aborted = await leanFetch(`${slow.origin}/`, {
      signal: AbortSignal.abort(new Error("stop")),
    }).catch((e) => e);
    expect((aborted as Error).message).toBe("stop");
  });
});
