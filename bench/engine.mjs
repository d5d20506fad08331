// Engine throughput and memory: items/s through logics, format and batched writes with in-memory
// warehouses, and memory, at growing sizes. Each size runs in a fresh Node process.
//
// Two V8 configurations are shown. With default flags V8 grows its young generation as the
// allocation rate stays high, so RSS plateaus higher on long runs whatever the program holds;
// a capped young generation (--max-semi-space-size=2) shows the engine's own footprint.
// "heap after GC" is what the engine still holds at the end: flat means nothing accumulates.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000,1000000").split(",").map(Number);
const script = fileURLToPath(new URL("./engine-run.mjs", import.meta.url));
const bare = fileURLToPath(new URL("./bare-run.mjs", import.meta.url));
const configs = [
  { label: "default V8 flags", flags: [] },
  { label: "--max-semi-space-size=2", flags: ["--max-semi-space-size=2"] },
];
const pad = (s, n) => String(s).padStart(n);

console.log(
  `node ${process.version}; batch 100, concurrency 2; logics drop 10% of items; format builds a new object`,
);
for (const { label, flags } of configs) {
  const rows = sizes.map((n) =>
    JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", ...flags, script, String(n)], { encoding: "utf8" }),
    ),
  );
  console.log(`\n${label}`);
  console.log(
    `${pad("items", 9)} ${pad("seconds", 8)} ${pad("items/s", 10)} ${pad("peak heap MB", 13)} ${pad("heap after GC MB", 17)} ${pad("max RSS MB", 11)} ${pad("in flight", 10)}`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.items, 9)} ${pad(r.seconds.toFixed(2), 8)} ${pad(Math.round(r.itemsPerSecond), 10)} ${pad(r.peakHeapMB.toFixed(1), 13)} ${pad(r.heapAfterGcMB.toFixed(1), 17)} ${pad(r.maxRssMB.toFixed(1), 11)} ${pad(r.peakInFlight, 10)}`,
    );
  }
  const at = (n) => rows.find((r) => r.items === n);
  if (at(10000) && at(1000000)) {
    const rss = at(1000000).maxRssMB / at(10000).maxRssMB;
    const heap = at(1000000).heapAfterGcMB / at(10000).heapAfterGcMB;
    console.log(`1M / 10k: max RSS x${rss.toFixed(2)}, heap after GC x${heap.toFixed(2)} (target <= 1.5)`);
  }
  // The same read and format in a bare loop, without the engine: V8's own share of the growth.
  const base = [10000, 1000000].filter((n) => sizes.includes(n));
  if (base.length === 2) {
    const [small, large] = base.map((n) =>
      JSON.parse(execFileSync(process.execPath, [...flags, bare, String(n)], { encoding: "utf8" })),
    );
    console.log(
      `baseline without the engine (bare for-await loop): max RSS ${small.maxRssMB.toFixed(1)} MB at 10k, ${large.maxRssMB.toFixed(1)} MB at 1M, x${(large.maxRssMB / small.maxRssMB).toFixed(2)}`,
    );
  }
}
