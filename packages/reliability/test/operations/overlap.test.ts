import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RunResult } from "@hrflow-connectors/core";
import { FileStore } from "@hrflow-connectors/core/store";
import { hermeticRuntime } from "@hrflow-connectors/core/testing";
import { Workable } from "@hrflow-connectors/workable";
import { afterEach, describe, expect, it } from "vitest";
import { type CliJobsWorld, cliJobsWorld } from "./workable-cli.js";

// Two runs of one workflow at once (overlapping cron entries, a supervisor restarting a run that
// is still going on): one runs, the other refuses or waits. Before the lease, two CLI runs of
// create_jobs_in_hrflow started together created 338 of 1000 jobs twice, both reporting success.

/** The RunResult JSON the CLI printed on stdout (`--json`). */
const resultOf = (stdout: string): RunResult => JSON.parse(stdout);

describe("two runs of one workflow", () => {
  let world: CliJobsWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("from the CLI, started together: one runs, the other exits 75 naming the holder; 0 duplicates", {
    timeout: 240_000,
  }, async () => {
    world = await cliJobsWorld(400, 21);
    const w = world;
    const runs = [w.start(), w.start()];
    const codes = await Promise.all(runs.map((r) => r.exited));
    expect([...codes].sort()).toEqual([0, 75]);
    const busy = runs[codes.indexOf(75)]!;
    const done = runs[codes.indexOf(0)]!;
    expect(resultOf(done.stdout())).toMatchObject({ status: "success", written: 400 });
    const refused = resultOf(busy.stdout());
    expect(refused).toMatchObject({ status: "fatal", reason: "workflow_busy", written: 0 });
    expect(refused.message).toMatch(/Another run of workflow ops-jobs is going on \(held by pid \d+ on /);
    expect(refused.events.read_success).toBe(0);
    expect(w.tally()).toEqual({ duplicated: 0, missing: 0 });
    // The run that held the lease released it when it ended.
    expect(existsSync(join(w.home, "state", "ops-jobs.lease"))).toBe(false);
  });

  it("from code with one file store: refused, or (waitForLease) run one after the other; 0 duplicates", {
    timeout: 240_000,
  }, async () => {
    world = await cliJobsWorld(300, 22);
    const w = world;
    const options = {
      workflow_id: "ops-api",
      connector_auth: w.workable.auth,
      hrflow_auth: w.hrflow.auth,
      pull_parameters: {},
      push_parameters: { board_key: w.board },
    };
    const baseUrls = { workable: w.workable.baseUrl, hrflow: w.hrflow.baseUrl };
    // Two stores on one directory, as two processes would have.
    const runtime = (extra: object) =>
      hermeticRuntime({ baseUrls, store: new FileStore(join(w.home, "api-state")), ...extra }).options;
    const refusedPair = await Promise.all([
      Workable.createJobsInHrflow(options, runtime({})),
      Workable.createJobsInHrflow(options, runtime({})),
    ]);
    expect(refusedPair.map((r) => r.reason).sort()).toEqual(["none", "workflow_busy"]);
    expect(w.tally()).toEqual({ duplicated: 0, missing: 0 });

    const waiting = [0, 1].map(() =>
      hermeticRuntime({ baseUrls, store: new FileStore(join(w.home, "api-state")), waitForLease: true }),
    );
    const waitingPair = await Promise.all(
      waiting.map((r) => Workable.createJobsInHrflow(options, r.options)),
    );
    expect(waitingPair.map((r) => r.status)).toEqual(["success", "success"]);
    // One of them saw the workflow busy and waited for the other to end.
    const waited = waiting.filter((r) =>
      r.logs.some((l) => /Workflow ops-api is busy .*: waiting/.test(l.message)),
    );
    expect(waited).toHaveLength(1);
    expect(w.tally()).toEqual({ duplicated: 0, missing: 0 });
  });
});
