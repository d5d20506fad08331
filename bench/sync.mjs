// Sync benchmark: every connector action against its fakes, at growing sizes. The fakes run in one
// child process, the connector in another (so its peak RSS is its own); this process only
// orchestrates and prints. `npm run bench:sync -- --help`; a tiny run of it is part of the tests.
import { execFile, fork } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { BENCHES } from "./sync/connectors.mjs";

const CONNECTORS = [...new Set(BENCHES.map((b) => b.connector))];
const HELP = `npm run bench:sync -- [options]
  --sizes 1000,10000,100000     items per run (default 1000,10000); for the write actions (one
                                HrFlow profile per run) the number of runs, at most --max-runs
  --connectors workable,lever   connectors to run (default workable; all: ${CONNECTORS.join(",")})
  --actions a,b|read|write|all  actions to run (default update_jobs_in_hrflow for workable, pull_job_list
                                otherwise; read = every vendor-to-HrFlow action, write = every push)
  --latency 20                  ms added by the fakes to every answer (default 20)
  --limit none|vendor|R/MS      the vendor's rate limit, on the fake and the client (default none):
                                vendor = the published one, 10/1000 = 10 requests per 1000 ms
  --hrflow-limit none|client|R/MS  HrFlow's ceiling, on the fake and the client (default none):
                                client = the client's own 50 per second (HrFlow publishes none)
  --max-runs 1000               runs at most per write action (default 1000)
  --node-flags="..."            V8/Node flags for the connector process (default none)
  --list                        prints every action the bench knows ("connector action direction")`;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    connectors: { type: "string", default: "workable" },
    actions: { type: "string", default: "main" },
    latency: { type: "string", default: "20" },
    limit: { type: "string", default: "none" },
    "hrflow-limit": { type: "string", default: "none" },
    "max-runs": { type: "string", default: "1000" },
    "node-flags": { type: "string", default: "" },
    help: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (values.list) {
  for (const b of BENCHES) console.log(`${b.connector} ${b.action} ${b.direction}`);
  process.exit(0);
}
const sizes = values.sizes.split(",").map(Number);
const latencyMs = Number(values.latency);
const nodeFlags = values["node-flags"].split(" ").filter(Boolean);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const run = promisify(execFile);
// "No limit" still needs a number for the client: one far above what loopback can serve.
const UNLIMITED = { requests: 1_000_000, perMs: 1000 };
// The HrFlow client's own ceiling (HRFLOW_RATE_LIMIT in packages/hrflow/src/client.ts).
const HRFLOW_CLIENT_LIMIT = { requests: 50, perMs: 1000 };
const maxRuns = Number(values["max-runs"]);

function limitOf(spec, published) {
  if (spec === "none") return null;
  if (spec === "vendor" || spec === "client") return published;
  const [requests, perMs] = spec.split("/").map(Number);
  return { requests, perMs };
}

/** The benches chosen by --connectors and --actions, in the registry's order. */
function chosen() {
  const connectors = values.connectors === "all" ? CONNECTORS : values.connectors.split(",");
  for (const c of connectors) if (!CONNECTORS.includes(c)) throw new Error(`unknown connector ${c}`);
  const names = values.actions.split(",");
  return BENCHES.filter((b) => {
    if (!connectors.includes(b.connector)) return false;
    if (values.actions === "all") return true;
    if (values.actions === "main")
      return b.action === (b.connector === "workable" ? "update_jobs_in_hrflow" : "pull_job_list");
    if (values.actions === "read" || values.actions === "write") return b.direction === values.actions;
    return names.includes(b.action);
  });
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

async function measure(spec, size) {
  const { connector, action } = spec;
  const items = spec.direction === "write" ? Math.min(size, maxRuns) : size;
  const limit = limitOf(values.limit, spec.vendorLimit);
  const hrflowLimit = limitOf(values["hrflow-limit"], HRFLOW_CLIENT_LIMIT);
  const fakes = fork(here("./sync/fakes.mjs"), { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "bench-sync-"));
  try {
    const start = { type: "start", connector, action, items, latencyMs, limit, hrflowLimit };
    const ready = await ask(fakes, start, "ready");
    // The client keeps each window that is set; unset ones are lifted, so that the side put to
    // the test (the vendor's, or HrFlow's with --hrflow-limit) is the only one that paces the run.
    const http = {
      rateLimits: {
        [spec.vendor]: limit ?? UNLIMITED,
        hrflow: hrflowLimit ?? UNLIMITED,
        lever_auth: UNLIMITED,
      },
    };
    const { baseUrls, options, runs } = ready;
    // A file, not an argument: a thousand runs' options exceed what one argument may hold.
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify({ connector, action, baseUrls, options, runs, http }));
    const { stdout } = await run(process.execPath, [...nodeFlags, here("./sync/run.mjs"), file], {
      maxBuffer: 1 << 20,
    });
    const out = JSON.parse(stdout.trim().split("\n").at(-1));
    const { counts } = await ask(fakes, { type: "counts" }, "counts");
    return { connector, action, direction: spec.direction, items, limit, hrflowLimit, ...out, ...counts };
  } finally {
    fakes.send({ type: "stop" });
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The share of the window's ceiling used: the least time the window allows for the vendor requests
 * made (the first window's worth is free, each later one costs perMs / requests), over the time
 * they took: the whole run (`run`), or from the first vendor request to the last (`reads`).
 */
function ceilingShare(r, over) {
  // The side whose ceiling is set: the vendor's, else HrFlow's.
  const [limit, made, first, last] = r.limit
    ? [r.limit, r.vendor, r.firstVendorAt, r.lastVendorAt]
    : [r.hrflowLimit, r.hrflow, r.firstHrflowAt, r.lastHrflowAt];
  if (!limit || made <= limit.requests) return null;
  const fastest = ((made - limit.requests) * limit.perMs) / limit.requests;
  return fastest / (over === "run" ? r.seconds * 1000 : last - first);
}
const percent = (x) => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);

const pad = (s, n) => String(s).padStart(n);
const cols = [
  ["connector", 17, (r) => r.connector],
  ["action", 27, (r) => r.action],
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
  `node ${process.version}; latency ${latencyMs} ms per request; vendor limit ${values.limit}; hrflow limit ${values["hrflow-limit"]}; connector flags: ${nodeFlags.join(" ") || "(none)"}`,
);
console.log(cols.map(([h, n]) => pad(h, n)).join(" "));
for (const spec of chosen()) {
  for (const size of sizes) {
    const r = await measure(spec, size);
    console.log(cols.map(([, n, f]) => pad(f(r), n)).join(" "));
    // BENCH_JSON=<file> appends every measurement as a JSON line, for the README's tables.
    if (process.env.BENCH_JSON) appendFileSync(process.env.BENCH_JSON, `${JSON.stringify(r)}\n`);
  }
}
