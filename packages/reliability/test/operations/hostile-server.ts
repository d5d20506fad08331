import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip } from "node:zlib";

/**
 * A vendor that answers every call with a hostile body, on 127.0.0.1:
 * - `/big...`: `bytes` of a JSON array sent chunked (no Content-Length), generated as it is sent;
 * - `/bomb...`: the same gzip-encoded, compressed on the fly (1 GiB of it is about 1 MiB on the wire);
 * - anything else: `/big`.
 * Bodies are generated as they are written and writing stops when the client hangs up, so the
 * server itself stays small whatever size it announces.
 */
export async function startHostileVendor(bytes: number): Promise<{
  url: string;
  /** Bytes the server produced (before compression) across all calls. */
  produced: () => number;
  close: () => Promise<void>;
}> {
  let produced = 0;
  const server = createServer((req, res) => {
    const bomb = req.url?.startsWith("/bomb") === true;
    res.writeHead(200, {
      "content-type": "application/json",
      ...(bomb ? { "content-encoding": "gzip" } : {}),
    });
    if (!bomb) return pump(res, res, bytes, (n) => (produced += n));
    const gzip = createGzip({ level: 6 });
    gzip.pipe(res);
    res.on("close", () => gzip.destroy());
    pump(gzip, res, bytes, (n) => (produced += n));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    produced: () => produced,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

// One 64 KiB chunk of a JSON array's elements, reused for every write.
const ELEMENT = '{"id":"x","title":"padding"},';
const CHUNK = Buffer.from(ELEMENT.repeat(Math.floor((64 * 1024) / ELEMENT.length)));

/** Writes `[`, then chunks up to `total` bytes with backpressure, then `{}]`, unless `res` closes first. */
function pump(
  sink: NodeJS.WritableStream,
  res: ServerResponse,
  total: number,
  count: (n: number) => void,
): void {
  let sent = 0;
  let open = true;
  res.on("close", () => {
    open = false;
  });
  sink.write("[");
  const next = () => {
    while (open && sent < total) {
      sent += CHUNK.byteLength;
      count(CHUNK.byteLength);
      if (!sink.write(CHUNK)) return void sink.once("drain", next);
    }
    if (open) sink.end("{}]");
  };
  next();
}
