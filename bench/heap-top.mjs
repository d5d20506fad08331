// Sums a heap snapshot (`BENCH_SNAPSHOT=<file> node bench/sync.mjs ...`) by constructor: how many
// objects of each kind the process still holds and their own size, largest first.
// Usage: node bench/heap-top.mjs <file.heapsnapshot> [rows]
import { readFileSync } from "node:fs";

const [file, rows = "25"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/heap-top.mjs <file.heapsnapshot> [rows]");
  process.exit(2);
}
const snapshot = JSON.parse(readFileSync(file, "utf8"));
const fields = snapshot.snapshot.meta.node_fields;
const types = snapshot.snapshot.meta.node_types[0];
const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
const by = new Map();
const { nodes, strings } = snapshot;
for (let i = 0; i < nodes.length; i += fields.length) {
  const type = types[nodes[i + typeAt]];
  const name = type === "object" || type === "closure" ? strings[nodes[i + nameAt]] : `(${type})`;
  const entry = by.get(name) ?? { count: 0, bytes: 0 };
  entry.count++;
  entry.bytes += nodes[i + sizeAt];
  by.set(name, entry);
}
const top = [...by.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(rows));
for (const [name, { count, bytes }] of top)
  console.log(
    `${(bytes / 2 ** 20).toFixed(2).padStart(8)} MB ${String(count).padStart(9)}  ${name.slice(0, 80)}`,
  );
