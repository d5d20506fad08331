import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import type { FakeWorkable } from "@hrflow-connectors/workable/testing";
import { type CliProcess, startCli } from "../../../cli/test/helpers.js";

/** The secret the served Workable route checks signatures with. */
export const WEBHOOK_SECRET = "whsec-operations-0123456789";
const ROUTE = "/workable/create_profiles_in_hrflow";

/** Writes a serve config: Workable candidates into an HrFlow source, one run at a time. */
export function serveConfig(dir: string, workable: FakeWorkable, hrflow: FakeHrFlow, source: string): string {
  const file = join(dir, "serve.json");
  const ref = (name: string) => `\${${name}}`;
  writeFileSync(
    file,
    JSON.stringify({
      port: 0,
      concurrency: 1,
      actions: [
        {
          connector: "workable",
          action: "create_profiles_in_hrflow",
          webhook_secret: ref("WORKABLE_WEBHOOK_SECRET"),
          workflow_id: "ops-webhooks",
          connector_auth: {
            api_access_token: ref("WORKABLE_API_ACCESS_TOKEN"),
            subdomain: workable.subdomain,
          },
          hrflow_auth: { api_secret: ref("HRFLOW_API_SECRET"), api_user: hrflow.userEmail },
          pull_parameters: {},
          push_parameters: { source_key: source },
          base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
          http: { retries: 0, rate_limits: { workable: { requests: 1000, per_ms: 1000 } } },
        },
      ],
    }),
  );
  return file;
}

/** A running `serve` and how to post to it. */
export interface Served {
  cli: CliProcess;
  url: string;
  /** Posts a signed Workable candidate event; resolves with the status and JSON answer. */
  post(body: string): Promise<{ status: number; json: Record<string, unknown> }>;
  health(): Promise<Record<string, number | undefined>>;
}

/** Starts the built CLI's `serve` in one process (no V8 relaunch: a SIGKILL ends all of it). */
export async function startServe(
  config: string,
  spoolDir: string,
  stateDir: string,
  env: Record<string, string>,
): Promise<Served> {
  const cli = startCli(["serve", "-c", config, "--spool-dir", spoolDir, "--state-dir", stateDir], {
    env: { ...env, WORKABLE_WEBHOOK_SECRET: WEBHOOK_SECRET, HRFLOW_CONNECTORS_NODE_FLAGS: "" },
  });
  const { data } = await cli.waitForLog((l) => l.message?.startsWith("Listening on"), "listening");
  const url = data.url as string;
  return {
    cli,
    url,
    post: async (body) => {
      const signature = createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex");
      const res = await fetch(`${url}${ROUTE}`, {
        method: "POST",
        body,
        headers: { "x-workable-signature": signature },
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    health: async () => (await (await fetch(`${url}/health`)).json()) as Record<string, number | undefined>,
  };
}

/** A Workable `candidate_created` body for a candidate of the fake. */
export const candidateEvent = (c: { id: string; email?: string | null; job?: unknown }) =>
  JSON.stringify({ event_type: "candidate_created", data: { id: c.id, email: c.email, job: c.job } });

/** Polls until `done()` holds (no wall-clock margin: the test's own timeout bounds it). */
export async function until(done: () => boolean | Promise<boolean>, everyMs = 50): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, everyMs));
}

/** How many times each value occurs. */
export const tally = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
};
