import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { BodyTooLargeError } from "../src/http/body.js";
import { policyFetch } from "../src/http/policy.js";
import { BODY_LIMIT, leanFetch } from "../src/http/transport.js";
import { scriptedServer } from "./http-server.js";

const quick = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
const MiB = 1024 * 1024;
const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const server = async (script: Parameters<typeof scriptedServer>[0]) => {
  const s = await scriptedServer(script);
  servers.push(s);
  return s;
};

/** Writes `chunk` until the client hangs up (no Content-Length): an answer with no end. */
const endless =
  (chunk: Buffer, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json", ...headers });
    let open = true;
    res.on("close", () => {
      open = false;
    });
    const pump = () => {
      while (open && res.write(chunk)) {}
      if (open) res.once("drain", pump);
    };
    pump();
  };

const encoded = (encoding: string, body: Buffer) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
  res.end(body);
};

describe("the body limit counts bytes as they stream, decoded", () => {
  it("cuts an answer with no length at the limit, once, naming the call and the limit", async () => {
    const s = await server([endless(Buffer.alloc(64 * 1024, 0x20))]);
    const fetch = policyFetch({ vendor: "Test", maxBodyBytes: MiB, ...quick });
    const err = await fetch(`${s.url}/page`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as BodyTooLargeError).limit).toBe(MiB);
    expect((err as Error).message).toMatch(/^Test GET http:\/\/127\.0\.0\.1:\d+\/page: the answer was cut/);
    expect((err as Error).message).toContain(`maxBodyBytes=${MiB}`);
    expect((err as Error).message).toContain("http.maxBodyBytes");
    // Not a transient fault: the next attempt would be as large.
    expect(s.hits).toHaveLength(1);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("cuts a %s bomb when its decoded bytes pass the limit", async (encoding, compress) => {
    // 16 MiB of spaces compress to a few KB: only the decoded size can be held against the limit.
    const bomb = compress(Buffer.alloc(16 * MiB, 0x20));
    expect(bomb.byteLength).toBeLessThan(MiB);
    const s = await server([encoded(encoding, bomb)]);
    const err = await leanFetch(`${s.url}/page`, { [BODY_LIMIT]: MiB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as Error).message).toContain(`once decoded (${encoding})`);
  });

  it("refuses a declared length above the limit before reading it, and keeps answers within it", async () => {
    const small = Buffer.from(JSON.stringify({ items: [1, 2, 3] }));
    const s = await server([
      (_req, res) => {
        res.writeHead(200, { "content-length": String(10 * MiB) });
        res.write(Buffer.alloc(1024));
      },
      encoded("gzip", gzipSync(small)),
    ]);
    const err = await leanFetch(`${s.url}/big`, { [BODY_LIMIT]: MiB }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`body of ${10 * MiB} bytes exceeds maxBodyBytes=${MiB}`);
    const ok = await leanFetch(`${s.url}/small`, { [BODY_LIMIT]: small.byteLength });
    expect(await ok.json()).toEqual({ items: [1, 2, 3] });
    expect(ok.headers.get("content-length")).toBe(String(small.byteLength));
    expect(ok.headers.get("content-encoding")).toBeNull();
  });

  it("reads an encoded answer without a body as empty", async () => {
    const s = await server([
      (_req, res) => {
        res.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
        res.end();
      },
    ]);
    const res = await leanFetch(`${s.url}/empty`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it("fails a write whose answer is too large without resending it", async () => {
    const s = await server([endless(Buffer.alloc(64 * 1024, 0x20))]);
    const fetch = policyFetch({ vendor: "Test", maxBodyBytes: MiB, retryNonIdempotent: true, ...quick });
    const err = await fetch(`${s.url}/items`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as Error).message).toContain("POST");
    expect(s.hits).toHaveLength(1);
  });
});
