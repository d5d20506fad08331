import { TOKEN_SKEW_MS } from "@hrflow-connectors/core/engine";
import { closeAll, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Workable } from "@hrflow-connectors/workable";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterEach, describe, expect, it } from "vitest";

const FUTURE = "2999-01-01T00:00:00.000Z";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** Workable jobs into an HrFlow board, incrementally, with every run sharing one state store. */
async function world(jobs: number) {
  const workable = await startFakeWorkable({ jobs, seed: 18, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  closers.push(() => closeAll(workable, hrflow));
  const board = hrflow.addBoard();
  const runtime = hermeticRuntime({ baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl } });
  const options = {
    workflow_id: "future-token",
    connector_auth: workable.auth,
    hrflow_auth: hrflow.auth,
    pull_parameters: {},
    push_parameters: { board_key: board },
    incremental: true,
  };
  const run = () => Workable.createJobsInHrflow(options, runtime.options);
  /** How many times the board holds each Workable job. */
  const held = () => {
    const counts = new Map<string, number>();
    for (const j of hrflow.jobs(board))
      counts.set(String(j.reference), (counts.get(String(j.reference)) ?? 0) + 1);
    return workable.jobs.map((j) => counts.get(j.shortcode) ?? 0);
  };
  const warnings = () => runtime.logs.filter((l) => l.level === "warn" && /dated past/.test(l.message));
  return { workable, hrflow, runtime, run, held, warnings };
}

describe("one vendor item dated in the future does not poison the incremental token", () => {
  it("Workable: a job created in 2999, then 5 later jobs: the next run syncs all 5", async () => {
    const w = await world(20);
    w.workable.addJob({ created_at: FUTURE, updated_at: FUTURE });
    const newest = w.workable.jobs
      .map((j) => j.created_at!)
      .filter((c) => c !== FUTURE)
      .sort()
      .at(-1);

    const first = await w.run();
    expect([first.status, first.written, first.future_dated]).toEqual(["success", 21, 1]);
    // The token is the newest real date, never past the run's start plus the skew.
    expect(first.incremental_token).toBe(newest);
    expect(Date.parse(first.incremental_token!)).toBeLessThanOrEqual(
      Date.parse(first.started_at) + TOKEN_SKEW_MS,
    );
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings![0]).toContain(FUTURE);
    expect(w.warnings()).toHaveLength(1);

    for (let i = 0; i < 5; i++) w.workable.addJob();
    const second = await w.run();
    // The 5 later jobs, and the future one again (it is still after the token): written once only.
    expect([second.status, second.events.read_success, second.written, second.skipped]).toEqual([
      "success",
      6,
      5,
      1,
    ]);
    expect(second.future_dated).toBe(1);
    expect(w.warnings()).toHaveLength(2);
    expect(w.held()).toEqual(Array(26).fill(1));

    // Nothing new: only the future job is read again, and nothing is written.
    const third = await w.run();
    expect([third.events.read_success, third.written, third.incremental_token]).toEqual([
      1,
      0,
      second.incremental_token,
    ]);
    expect(w.held()).toEqual(Array(26).fill(1));
  });

  it("a token poisoned by an older version (2999) is dropped with a warning: the run reads everything", async () => {
    const w = await world(12);
    await w.runtime.store.save("future-token", { incremental_token: FUTURE });
    const res = await w.run();
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 12, 12]);
    expect(res.warnings).toEqual([expect.stringContaining(`stored incremental token ${FUTURE}`)]);
    expect(Date.parse(res.incremental_token!)).toBeLessThan(Date.parse(res.started_at));
    expect(w.held()).toEqual(Array(12).fill(1));
  });

  it("a vendor date that is no date is a token failure, never a token saved back", async () => {
    const w = await world(4);
    w.workable.addJob({ created_at: "yesterday" });
    const res = await w.run();
    expect([res.status, res.reason]).toEqual(["fatal", "getting_incremental_token_failure"]);
    expect(await w.runtime.store.load("future-token")).toMatchObject({ incremental_token: null });
  });
});
