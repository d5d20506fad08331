// Sync benchmark: each connector's main read-and-write action against its fakes, at growing sizes.
// The fakes run in one child process, the connector in another (so its peak RSS is its own);
// this process only orchestrates and prints. Not part of CI: `npm run bench:sync -- --help`.
import { execFile, fork } from "node:child_process";
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { CONNECTORS } from "./sync/connectors.mjs";

const HELP = `npm run bench:sync -- [options]
  --sizes 1000,10000,100000     items per run (default 1000,10000)
  --connectors workable,lever   connectors to run (default workable; all: ${Object.keys(CONNECTORS).join(",")})
  --latency 20                  ms added by the fakes to every answer (default 20)
  --limit none|vendor|R/MS      the vendor's rate limit, on the fake and the client (default none):
                                vendor = the published one, 10/1000 = 10 requests per 1000 ms
  --node-flags="..."            V8/Node flags for the connector process (default none)`;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    connectors: { type: "string", default: "workable" },
    latency: { type: "string", default: "20" },
    limit: { type: "string", default: "none" },
    "node-flags": { type: "string", default: "" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const sizes = values.sizes.split(",").map(Number);
const latencyMs = Number(values.latency);
const nodeFlags = values["node-flags"].split(" ").filter(Boolean);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const run = promisify(execFile);
// "No limit" still needs a number for the client: one far above what loopback can serve.
const UNLIMITED = { requests: 1_000_000, perMs: 1000 };

function limitOf(spec, connector) {
  if (spec === "none") return null;
  if (spec === "vendor") return CONNECTORS[connector].vendorLimit;
  const [requests, perMs] = spec.split("/").map(Number);
  return { requests, perMs };
}

/** Asks the fakes process something and waits for its answer of the given type. */
function ask(child, message, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      resolve(m);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`fakes process exited (${code})`)));
    child.send(message);
  });
}

async function measure(connector, items) {
  const spec = CONNECTORS[connector];
  const limit = limitOf(values.limit, connector);
  const fakes = fork(here("./sync/fakes.mjs"), { stdio: "inherit" });
  try {
    const ready = await ask(fakes, { type: "start", connector, items, latencyMs, limit }, "ready");
    // The client keeps the vendor's window when one is set; HrFlow's own ceiling is self-imposed
    // (it publishes none), so it is lifted here: the vendor is what the bench puts to the test.
    const http = {
      rateLimits: { [spec.vendor]: limit ?? UNLIMITED, hrflow: UNLIMITED, lever_auth: UNLIMITED },
    };
    const config = { connector, action: spec.action, baseUrls: ready.baseUrls, options: ready.options, http };
    const { stdout } = await run(
      process.execPath,
      [...nodeFlags, here("./sync/run.mjs"), JSON.stringify(config)],
      {
        maxBuffer: 1 << 20,
      },
    );
    const out = JSON.parse(stdout.trim().split("\n").at(-1));
    const { counts } = await ask(fakes, { type: "counts" }, "counts");
    return { connector, action: spec.action, items, limit, ...out, ...counts };
  } finally {
    fakes.send({ type: "stop" });
  }
}

/**
 * The share of the window's ceiling used: the least time the window allows for the vendor requests
 * made (the first window's worth is free, each later one costs perMs / requests), over the time
 * they took: the whole run (`run`), or from the first vendor request to the last (`reads`).
 */
function ceilingShare(r, over) {
  if (!r.limit || r.vendor <= r.limit.requests) return null;
  const fastest = ((r.vendor - r.limit.requests) * r.limit.perMs) / r.limit.requests;
  return fastest / (over === "run" ? r.seconds * 1000 : r.lastVendorAt - r.firstVendorAt);
}
const percent = (x) => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);

const pad = (s, n) => String(s).padStart(n);
const cols = [
  ["connector", 17, (r) => r.connector],
  ["action", 21, (r) => r.action],
  ["items", 7, (r) => r.items],
  ["status", 22, (r) => r.status],
  ["written", 8, (r) => r.written],
  ["seconds", 8, (r) => r.seconds.toFixed(2)],
  ["items/s", 8, (r) => Math.round(r.items / r.seconds)],
  ["vendor req/item", 16, (r) => (r.vendor / r.items).toFixed(3)],
  ["hrflow req/item", 16, (r) => (r.hrflow / r.items).toFixed(3)],
  ["429s", 5, (r) => r.vendor429 + r.hrflow429],
  ["peak RSS MB", 12, (r) => r.maxRssMB.toFixed(1)],
  ["ceiling/run", 12, (r) => percent(ceilingShare(r, "run"))],
  ["ceiling/reads", 14, (r) => percent(ceilingShare(r, "reads"))],
];
console.log(
  `node ${process.version}; latency ${latencyMs} ms per request; vendor limit ${values.limit}; connector flags: ${nodeFlags.join(" ") || "(none)"}`,
);
console.log(cols.map(([h, n]) => pad(h, n)).join(" "));
for (const connector of values.connectors.split(",")) {
  if (!CONNECTORS[connector]) throw new Error(`unknown connector ${connector}`);
  for (const items of sizes) {
    const r = await measure(connector, items);
    console.log(cols.map(([, n, f]) => pad(f(r), n)).join(" "));
    // BENCH_JSON=<file> appends every measurement as a JSON line, for the README's tables.
    if (process.env.BENCH_JSON) appendFileSync(process.env.BENCH_JSON, `${JSON.stringify(r)}\n`);
  }
}
