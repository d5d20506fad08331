// Baseline for bench/engine.mjs: the same lazy read and the same format in a bare for-await loop,
// with no engine. It shows how much of the memory growth V8 itself adds on long runs.
// Usage: node bench/bare-run.mjs <items>; prints one JSON line.
const total = Number(process.argv[2] ?? 1000);
async function* read() {
  for (let i = 0; i < total; i++) {
    yield {
      id: i,
      title: `Job ${i}`,
      description: "Senior engineer, remote friendly, Paris office",
      tags: ["a", "b"],
    };
  }
}
let batch = [];
let written = 0;
const started = process.hrtime.bigint();
for await (const item of read()) {
  if (item.id % 10 === 9) continue;
  batch.push({
    reference: String(item.id),
    name: item.title.toUpperCase(),
    summary: item.description,
    tags: item.tags.map((t) => ({ name: t, value: t })),
  });
  if (batch.length >= 100) {
    await Promise.resolve();
    written += batch.length;
    batch = [];
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    items: total,
    written: written + batch.length,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
