import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** A tiny scripted server on 127.0.0.1: each request gets the next scripted answer (the last repeats). */
export async function scriptedServer(
  script: ((req: IncomingMessage, res: ServerResponse, n: number) => void)[],
): Promise<{
  url: string;
  hits: { at: number; method: string; url: string; auth?: string | undefined; body: string }[];
  close: () => Promise<void>;
}> {
  const hits: { at: number; method: string; url: string; auth?: string | undefined; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      hits.push({
        at: Date.now(),
        method: req.method ?? "",
        url: req.url ?? "",
        auth: req.headers.authorization,
        body,
      });
      const step = script[Math.min(hits.length - 1, script.length - 1)]!;
      step(req, res, hits.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

/**
 * Registers an `afterEach` that closes every server it started, and returns the starter: the
 * scripted servers of one test file never outlive their test.
 */
export function scriptedServers(): (
  script: Parameters<typeof scriptedServer>[0],
) => ReturnType<typeof scriptedServer> {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()?.();
  });
  return async (script) => {
    const s = await scriptedServer(script);
    closers.push(s.close);
    return s;
  };
}
