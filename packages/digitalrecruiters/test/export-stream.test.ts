import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { exportAds } from "../src/export-stream.js";
import { DigitalRecruiters } from "../src/index.js";
import type { DigitalRecruitersJobAd } from "../src/objects.js";
import { type Fakes, runtime, startFakes } from "./harness.js";

/** The bytes of `text` cut into chunks of `size` (a multibyte character may straddle two). */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<DigitalRecruitersJobAd[]> {
  const ads: DigitalRecruitersJobAd[] = [];
  for await (const ad of exportAds(body)) ads.push(ad);
  return ads;
}

describe("exportAds (the export parsed as it streams)", () => {
  const ads = [
    { reference: "A-1", title: "Ingénieure données ✓", nested: { list: [1, 2, { deep: null }] } },
    { reference: "A-2", title: "Comptable", ads: ["not the list"] },
  ];
  const document = JSON.stringify({ generated: "now", ads, after: { ads: 1 } });

  it("yields every ad whatever the chunk boundaries, fields after the list included", async () => {
    for (const size of [1, 3, 7, 64, 1 << 16]) {
      expect(await collect(chunks(` \n${document}\n`, size))).toEqual(ads);
    }
  });

  it("finds the list's ads whatever their strings hold, and refuses an ad over the size bound", async () => {
    const tricky = [{ t: 'a "quoted" ] } [ { , : \\' }, "text ad", 42, [1, [2]], null];
    const doc = JSON.stringify({ x: "ads", 'a"ds': [9], ads: tricky, y: ["ads"] });
    for (const size of [1, 2, 5, 1 << 16]) expect(await collect(chunks(doc, size))).toEqual(tricky);
    const big = JSON.stringify({ ads: [{ text: "x".repeat(100) }] });
    await expect(async () => {
      for await (const _ of exportAds(chunks(big, 16), 64));
    }).rejects.toThrow(/an element of `ads` larger than 64 bytes/);
  });

  it("an object without `ads` is an empty export", async () => {
    expect(await collect(chunks('{"other": []}', 4))).toEqual([]);
  });

  it("fails loudly on a cut body, after yielding the ads it read whole", async () => {
    const cut = document.slice(0, document.indexOf('"A-2"'));
    const read: DigitalRecruitersJobAd[] = [];
    await expect(async () => {
      for await (const ad of exportAds(chunks(cut, 16))) read.push(ad);
    }).rejects.toThrow(/ended before the export did \(the body was cut\)/);
    expect(read).toEqual([ads[0]]);
  });

  it("refuses an empty body, a top-level list, `ads` that is not a list and invalid JSON", async () => {
    await expect(collect(chunks("  ", 1))).rejects.toThrow(/empty body/);
    await expect(collect(chunks("[]", 1))).rejects.toThrow(/without an ads list/);
    await expect(collect(chunks('{"ads": {"a": {"reference": "X"}}}', 5))).rejects.toThrow(/not a list/);
    await expect(collect(chunks('{"ads": [{"reference": nope}]}', 5))).rejects.toThrow(/invalid JSON/);
    await expect(collect(chunks('{"ads": []} {}', 5))).rejects.toThrow(/invalid JSON/);
  });
});

describe("pull_job_list on a streamed export", () => {
  let fakes: Fakes | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await fakes?.close();
    server?.closeAllConnections();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    fakes = server = undefined;
  });

  it("writes every ad of an export many chunks long, with one export request", async () => {
    fakes = await startFakes({ jobAds: 120 });
    const board = fakes.hrflow.addBoard();
    const res = await DigitalRecruiters.pullJobList(
      {
        workflow_id: "dr-jobs",
        origin_parameters: fakes.dr.jobsParameters,
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 120]);
    expect(fakes.dr.requests.count({ route: "/export/job-ads/{token}" })).toBe(1);
    const stored = fakes.hrflow.jobs(board).map((j) => j.reference);
    expect(stored.sort()).toEqual(fakes.dr.jobAds.map((a) => a.reference).sort());
  }, 30_000);

  /** Runs pull_job_list against a vendor that sends the start of a long export, then `then`s. */
  async function cutExport(then: (res: ServerResponse) => void, timeoutMs?: number) {
    fakes = await startFakes();
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(`{"ads": [${JSON.stringify({ reference: "R-1", title: "First" })},`);
      setImmediate(() => then(res));
    });
    await new Promise<void>((ready) => server!.listen(0, "127.0.0.1", ready));
    const { port } = server.address() as AddressInfo;
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes, {
      baseUrls: { hrflow: fakes.hrflow.baseUrl, digitalrecruiters: `http://127.0.0.1:${port}` },
      ...(timeoutMs
        ? { http: { timeoutMs, rateLimits: { digitalrecruiters: { requests: 1000, perMs: 1000 } } } }
        : {}),
    });
    const res = await DigitalRecruiters.pullJobList(
      {
        workflow_id: "dr-jobs",
        origin_parameters: fakes.dr.jobsParameters,
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      rt,
    );
    return { res, logged: JSON.stringify(rt.logs) };
  }

  it("a connection lost mid-export is a fatal read failure, never a short success", async () => {
    const { res, logged } = await cutExport((r) => r.socket?.destroy());
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    expect(logged).toContain("the connection was lost mid-export (terminated)");
    expect(logged).not.toContain(fakes!.dr.token);
  }, 30_000);

  it("an export that stalls mid-body is stopped after the timeout, a fatal read failure", async () => {
    const { res, logged } = await cutExport(() => {}, 300);
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    expect(logged).toContain("the connection was lost mid-export (no data for 300 ms)");
  }, 30_000);
});
