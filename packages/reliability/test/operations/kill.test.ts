import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, type CliProcess } from "../../../cli/test/helpers.js";
import { type CliJobsWorld, cliJobsWorld, until } from "./workable-cli.js";

// The process an operator (or systemd, Kubernetes, `timeout -s KILL`, an OOM killer) starts is the
// run: a signal to it ends the run, with no child left writing. The real CLI runs against the fakes.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The started process's own end (not its stdio's: a child holding them would keep those open). */
function exitOf(cli: CliProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => cli.child.once("exit", (code, signal) => resolve({ code, signal })));
}

function dead(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Dead, or a zombie nobody reaps yet (an orphan's reaper in a container may be slow or absent). */
function ended(pid: number): boolean {
  if (dead(pid)) return true;
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? false;
  } catch {
    return true;
  }
}

/** The RunResult JSON the CLI printed last on stdout (`--json`). */
function resultOf(cli: CliProcess): Record<string, any> {
  const out = cli.stdout();
  return JSON.parse(out.slice(out.indexOf("\n{") + 1 || 0));
}

describe("signals to the CLI", () => {
  let world: CliJobsWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("SIGKILL ends every write at once, and a rerun completes with 0 duplicates", {
    timeout: 240_000,
  }, async () => {
    // 400 jobs: the kill lands at 150 (polled every 20 ms by the process serving the fake), so the
    // run is mid-way; the rerun then writes the other ~250, not ~650.
    world = await cliJobsWorld(400, 11);
    const w = world;
    const cli = w.start();
    const exited = exitOf(cli);
    await until(() => w.held().size >= 150, cli, "150 jobs were written");
    cli.child.kill("SIGKILL");
    expect((await exited).signal).toBe("SIGKILL");
    expect(dead(cli.child.pid!)).toBe(true);
    // Requests the process sent before it died may still be in this process's socket buffers.
    await sleep(200);
    const atDeath = w.writes();
    const heldAtDeath = w.held().size;
    expect(heldAtDeath).toBeLessThan(400);
    // Nothing may reach the fake any more: watched for 2 s (the old relaunched child wrote the
    // remaining jobs within that time).
    for (let i = 0; i < 20; i++) {
      await sleep(100);
      expect(w.writes()).toBe(atDeath);
    }
    // The killed run's lease names a dead pid: the rerun takes it over at once.
    expect(existsSync(join(w.home, "state", "ops-jobs.lease"))).toBe(true);
    const again = w.start();
    expect(await again.exited, again.stderr()).toBe(0);
    expect(resultOf(again)).toMatchObject({ status: "success" });
    expect(w.tally()).toEqual({ duplicated: 0, missing: 0 });
  });

  it("SIGINT (Ctrl-C) stops reading, writes what was read, prints the summary and exits 2", {
    timeout: 240_000,
  }, async () => {
    world = await cliJobsWorld(1500, 12);
    const w = world;
    const cli = w.start();
    await until(() => w.held().size >= 150, cli, "150 jobs were written");
    cli.child.kill("SIGINT");
    expect(await cli.exited, cli.stderr()).toBe(2);
    const result = resultOf(cli);
    expect(result).toMatchObject({ status: "fatal", reason: "aborted" });
    // Everything read was written (nothing dead-lettered, nothing left in flight).
    expect(result.written).toBe(result.events.read_success);
    expect(result.dead_letter.count).toBe(0);
    expect(w.held().size).toBe(result.written);
    expect(result.written).toBeLessThan(1500);
    expect(cli.stderr()).toContain("Received SIGINT: reading stops");
  });

  it("SIGTERM stops the same way and prints the summary; a second signal stops at once (130)", {
    timeout: 240_000,
  }, async () => {
    world = await cliJobsWorld(1500, 13);
    const w = world;
    const cli = w.start([], { json: false });
    await until(() => w.held().size >= 150, cli, "150 jobs were written");
    cli.child.kill("SIGTERM");
    expect(await cli.exited, cli.stderr()).toBe(2);
    expect(cli.stdout()).toContain("Workable create_jobs_in_hrflow: fatal (aborted)");
    expect(cli.stdout()).toMatch(/read [\d,]+, written [\d,]+, failed 0/);

    // Writes that never answer: the first signal waits for them, the second does not.
    w.hrflow.fail({ method: "POST", delayMs: 20_000, times: 100_000 });
    const before = w.hrflow.requests.count({ method: "POST" });
    const again = w.start();
    await until(() => w.hrflow.requests.count({ method: "POST" }) > before, again, "a write was sent");
    again.child.kill("SIGINT");
    await until(() => again.stderr().includes("Received SIGINT"), again, "the first signal was seen");
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(130);
  });
  it("started through npm, the run ends when npm is SIGKILLed (a supervisor's kill reaches npm only)", {
    timeout: 240_000,
  }, async () => {
    // 800 jobs here: the run only notices npm's death at its next watch (every 200 ms).
    world = await cliJobsWorld(800, 13);
    const w = world;
    // npm's place: a parent that starts the CLI with npm's environment and is then SIGKILLed.
    const args = ["run", "workable", "create_jobs_in_hrflow", "-c", w.config, "--json"];
    const launcher = spawn(
      process.execPath,
      [
        "-e",
        "const c=require('node:child_process').spawn(process.execPath,process.argv.slice(1),{stdio:['ignore','ignore','inherit']});process.stdout.write(String(c.pid)+'\\n');setInterval(()=>{},1000)",
        BIN,
        ...args,
      ],
      {
        cwd: w.home,
        env: {
          ...process.env,
          npm_command: "exec",
          HRFLOW_CONNECTORS_HOME: w.home,
          HRFLOW_CONNECTORS_LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const pid = await new Promise<number>((resolve) =>
      launcher.stdout!.once("data", (d) => resolve(Number(String(d).trim()))),
    );
    const fakeCli = {
      child: launcher,
      stdout: () => "",
      stderr: () => "",
      exited: new Promise((r) => launcher.on("close", r)),
    } as unknown as CliProcess;
    await until(() => w.held().size >= 150, fakeCli, "150 jobs were written");
    launcher.kill("SIGKILL");
    // The run notices within its watch interval; the assertion is that it ends, not how fast.
    for (let i = 0; i < 600 && !ended(pid); i++) await sleep(50);
    expect(ended(pid)).toBe(true);
    // It ended mid-run: had it finished first, its end would prove nothing.
    expect(w.held().size).toBeLessThan(800);
    await sleep(200);
    const atDeath = w.writes();
    for (let i = 0; i < 20; i++) {
      await sleep(100);
      expect(w.writes()).toBe(atDeath);
    }
    const again = w.start();
    expect(await again.exited, again.stderr()).toBe(0);
    expect(w.tally()).toEqual({ duplicated: 0, missing: 0 });
  });
});
