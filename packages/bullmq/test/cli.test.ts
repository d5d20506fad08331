import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, inject, it } from "vitest";
import { RunQueues } from "../src/index.js";

// The CLI from source, as a user runs it: its cluster commands load this package only when used.
const BIN = fileURLToPath(new URL("../../cli/src/bin.ts", import.meta.url));
const redisUrl = `${inject("redisUrl")}/5`;
const cli = (args: string[], env: Record<string, string> = {}) => {
  const { HRFLOW_CONNECTORS_REDIS_URL: _drop, ...base } = process.env;
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=@hrflow-connectors/source", BIN, ...args],
    {
      encoding: "utf8",
      env: { ...base, ...env },
    },
  );
};

it("runs the cluster commands through the CLI: schedule list reads BullMQ's schedulers", async () => {
  const queues = new RunQueues(redisUrl);
  await queues.queue("workable").upsertJobScheduler(
    "schedule:from-test",
    { every: 60_000 },
    {
      name: "pull",
      data: {
        connector: "workable",
        action: "create_jobs_in_hrflow",
        workflow_id: "from-test",
        trigger: "pull",
        config: {},
      },
    },
  );
  await queues.close();
  const res = cli(["schedule", "list", "--connectors", "workable", "--json"], {
    HRFLOW_CONNECTORS_REDIS_URL: redisUrl,
  });
  expect(res.status, res.stderr).toBe(0);
  expect(JSON.parse(res.stdout)).toEqual([
    expect.objectContaining({
      id: "from-test",
      workflow_id: "from-test",
      every: 60_000,
      queue: "hrflow-connectors-runs-workable",
    }),
  ]);
}, 60_000);

it("says which flag is missing instead of starting a worker without Redis", () => {
  const res = cli(["worker", "--connectors", "workable"]);
  expect(res.status).toBe(2);
  expect(res.stderr).toContain("worker needs --redis <url> (or HRFLOW_CONNECTORS_REDIS_URL)");
  expect(cli(["worker", "--help"]).stdout).toContain("hrflow-connectors worker --redis <url>");
}, 60_000);

it("refuses to expose a worker's operations surface off loopback without a token", () => {
  const args = ["worker", "--redis", redisUrl, "--connectors", "workable", "--metrics-port", "9"];
  const res = cli([...args, "--ops-host", "0.0.0.0"]);
  expect(res.status).toBe(2);
  expect(res.stderr).toContain(
    "would listen on 0.0.0.0 without authentication: set HRFLOW_CONNECTORS_OPS_TOKEN",
  );
  const short = cli([...args, "--ops-host", "0.0.0.0"], { HRFLOW_CONNECTORS_OPS_TOKEN: "short" });
  expect(short.status).toBe(2);
  expect(short.stderr).toContain("HRFLOW_CONNECTORS_OPS_TOKEN must be at least 16 characters");
}, 60_000);
