/**
 * V8 settings the CLI runs with, so a long sync's peak stays flat as runs grow (bench/README.md,
 * "Memory"). V8 sizes its young generation from the machine's memory (up to 64 MB per semi-space
 * on a large host) and grows it under a steady allocation rate, which a long sync is: capping a
 * semi-space at 8 MB costs a few more scavenges, each one shorter. With the young generation
 * capped, what a scavenge promotes waits in the old generation for a full collection, which V8
 * starts only once the old generation has grown by a factor of up to 4 over what was live after
 * the last one; 20% keeps that garbage near what is live (about 20 MB). Measured on a Workable
 * sync: 121, then 118 MB at 10,000 jobs; 167, then 118 MB at 100,000; throughput within noise.
 * `HRFLOW_CONNECTORS_NODE_FLAGS` replaces these flags ("" runs with V8's defaults).
 */
export const DEFAULT_NODE_FLAGS = ["--max-semi-space-size=8", "--heap-growing-percent=20"];

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

/** The flags wanted and not in force yet (given on the command line or in NODE_OPTIONS). */
export function missingNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const wanted =
    env.HRFLOW_CONNECTORS_NODE_FLAGS !== undefined
      ? env.HRFLOW_CONNECTORS_NODE_FLAGS.split(" ").filter(Boolean)
      : DEFAULT_NODE_FLAGS;
  const own = [...process.execArgv, ...(env.NODE_OPTIONS ?? "").split(" ")].map((o) => o.split("=")[0]);
  return wanted.filter((f) => !own.includes(f.split("=")[0]));
}

/**
 * Puts the flags in force by replacing this process's program with Node under them
 * (`process.execve`, Node 22.15+ on POSIX): the same process, same pid, so whatever the operator's
 * supervisor sends it (SIGKILL included) reaches the run itself. A size flag set at run time
 * (`v8.setFlagsFromString`) is read too late to size the heap, and a child process would outlive
 * a SIGKILL of its parent. Where execve is missing (Node 20, Windows) the CLI runs under V8's
 * defaults; `NODE_OPTIONS=--max-semi-space-size=8` gives the first flag there (Node refuses the
 * second in NODE_OPTIONS: it goes on the command line, `node --heap-growing-percent=20 ...`). Returns only when the
 * process was not replaced.
 */
export function applyNodeFlags(env: NodeJS.ProcessEnv = process.env): void {
  const missing = missingNodeFlags(env);
  const execve = (process as { execve?: Execve }).execve;
  if (missing.length === 0 || typeof execve !== "function" || process.platform === "win32") return;
  try {
    execve(
      process.execPath,
      [process.execPath, ...process.execArgv, ...missing, ...process.argv.slice(1)],
      env,
    );
  } catch {
    // Not replaced (e.g. a sandbox refusing exec): the run goes on under V8's defaults.
  }
}
