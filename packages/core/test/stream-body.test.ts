import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError, NetworkError } from "../src/http/errors.js";
import { policyFetch } from "../src/http/policy.js";
import { apiKey, defineVendor } from "../src/index.js";
import { json, scriptedServers } from "./http-server.js";

type Paths = {
  "/export/{token}": {
    get: {
      parameters: { path: { token: string } };
      responses: { 200: { content: { "application/json": { ads: unknown[] } } } };
    };
  };
  "/other": { get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } } };
};

const TOKEN = "tok-s3cret-42";
// The token travels in the path, as DigitalRecruiters' export takes it.
const exporter = defineVendor<Paths>()({
  key: "exporter",
  name: "Exporter",
  auth: z.object({ token: z.string() }),
  baseUrl: () => "https://exporter.invalid",
  credential: (auth) => apiKey(auth.token, { path: true }),
  rateLimit: { requests: 1000, perMs: 1000 },
  concurrency: [{ max: 1 }],
});

const server = scriptedServers();

/** The exporter's client on `url`, with quick retries and the given timeout (headers and stalls). */
function client(url: string, timeoutMs = 5000) {
  const http = { timeoutMs, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } };
  return exporter.client({ auth: { token: TOKEN }, baseUrls: { exporter: url }, http });
}

async function streamed(url: string, timeoutMs?: number) {
  const { data } = await client(url, timeoutMs).GET("/export/{token}", {
    params: { path: { token: TOKEN } },
    parseAs: "stream",
  });
  if (!data) throw new Error("no body");
  return data.getReader();
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe("a streamed body (parseAs: 'stream' on a declared vendor's client)", () => {
  it("is handed over chunk by chunk: the server writes chunk 2 only once the caller read chunk 1", async () => {
    let consumed!: () => void;
    const readOne = new Promise<void>((r) => (consumed = r));
    const s = await server([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"ads": [1,');
        // A transport that buffered the body would wait for its end forever: this never comes.
        readOne.then(() => res.end("2]}"));
      },
    ]);
    const reader = await streamed(s.url);
    expect(text((await reader.read()).value)).toBe('{"ads": [1,');
    consumed();
    expect(text((await reader.read()).value)).toBe("2]}");
    expect((await reader.read()).done).toBe(true);
    expect(s.hits.map((h) => h.url)).toEqual([`/export/${TOKEN}`]);
  }, 15_000);

  it("holds the vendor's in-flight slot until the body is done with", async () => {
    let finish!: () => void;
    const s = await server([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("[");
        finish = () => res.end("]");
      },
      json(200, { ok: true }),
    ]);
    const api = client(s.url);
    const { data } = await api.GET("/export/{token}", {
      params: { path: { token: TOKEN } },
      parseAs: "stream",
    });
    const reader = data!.getReader();
    await reader.read();
    // The cap is one call in flight: the second waits for the stream, whatever the machine's speed.
    const other = api.GET("/other");
    await new Promise((r) => setTimeout(r, 100));
    expect(s.hits).toHaveLength(1);
    finish();
    while (!(await reader.read()).done);
    expect((await other).data).toEqual({ ok: true });
    expect(s.hits.map((h) => h.url)).toEqual([`/export/${TOKEN}`, "/other"]);
  }, 15_000);

  it("retries a 5xx and a connection cut before the first byte, then streams the decoded answer", async () => {
    const body = JSON.stringify({ ads: Array.from({ length: 500 }, (_, i) => ({ ref: `A-${i}` })) });
    const s = await server([
      json(503, { busy: true }),
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.flushHeaders();
        setImmediate(() => res.socket?.destroy());
      },
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(gzipSync(body));
      },
    ]);
    const reader = await streamed(s.url);
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(text(Buffer.concat(chunks))).toBe(body);
    expect(s.hits).toHaveLength(3);
  }, 15_000);

  it("stops a body that stalls after its first bytes, never retried, the token masked", async () => {
    const s = await server([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"ads": [');
      },
    ]);
    const reader = await streamed(s.url, 300);
    await reader.read();
    const err = await reader.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(
      /^exporter GET http:\/\/127\.0\.0\.1:\d+\/export\/\*+: the body stalled/,
    );
    expect((err as Error).message).toContain("(no data for 300 ms)");
    expect((err as Error).message).not.toContain(TOKEN);
    expect(s.hits).toHaveLength(1);
  }, 15_000);

  it("fails the reader when the connection is lost mid-body; a refusal is an HttpError, token masked", async () => {
    const s = await server([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"ads": [');
        setImmediate(() => res.socket?.destroy());
      },
      json(403, { message: `token ${TOKEN} refused` }),
    ]);
    const reader = await streamed(s.url);
    await reader.read();
    const lost = await reader.read().catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(NetworkError);
    expect((lost as Error).message).toContain("the connection was lost mid-body (terminated");
    expect(s.hits).toHaveLength(1);
    const refused = await streamed(s.url).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect([(refused as HttpError).status, (refused as Error).message.includes(TOKEN)]).toEqual([403, false]);
    expect((refused as Error).message).toContain("refused");
  }, 15_000);

  it("is cancelled by the run's signal", async () => {
    const s = await server([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.write("a");
      },
    ]);
    const run = new AbortController();
    const fetchStreamed = policyFetch({ vendor: "Test", streamBody: true, signal: run.signal });
    const res = await fetchStreamed(`${s.url}/file`);
    const reader = res.body!.getReader();
    expect(text((await reader.read()).value)).toBe("a");
    run.abort(new Error("run stopped"));
    await expect(reader.read()).rejects.toThrow("run stopped");
  }, 15_000);
});
