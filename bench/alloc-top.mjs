// Summarises a sampling allocation profile written by `BENCH_ALLOC=<file> npm run bench:sync`:
// the functions that allocated most (self), and the packages they belong to.
// Usage: node bench/alloc-top.mjs <file> [rows]
import { readFileSync } from "node:fs";

const profile = JSON.parse(readFileSync(process.argv[2], "utf8"));
const rows = Number(process.argv[3] ?? 30);
const self = new Map();
const byPackage = new Map();
let total = 0;
const walk = (node) => {
  const bytes = node.selfSize;
  total += bytes;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/packages\//, "packages/");
  const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + bytes);
  const pkg = url.includes("node_modules/")
    ? url
        .replace(/^.*node_modules\//, "")
        .split("/")
        .slice(0, url.includes("/@") ? 2 : 1)
        .join("/")
    : url.includes("/packages/")
      ? `packages/${url.split("/packages/")[1].split("/")[0]}`
      : url.startsWith("node:") || url === ""
        ? `node ${url || "(native)"}`
        : url;
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytes);
  for (const child of node.children) walk(child);
};
walk(profile.head);
const mb = (b) => (b / 2 ** 20).toFixed(1).padStart(8);
console.log(`sampled allocations: ${mb(total)} MB`);
console.log("\nby function (self):");
for (const [k, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${mb(b)} MB ${((b / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
console.log("\nby package:");
for (const [k, b] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`${mb(b)} MB ${((b / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
