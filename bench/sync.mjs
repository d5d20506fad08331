// Sync benchmark: every connector action against its fakes, at growing sizes. The fakes run in one
// child process, the connector in another (so its peak RSS is its own); this process only
// orchestrates and prints. `npm run bench:sync -- --help`; a tiny run of it is part of the tests.
import { execFile, fork } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { BENCHES } from "./sync/connectors.mjs";
import { declaredActions } from "./sync/discover.mjs";
import { header, row } from "./sync/table.mjs";

const CONNECTORS = [...new Set(BENCHES.map((b) => b.connector))];
const HELP = `npm run bench:sync -- [options]
  --sizes 1000,10000,100000     items per run (default 1000,10000); for the write actions (one
                                HrFlow profile per run) the number of runs, at most --max-runs
  --connectors workable,lever   connectors to run (default workable; all: ${CONNECTORS.join(",")})
  --actions a,b|read|write|all  actions to run (default update_jobs_in_hrflow for workable, pull_job_list
                                otherwise; read = every vendor-to-HrFlow action, write = every push)
  --latency 20                  ms added by the fakes to every answer (default 20)
  --limit none|vendor|client|R/MS  the vendor's rate limit, on the fake and the client (default
                                none): vendor = the published one (rows of vendors publishing none
                                run without), client = the client's own default pace,
                                10/1000 = 10 requests per 1000 ms
  --hrflow-limit none|client|R/MS  HrFlow's ceiling, on the fake and the client (default none):
                                client = the client's own 50 per second (HrFlow publishes none)
  --stored attached|bare         what the source holds before update and archive runs (default
                                attached): the profiles a prior create left, each with its resume
                                file; bare = indexed without one, so each resume is parsed again
  --max-runs 1000               runs at most per write action (default 1000)
  --node-flags="..."|cli        V8/Node flags for the connector process (default none: V8's
                                defaults); cli = the flags the CLI starts with (its
                                DEFAULT_NODE_FLAGS, read from packages/cli/dist)
  --markdown                    prints the rows as bench/README.md's table (| connector | action | ...)
  --list                        prints every action the bench knows ("connector action direction")
  --check                       fails (exit 1) when a connector package declares an action with no
                                row here, or a row names an action no package declares`;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    connectors: { type: "string", default: "workable" },
    actions: { type: "string", default: "main" },
    latency: { type: "string", default: "20" },
    limit: { type: "string", default: "none" },
    "hrflow-limit": { type: "string", default: "none" },
    "max-runs": { type: "string", default: "1000" },
    stored: { type: "string", default: "attached" },
    "node-flags": { type: "string", default: "" },
    help: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    markdown: { type: "boolean", default: false },
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
if (values.check) {
  // Discovered from the packages, so a new action or connector cannot go unbenched unnoticed.
  const declared = await declaredActions();
  const benched = BENCHES.map((b) => `${b.connector} ${b.action}`);
  const missing = declared.filter((a) => !benched.includes(a));
  const stale = benched.filter((a) => !declared.includes(a));
  for (const a of missing) console.log(`no bench row: ${a}`);
  for (const a of stale) console.log(`bench row for an action no package declares: ${a}`);
  const connectors = new Set(declared.map((a) => a.split(" ")[0])).size;
  console.log(
    `${declared.length} actions declared by ${connectors} connector packages; ${benched.length} bench rows`,
  );
  process.exit(missing.length + stale.length === 0 ? 0 : 1);
}
if (!["attached", "bare"].includes(values.stored)) {
  console.error(`--stored: attached or bare, not ${values.stored}`);
  process.exit(2);
}
const sizes = values.sizes.split(",").map(Number);
const latencyMs = Number(values.latency);
// "cli": the very constant the CLI's execve uses, so "as the CLI runs" cannot drift from it.
const nodeFlags =
  values["node-flags"] === "cli"
    ? [...(await import("../packages/cli/dist/v8-flags.js")).DEFAULT_NODE_FLAGS]
    : values["node-flags"].split(" ").filter(Boolean);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const run = promisify(execFile);
// "No limit" still needs a number for the client: one far above what loopback can serve.
const UNLIMITED = { requests: 1_000_000, perMs: 1000 };
// The HrFlow client's own ceiling (HRFLOW_RATE_LIMIT in packages/hrflow/src/client.ts).
const HRFLOW_CLIENT_LIMIT = { requests: 50, perMs: 1000 };
const maxRuns = Number(values["max-runs"]);

/** The limit `spec` names for a row: none, the published one, the client's own pace, or R/MS. */
function limitOf(spec, published, pace = published) {
  if (spec === "none") return null;
  if (spec === "vendor") return published ?? null;
  if (spec === "client") return pace ?? null;
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
    const onExit = (code) => reject(new Error(`fakes process exited (${code})`));
    const onMessage = (m) => {
      if (m.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(m);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(message);
  });
}

// One fakes process for the whole run: each measurement starts and stops its own fakes in it (a
// process per row doubled the Node start-ups of a run of every action).
const fakes = fork(here("./sync/fakes.mjs"), { stdio: "inherit" });

async function measure(spec, size) {
  const { connector, action } = spec;
  const items = spec.direction === "write" ? Math.min(size, maxRuns) : size;
  const limit = limitOf(values.limit, spec.vendorLimit, spec.pace ?? spec.vendorLimit);
  const hrflowLimit = limitOf(values["hrflow-limit"], HRFLOW_CLIENT_LIMIT);
  const dir = mkdtempSync(join(tmpdir(), "bench-sync-"));
  try {
    const start = {
      type: "start",
      connector,
      action,
      items,
      latencyMs,
      limit,
      hrflowLimit,
      stored: values.stored,
    };
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
      // --trace-gc-nvp prints a line per collection: room for a long run's.
      maxBuffer: 256 << 20,
    });
    // BENCH_STDOUT=<file>: what the connector printed (e.g. --trace-gc-nvp), appended.
    if (process.env.BENCH_STDOUT) appendFileSync(process.env.BENCH_STDOUT, stdout);
    const out = JSON.parse(stdout.trim().split("\n").at(-1));
    const { counts } = await ask(fakes, { type: "counts" }, "counts");
    return { connector, action, direction: spec.direction, items, limit, hrflowLimit, ...out, ...counts };
  } finally {
    await ask(fakes, { type: "stop" }, "stopped");
    rmSync(dir, { recursive: true, force: true });
  }
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
// The first line says under what the figures were taken (with --markdown, as a sentence to keep).
const conditions = `node ${process.version}; latency ${latencyMs} ms per request; vendor limit ${values.limit}; hrflow limit ${values["hrflow-limit"]}; stored profiles ${values.stored}; connector flags: ${nodeFlags.join(" ") || "(none)"}; load average ${load()}`;
console.log(values.markdown ? `${conditions}\n` : conditions);
console.log(header(values.markdown));
for (const spec of chosen()) {
  for (const size of sizes) {
    const r = await measure(spec, size);
    console.log(row(r, values.markdown));
    // BENCH_JSON=<file> appends every measurement as a JSON line, for the README's tables.
    if (process.env.BENCH_JSON) appendFileSync(process.env.BENCH_JSON, `${JSON.stringify(r)}\n`);
  }
}
fakes.disconnect();
if (values.markdown) console.log(`\nload average at the end: ${load()}`);
