import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = resolve(CLI_DIR, "../..");
export const BIN = join(CLI_DIR, "dist/bin.js");

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The tests spawn the built binary, which loads its siblings' `dist`: build every package whose
 * `dist` is missing or older than its sources (the root `npm test` has normally built them all).
 */
export function ensureBuilt(packages = ["core", "hrflow", "workable", "cli"]): void {
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  for (const name of packages) {
    const dir = join(ROOT, "packages", name);
    if (!existsSync(join(dir, "src"))) continue;
    const dist = join(dir, "dist");
    if (existsSync(dist) && newest(dist) >= newest(join(dir, "src"))) continue;
    const res = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.build.json")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (res.status !== 0) throw new Error(`building packages/${name} failed:\n${res.stdout}${res.stderr}`);
  }
}

/** Building up to four packages on a cold checkout takes a while; only the first hook pays for it. */
export const BUILD_TIMEOUT = 180_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/bin.js ...args` with the test's own Node (24) and collects its output. */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const cli = startCli(args, opts);
  const code = await new Promise<number | null>((resolvePromise, reject) => {
    cli.child.on("error", reject);
    cli.exited.then(resolvePromise);
  });
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** Where the CLI runs and what it adds to the test's environment (undefined removes a variable). */
export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** A long-running CLI process (serve) with its output so far and its exit. */
export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first JSON log line on stderr that the predicate accepts. */
  waitForLog: (pred: (line: Record<string, any>) => boolean, what: string) => Promise<Record<string, any>>;
}

/** Starts `node dist/bin.js ...args` without waiting for it (serve). */
export function startCli(args: string[], opts: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, HRFLOW_CONNECTORS_LOG_LEVEL: "info", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const waiters: (() => void)[] = [];
  child.stdout!.on("data", (d) => {
    out += d;
  });
  child.stderr!.on("data", (d) => {
    err += d;
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  const waitForLog = (pred: (line: Record<string, any>) => boolean, what: string) =>
    new Promise<Record<string, any>>((resolvePromise, reject) => {
      let done = false;
      const check = () => {
        if (done) return;
        // Only whole lines: a chunk may end in the middle of one.
        const found = logLines(err.slice(0, err.lastIndexOf("\n") + 1)).find(pred);
        if (found) {
          done = true;
          return resolvePromise(found);
        }
        waiters.push(check);
      };
      exited.then((code) => {
        if (!done) reject(new Error(`CLI exited (${code}) before ${what}:\n${err}`));
      });
      check();
    });
  return { child, stdout: () => out, stderr: () => err, exited, waitForLog };
}

/** The JSON log records a CLI run wrote on stderr. */
export function logLines(stderr: string): Record<string, any>[] {
  return stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
}
