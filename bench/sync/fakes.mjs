// The fakes of one benchmark run, in their own process so their CPU and memory never count as the
// connector's. Started once by bench/sync.mjs; per measurement, over IPC, it sends {connector,
// action, items, latencyMs, limit, hrflowLimit}, gets back {baseUrls, options | runs}, later asks
// for the request counts, then stops those fakes; it disconnects at the end.
import { BENCHES, enforceHrflowLimit, seedStoredProfiles } from "./connectors.mjs";

let running = null;

/** What no vendor's window counts: downloads from its storage (or HrFlow's), outside its API. */
const STORAGE = /^\/(files|storage)\b/;
let spec = null;

/**
 * Requests per fake: all (storage downloads aside), answered 429, and for the vendor those its
 * rate window counts (token servers and other hosts the row names in `outsideWindow` aside), from
 * which the share of its ceiling is computed.
 */
function counts() {
  const { vendor, hrflow } = running;
  const api = vendor.requests.log.filter((r) => !STORAGE.test(r.route));
  const windowed = spec.outsideWindow ? api.filter((r) => !spec.outsideWindow.test(r.route)) : api;
  const hrflowLog = hrflow.requests.log;
  return {
    vendor: api.length,
    vendorWindowed: windowed.length,
    vendor429: api.filter((r) => r.status === 429).length,
    hrflow: hrflowLog.length,
    hrflow429: hrflowLog.filter((r) => r.status === 429).length,
    firstVendorAt: windowed[0]?.at ?? null,
    lastVendorAt: windowed.at(-1)?.at ?? null,
    firstHrflowAt: hrflowLog[0]?.at ?? null,
    lastHrflowAt: hrflowLog.at(-1)?.at ?? null,
    // Every windowed vendor request's time (epoch ms), for BENCH_JSON: where a rate-limited run lost time.
    vendorAt: windowed.map((r) => r.at),
  };
}

process.on("message", async (msg) => {
  if (msg.type === "start") {
    spec = BENCHES.find((b) => b.connector === msg.connector && b.action === msg.action);
    enforceHrflowLimit(msg.hrflowLimit);
    seedStoredProfiles(msg.stored);
    running = await spec.start(msg.items, msg.limit);
    // Latency on every answer: a fault with no status only delays, and never runs out.
    if (msg.latencyMs > 0) for (const f of running.fakes) f.fail({ delayMs: msg.latencyMs, times: Infinity });
    // Seeding is not what is measured: start from the request counts of an idle fake.
    for (const f of running.fakes) f.requests.reset();
    process.send({ type: "ready", baseUrls: running.baseUrls, options: running.options, runs: running.runs });
  } else if (msg.type === "counts") {
    process.send({ type: "counts", counts: counts(), rssMB: process.memoryUsage().rss / 2 ** 20 });
  } else if (msg.type === "stop") {
    await Promise.all(running?.fakes.map((f) => f.close()) ?? []);
    running = null;
    process.send({ type: "stopped" });
  }
});
// The bench disconnects once every measurement is done (or when it dies).
process.on("disconnect", () => process.exit(0));
