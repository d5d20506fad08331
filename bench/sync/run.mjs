// One connector action in its own process, so its peak RSS is its own (process.resourceUsage().maxRSS).
// Usage: node bench/sync/run.mjs <config.json: {connector, action, baseUrls, options | runs, http}>;
// prints one JSON line. With `runs` (one profile per run), the runs go 4 at a time.
import { readFileSync } from "node:fs";
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import { createLogger, silentSink } from "@hrflow-connectors/core";
import { MemoryDeadLetter } from "@hrflow-connectors/core/engine";
import { HttpRuntime } from "@hrflow-connectors/core/http";
import { MemoryStore } from "@hrflow-connectors/core/store";
import { loadConnector } from "./discover.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { connector, action: actionName, baseUrls, http } = config;
const runs = config.runs ?? [config.options];
// Only the connector's own package is loaded here (not the bench's registry nor any fake), so the
// peak RSS is the connector's.
const action = (await loadConnector(connector)).actions[actionName];
const deadLetter = new MemoryDeadLetter();
const runOptions = {
  store: new MemoryStore(),
  deadLetter,
  logger: createLogger({ sink: silentSink }),
  baseUrls,
  http,
  // One HTTP runtime for every run of this process, as `serve` and the BullMQ worker share one: a
  // one-profile action run 1,000 times reuses its tokens, sessions and rate windows.
  ...(process.env.BENCH_RUNTIME_PER_RUN ? {} : { httpRuntime: new HttpRuntime() }),
  // BENCH_CONCURRENCY overrides the engine's batches in flight, to compare with the default.
  ...(process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {}),
  ...(process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {}),
};
// With BENCH_SPACES set, the largest size each V8 heap space reached (sampled every 50 ms), plus
// the largest RSS and external memory seen: where the peak RSS went.
const spaces = {};
const sampler = process.env.BENCH_SPACES
  ? setInterval(() => {
      for (const s of v8.getHeapSpaceStatistics())
        spaces[s.space_name] = Math.max(spaces[s.space_name] ?? 0, s.space_size / 2 ** 20);
      const m = process.memoryUsage();
      spaces.rss = Math.max(spaces.rss ?? 0, m.rss / 2 ** 20);
      spaces.external = Math.max(spaces.external ?? 0, m.external / 2 ** 20);
      spaces.arrayBuffers = Math.max(spaces.arrayBuffers ?? 0, m.arrayBuffers / 2 ** 20);
      spaces.heapUsed = Math.max(spaces.heapUsed ?? 0, m.heapUsed / 2 ** 20);
    }, 50)
  : null;
// Also the time spent in garbage collection (every GC's pause, scavenges and full collections), to
// weigh a smaller heap against the collections it costs.
const gc = { ms: 0, scavenges: 0, full: 0 };
const gcObserver = process.env.BENCH_SPACES
  ? new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gc.ms += e.duration;
        if (e.detail?.kind === 1) gc.scavenges++;
        else if (e.detail?.kind === 4) gc.full++;
      }
    })
  : null;
gcObserver?.observe({ entryTypes: ["gc"] });
// With BENCH_ALLOC=<file>, a sampling allocation profile of the whole run, garbage included (what
// --heap-prof leaves out): which functions allocate the bytes that make V8 grow its young generation.
let session = null;
if (process.env.BENCH_ALLOC) {
  const { Session } = await import("node:inspector/promises");
  session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 16384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}
// With BENCH_SNAPSHOT_AT=<seconds> (and BENCH_SNAPSHOT=<file>): a heap snapshot that many seconds
// into the run, written to <file>.mid, to see what the calls in flight hold while a scavenge runs.
const midSnapshot =
  process.env.BENCH_SNAPSHOT && process.env.BENCH_SNAPSHOT_AT
    ? setTimeout(
        () => v8.writeHeapSnapshot(`${process.env.BENCH_SNAPSHOT}.mid`),
        Number(process.env.BENCH_SNAPSHOT_AT) * 1000,
      )
    : null;
const started = process.hrtime.bigint();
const startedAt = Date.now();
// A few runs at a time, as a scheduler would call a one-profile action; their results are summed.
const results = [];
let next = 0;
const worker = async () => {
  while (next < runs.length) results.push(await action.run(runs[next++], runOptions));
};
await Promise.all(Array.from({ length: Math.min(4, runs.length) }, worker));
const worst = ["fatal", "success_with_failures", "success"].find((s) => results.some((r) => r.status === s));
const sum = (f) => results.reduce((a, r) => a + (f(r) ?? 0), 0);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const endedAt = Date.now();
if (sampler) clearInterval(sampler);
if (midSnapshot) clearTimeout(midSnapshot);
gcObserver?.disconnect();
if (session) {
  const { profile } = await session.post("HeapProfiler.stopSampling");
  (await import("node:fs")).writeFileSync(process.env.BENCH_ALLOC, JSON.stringify(profile));
}
// With --node-flags=--expose-gc: what the process still holds once garbage is collected.
globalThis.gc?.();
const heapAfterGcMB = globalThis.gc ? process.memoryUsage().heapUsed / 2 ** 20 : null;
// With BENCH_SNAPSHOT=<file>: a heap snapshot of what the process still holds after the run
// (`node bench/heap-top.mjs <file>` sums it by constructor), to find what a long run keeps.
if (process.env.BENCH_SNAPSHOT) v8.writeHeapSnapshot(process.env.BENCH_SNAPSHOT);
console.log(
  JSON.stringify({
    heapAfterGcMB,
    status: worst,
    reason: results.find((r) => r.status === worst)?.reason,
    read: sum((r) => r.events.read_success),
    written: sum((r) => r.written),
    deadLettered: sum((r) => r.dead_letter.count),
    seconds,
    // Epoch ms, to set against the fakes' first and last vendor request (time before and after reads).
    startedAt,
    endedAt,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    peakInFlight: Math.max(...results.map((r) => r.peak_in_flight ?? 0)),
    ...(sampler
      ? {
          spacesMB: Object.fromEntries(Object.entries(spaces).map(([k, v]) => [k, +v.toFixed(1)])),
          gc: { ...gc, ms: Math.round(gc.ms), share: +(gc.ms / 1000 / seconds).toFixed(3) },
        }
      : {}),
  }),
);
