import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RunJob } from "../src/index.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** A child process running a fixture from source (tsx + the source condition), as a real deployment would. */
export interface Child {
  child: ChildProcess;
  /** The first stdout line starting with "ready", without the prefix. */
  ready: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

/** Starts a fixture script in its own Node process. */
export function startChild(script: string, env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@hrflow-connectors/source", fixture(script)],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("ready "));
      if (line) resolve(line.slice(6).trim());
    });
    child.stderr!.on("data", (d: Buffer) => {
      out += d;
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before ready:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

/** Polls until `check` returns a value (not undefined/false); fails with `what` after `timeoutMs`. */
export async function until<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 45_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false && v !== null) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A `${NAME}` reference to an environment variable, as a config file spells it. */
export const ref = (name: string) => `\${${name}}`;

/** The user e-mail the fake HrFlow expects by default (not a secret: job data carries it as is). */
export const HRFLOW_USER = "connectors@example.com";

/** The secrets the test workers share with jobs (`WorkerTrust.secrets`). */
export const TEST_SECRETS = ["WORKABLE_TOKEN", "HRFLOW_SECRET"];

/** A flow-style Workable -> HrFlow job config, secrets as references resolved by the workers. */
export function jobsConfig(
  workflowId: string,
  board: string,
  subdomain: string,
  extra: Record<string, unknown> = {},
) {
  return {
    workflow_id: workflowId,
    connector_auth: { api_access_token: { $env: "WORKABLE_TOKEN" }, subdomain },
    hrflow_auth: { api_secret: ref("HRFLOW_SECRET"), api_user: HRFLOW_USER },
    pull_parameters: {},
    push_parameters: { board_key: board },
    http: { retries: 8, retry_base_delay_ms: 50 },
    ...extra,
  } satisfies RunJob["config"];
}
