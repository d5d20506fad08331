import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, inject, it } from "vitest";
import { RunQueues } from "../src/index.js";

// What an operator sees from the cluster commands: one line when Redis is down, schedules as lines,
// and a misspelled schedule id refused with the near one.
const BIN = fileURLToPath(new URL("../../cli/src/bin.ts", import.meta.url));
const redisUrl = `${inject("redisUrl")}/6`;
// Nothing listens on port 1: the connection is refused at once.
const DOWN = "redis://127.0.0.1:1";
const cli = (args: string[]) => {
  const { HRFLOW_CONNECTORS_REDIS_URL: _drop, ...env } = process.env;
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=@hrflow-connectors/source", BIN, ...args],
    { encoding: "utf8", env, timeout: 60_000 },
  );
};

it("a command whose Redis is down says so in one line and exits 2", () => {
  for (const args of [
    ["schedule", "list", "--connectors", "workable", "--redis", DOWN],
    ["worker", "--connectors", "workable", "--redis", DOWN],
  ]) {
    const res = cli(args);
    expect(res.status, `${args[0]}: ${res.stderr}`).toBe(2);
    expect(res.stderr.trim().split("\n"), args[0]).toHaveLength(1);
    expect(res.stderr).toMatch(
      /^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\)\. Start it/,
    );
    expect(res.stderr).not.toContain("[ioredis]");
  }
}, 120_000);

it("lists schedules as lines, and refuses a misspelled id in remove with the near one", async () => {
  const queues = new RunQueues(redisUrl);
  const data = {
    connector: "workable",
    action: "create_jobs_in_hrflow",
    workflow_id: "acme-jobs",
    trigger: "pull" as const,
    config: {},
  };
  await queues
    .queue("workable")
    .upsertJobScheduler("schedule:acme-jobs", { every: 60_000 }, { name: "pull", data });
  await queues.close();
  const list = cli(["schedule", "list", "--connectors", "workable", "--redis", redisUrl]);
  expect(list.status, list.stderr).toBe(0);
  expect(list.stdout).toMatch(
    /^acme-jobs +workable create_jobs_in_hrflow +every 60 s +next \S+ +workflow acme-jobs\n$/,
  );
  const typo = cli(["schedule", "remove", "acme-jobz", "--connectors", "workable", "--redis", redisUrl]);
  expect([typo.status, typo.stdout, typo.stderr]).toEqual([
    2,
    "Removed nothing.\n",
    "No schedule 'acme-jobz'. Did you mean 'acme-jobs'?\n",
  ]);
  const removed = cli([
    "schedule",
    "remove",
    "acme-jobs",
    "--connectors",
    "workable",
    "--redis",
    redisUrl,
    "--json",
  ]);
  expect([removed.status, JSON.parse(removed.stdout)]).toEqual([0, { removed: ["acme-jobs"], unknown: [] }]);
}, 120_000);
