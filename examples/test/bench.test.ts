// Every bench script, run at a tiny size so that none of them can rot unnoticed (one failed on
// main for weeks). They run the built packages, as `npm run bench*` does, so they need the build
// `npm test` makes first. Nothing here asserts a timing: only that each exits 0 and prints its figures.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const exec = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "bench-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a bench script with the test's own Node (the repo's 24); its stdout. */
async function bench(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await exec(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    maxBuffer: 16 << 20,
  });
  return stdout;
}

/** The rows of bench/sync.mjs's table: connector, action, items, status, written. */
const syncRows = (out: string) =>
  out
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/))
    .map(([connector, action, items, status, written]) => ({
      connector,
      action,
      items: Number(items),
      status,
      written: Number(written),
    }));

describe("bench scripts at a tiny size", () => {
  it("bench/engine.mjs (npm run bench) prints a row per size and V8 configuration", async () => {
    const out = await bench(["bench/engine.mjs"], { BENCH_SIZES: "300" });
    expect(out).toContain("default V8 flags");
    expect(out.match(/^\s+300\s/gm)).toHaveLength(2);
  }, 120_000);

  it("bench/sync.mjs --check finds a row for every action the connector packages declare", async () => {
    // Discovered from packages/*/package.json (hrflowConnector.export), not from the bench's list:
    // a new action without a row makes --check exit 1, which fails this test.
    const out = await bench(["bench/sync.mjs", "--check"]);
    const listed = (await bench(["bench/sync.mjs", "--list"])).trim().split("\n");
    expect(out).not.toMatch(/no bench row|no package declares/);
    const [, declared, connectors] = out.match(/^(\d+) actions declared by (\d+) connector packages/m) ?? [];
    expect(Number(declared)).toBe(listed.length);
    expect(new Set(listed.map((l) => l.split(" ")[0])).size).toBe(Number(connectors));
  }, 60_000);

  it("bench/sync.mjs --markdown prints the README's table rows", async () => {
    const out = await bench([
      "bench/sync.mjs",
      "--sizes",
      "3",
      "--connectors",
      "lever",
      "--actions",
      "pull_job_list,push_profile",
      "--latency",
      "0",
      "--markdown",
    ]);
    expect(out).toMatch(/^\| connector \| action \| items \| seconds \| items\/s \|.*\| ceiling\/run \|$/m);
    expect(out).toMatch(
      /^\| lever \| pull_job_list \| 3 \| [\d.]+ \| \d+ \| [\d.]+ \| [\d.]+ \| \d+ \| \d+ \| - \|$/m,
    );
    expect(out).toMatch(/^\| lever \| push_profile \(3 runs\) \| 3 \| /m);
    expect(out).toMatch(/load average [\d.]+ [\d.]+ [\d.]+/);
  }, 60_000);

  it("bench/sync.mjs --node-flags=cli runs the connector under the CLI's own flags and records GC time", async () => {
    // The built module the bench reads, as the CLI's bin does.
    const cliFlags = join(root, "packages/cli/dist/v8-flags.js");
    const { DEFAULT_NODE_FLAGS } = (await import(cliFlags)) as { DEFAULT_NODE_FLAGS: string[] };
    const json = join(scratch, "cli-flags.jsonl");
    const out = await bench(["bench/sync.mjs", "--sizes", "3", "--latency", "0", "--node-flags=cli"], {
      BENCH_SPACES: "1",
      BENCH_JSON: json,
    });
    expect(out.split("\n")[0]).toContain(`connector flags: ${DEFAULT_NODE_FLAGS.join(" ")};`);
    const [r] = readFileSync(json, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(r).toMatchObject({ status: "success", written: 3, gc: { share: expect.any(Number) } });
  }, 60_000);

  it("bench/sync.mjs runs every action of every connector and counts its requests", async () => {
    const out = await bench([
      "bench/sync.mjs",
      "--sizes",
      "4",
      "--connectors",
      "all",
      "--actions",
      "all",
      "--latency",
      "0",
    ]);
    const rows = syncRows(out);
    const listed = (await bench(["bench/sync.mjs", "--list"])).trim().split("\n");
    expect(listed.length).toBeGreaterThanOrEqual(78);
    expect(rows.map((r) => `${r.connector} ${r.action}`)).toEqual(
      listed.map((l) => l.split(" ").slice(0, 2).join(" ")),
    );
    for (const r of rows) {
      expect(r, `${r.connector} ${r.action}`).toMatchObject({ items: 4, status: "success" });
    }
    // Every item moved was written somewhere: no row ran without writing.
    expect(rows.every((r) => r.written > 0)).toBe(true);
  }, 300_000);

  it("bench/sync.mjs with HrFlow's ceiling enforced measures its share", async () => {
    const out = await bench([
      "bench/sync.mjs",
      "--sizes",
      "60",
      "--actions",
      "create_jobs_in_hrflow",
      "--hrflow-limit",
      "20/1000",
      "--latency",
      "0",
    ]);
    const [row] = syncRows(out);
    expect(row).toMatchObject({ action: "create_jobs_in_hrflow", items: 60, status: "success", written: 60 });
    // The ceiling's share is printed (a 429 or two at a window's edge are retried, not counted here).
    expect(out.split("\n")[2]).toMatch(/\s\d+\s+[\d.]+\s+[\d.]+%\s+[\d.]+%$/);
  }, 120_000);

  it("bench/floor.mjs reports the memory of a process with modules loaded", async () => {
    const out = await bench(["bench/floor.mjs", "@hrflow-connectors/core"]);
    expect(out).toMatch(/^\(bare node\)\s+[\d.]+/m);
    expect(out).toMatch(/^\+ @hrflow-connectors\/core\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+$/m);
    expect(out).toMatch(/files\s+\d+ KB {2}zod$/m);
  }, 60_000);

  it("bench/keepalive.mjs reuses connections", async () => {
    const out = JSON.parse(await bench(["bench/keepalive.mjs"]));
    expect(out).toMatchObject({ requests: 300, sequentialConnections: 1 });
  }, 60_000);

  it("BENCH_ALLOC writes an allocation profile that bench/alloc-top.mjs sums", async () => {
    const file = join(scratch, "alloc.json");
    await bench(["bench/sync.mjs", "--sizes", "20", "--latency", "0"], { BENCH_ALLOC: file });
    const out = await bench(["bench/alloc-top.mjs", file, "5"]);
    expect(out).toMatch(/sampled allocations:\s+[\d.]+ MB/);
    expect(out).toContain("by package:");
  }, 120_000);

  it("bench/cluster.mjs (npm run bench:cluster) runs its workloads on a real Redis", async () => {
    const out = await bench(["bench/cluster.mjs"], { BENCH_QUICK: "1" });
    expect(out).toMatch(/^\| small \| 1 \| 2 \| 6 \|/m);
    expect(out).toMatch(/^\| big \| 1 \| 1 \| 20 \|/m);
  }, 180_000);
});
