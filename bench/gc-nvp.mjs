// Sums V8's --trace-gc-nvp lines (`BENCH_STDOUT=<file> node bench/sync.mjs ... --node-flags=--trace-gc-nvp`):
// per scavenge, the bytes that survived it (`new_space_survived`, copied within new space, plus
// `promoted`): V8 doubles its young generation once their sum since the last doubling exceeds its
// capacity, the bytes allocated between two
// scavenges, and the capacity reached.
// Usage: node bench/gc-nvp.mjs <file>
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node bench/gc-nvp.mjs <file>");
  process.exit(2);
}
const field = (line, name) => Number(new RegExp(`\\b${name}=(\\d+)`).exec(line)?.[1] ?? 0);
const scavenges = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => /\bgc=s\b/.test(l))
  .map((l) => ({
    survived: field(l, "new_space_survived") + field(l, "promoted"),
    allocated: field(l, "allocated"),
    capacity: field(l, "new_space_capacity"),
  }));
if (scavenges.length === 0) {
  console.error("no scavenge line (gc=s) in the file: was the run given --trace-gc-nvp?");
  process.exit(1);
}
const mb = (b) => (b / 2 ** 20).toFixed(2);
const total = scavenges.reduce((a, s) => a + s.survived, 0);
// By capacity: the survivors counted towards the next doubling, and the allocation between scavenges.
const byCapacity = new Map();
for (const s of scavenges) {
  const e = byCapacity.get(s.capacity) ?? { n: 0, survived: 0, allocated: 0 };
  e.n++;
  e.survived += s.survived;
  e.allocated += s.allocated;
  byCapacity.set(s.capacity, e);
}
const grown = [];
for (const [i, s] of scavenges.entries())
  if (i === 0 || s.capacity !== scavenges[i - 1].capacity) grown.push(`${mb(s.capacity)} MB at #${i + 1}`);
console.log(
  `${scavenges.length} scavenges, ${mb(total / scavenges.length)} MB survived per scavenge on average ` +
    `(${mb(total)} MB in all); new space capacity: ${grown.join(", ")}`,
);
for (const [capacity, e] of byCapacity)
  console.log(
    `  at ${mb(capacity).padStart(6)} MB: ${String(e.n).padStart(3)} scavenges, ${mb(e.survived / e.n)} MB survived each, ${mb(e.allocated / e.n)} MB allocated before each`,
  );
