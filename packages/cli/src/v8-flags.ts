import { spawn } from "node:child_process";
import { constants } from "node:os";

/**
 * V8 settings the CLI runs with. V8 sizes its young generation from the machine's memory (up to
 * 64 MB per semi-space on a large host) and grows it under a steady allocation rate, which a long
 * sync is: at 10,000 jobs that young generation alone was 128 MB of a 270 MB peak RSS, while the
 * heap after a full GC stayed under 40 MB (bench/README.md, "Memory"). Capping a semi-space at
 * 8 MB costs a few more scavenges (each one shorter) and keeps the peak flat as runs grow.
 * `HRFLOW_CONNECTORS_NODE_FLAGS` replaces these flags ("" runs with V8's defaults).
 */
export const DEFAULT_NODE_FLAGS = ["--max-semi-space-size=8"];

const MARK = "HRFLOW_CONNECTORS_V8_SET";

/**
 * Starts the CLI again under the flags when they are not in force yet and resolves with its exit
 * code; resolves null when this process already runs with them (or the user set their own).
 */
export function relaunchWithFlags(): Promise<number> | null {
  const env = process.env;
  const flags =
    env.HRFLOW_CONNECTORS_NODE_FLAGS !== undefined
      ? env.HRFLOW_CONNECTORS_NODE_FLAGS.split(" ").filter(Boolean)
      : DEFAULT_NODE_FLAGS;
  const own = [...process.execArgv, ...(env.NODE_OPTIONS ?? "").split(" ")];
  const missing = flags.filter((f) => !own.some((o) => o.split("=")[0] === f.split("=")[0]));
  if (env[MARK] || missing.length === 0) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...missing, ...process.argv.slice(1)], {
    stdio: "inherit",
    // The child watches whoever started this process (see stopWhenOrphaned), not this relay.
    env: { ...env, [MARK]: "1", HRFLOW_CONNECTORS_LAUNCHER_PARENT: String(process.ppid) },
  });
  // The child does the work: signals sent to this process (Ctrl-C, a supervisor's SIGTERM) go on.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise((resolve) => {
    // A child ended by a signal exits as a shell reports it: 128 + the signal's number.
    child.on("exit", (code, signal) =>
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
    );
    child.on("error", () => resolve(1));
  });
}
