/**
 * V8 settings the CLI runs with (`run`, `serve`, `worker`: every long-lived process of ours starts
 * here), so a sync's peak stays flat as runs grow (bench/README.md, "flags"). V8 sizes its young
 * generation from the machine's memory (up to 64 MB per semi-space on a large host) and grows it
 * under a steady allocation rate, which a long sync is; capping a semi-space at 4 MB costs more
 * scavenges (about 5% of the run's time in GC instead of 1 to 3%), each one short. With the young
 * generation capped, what scavenges promote waits in the old generation for a full collection,
 * which V8 starts only once the old generation has grown by a factor of up to 4 over what was live
 * after the last one; 20% keeps that garbage near what is live (about 20 MB). Measured on a
 * Workable sync, 20 ms per answer: 111 MB at 1,000 and 10,000 jobs (V8's defaults: 120 and 167);
 * 2 MB semi-spaces saved a few MB more at 8% of the time in GC, 1 MB at 15%.
 * `HRFLOW_CONNECTORS_NODE_FLAGS` replaces these flags ("" runs with V8's defaults).
 */
export const DEFAULT_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4", "--heap-growing-percent=20"];

/**
 * Set in the environment of the program `execve` starts, and removed by it on arrival: whatever
 * Node reports of its own flags, the CLI replaces itself at most once.
 */
export const NODE_FLAGS_APPLIED = "HRFLOW_CONNECTORS_NODE_FLAGS_APPLIED";

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

// V8 reads `--max_semi_space_size` and `--max-semi-space-size` as one flag.
const flagName = (option: string) => (option.split("=")[0] ?? option).replaceAll("_", "-");

/** The flags the CLI wants: `HRFLOW_CONNECTORS_NODE_FLAGS` when set, else DEFAULT_NODE_FLAGS. */
export function wantedNodeFlags(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  const own = env.HRFLOW_CONNECTORS_NODE_FLAGS;
  return own !== undefined ? own.split(" ").filter(Boolean) : DEFAULT_NODE_FLAGS;
}

/** The flags wanted and not in force yet (given on the command line or in NODE_OPTIONS). */
export function missingNodeFlags(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
): string[] {
  const own = [...execArgv, ...(env.NODE_OPTIONS ?? "").split(" ")].map(flagName);
  return wantedNodeFlags(env).filter((f) => !own.includes(flagName(f)));
}

/**
 * Puts the flags in force by replacing this process's program with Node under them
 * (`process.execve`, Node 22.15+ on POSIX): the same process, same pid, so whatever the operator's
 * supervisor sends it (SIGKILL included) reaches the run itself. A size flag set at run time
 * (`v8.setFlagsFromString`) is read too late to size the heap, and a child process would outlive
 * a SIGKILL of its parent. Where execve is missing (Node 20, Windows) the CLI runs under V8's
 * defaults; `NODE_OPTIONS=--max-semi-space-size=4` gives the first flag there (Node refuses the
 * second in NODE_OPTIONS: it goes on the command line, `node --heap-growing-percent=20 ...`).
 * Returns only when the process was not replaced.
 */
export function applyNodeFlags(env: NodeJS.ProcessEnv = process.env): void {
  if (env[NODE_FLAGS_APPLIED] !== undefined) {
    // Already replaced once: not again, and no child of ours inherits the mark.
    delete env[NODE_FLAGS_APPLIED];
    return;
  }
  const missing = missingNodeFlags(env);
  const execve = (process as { execve?: Execve }).execve;
  if (missing.length === 0 || typeof execve !== "function" || process.platform === "win32") return;
  try {
    execve(process.execPath, [process.execPath, ...process.execArgv, ...missing, ...process.argv.slice(1)], {
      ...env,
      [NODE_FLAGS_APPLIED]: "1",
    });
  } catch {
    // Not replaced (e.g. a sandbox refusing exec): the run goes on under V8's defaults.
  }
}
