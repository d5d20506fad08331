import type { RunOptions } from "@hrflow-connectors/core";
import { describe, expect, it } from "vitest";
import { Workable } from "../src/index.js";
import { type Fakes, jobFlowOptions, runtime, startFakes, totalRequests } from "./harness.js";

type Options = Parameters<typeof Workable.updateJobsInHrflow>[0];

/** Runs the action from code; the run must refuse it with no request reaching either fake. */
async function refused(fakes: Fakes, options: unknown, extra: RunOptions = {}) {
  const res = await Workable.updateJobsInHrflow(options as Options, { ...runtime(fakes), ...extra });
  expect(res.status).toBe("fatal");
  expect(totalRequests(fakes)).toBe(0);
  return res;
}

describe("actions called from code validate like the CLI, before any request", () => {
  it("refuses unknown top-level options and missing options with a fatal result", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const board = fakes.hrflow.addBoard();
    const { pull_parameters: _pull, ...rest } = jobFlowOptions(fakes, board);
    const typo = await refused(fakes, { ...rest, pul_parameters: { state: "published" } });
    expect(typo.reason).toBe("bad_action_parameters");
    expect(typo.issues?.map((i) => i.path)).toEqual(["pul_parameters"]);
    for (const missing of [undefined, null, "options"]) {
      const res = await refused(fakes, missing);
      expect(res.reason).toBe("bad_action_parameters");
      expect(res.issues?.[0]?.path).toBe("options");
    }
  });

  it("refuses run options out of bounds, naming each", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const options = jobFlowOptions(fakes, fakes.hrflow.addBoard());
    const cases: [RunOptions, string][] = [
      [{ batchSize: 0 }, "runtime.batchSize"],
      [{ concurrency: -1 }, "runtime.concurrency"],
      [{ batchSize: 2.5 }, "runtime.batchSize"],
      [{ http: { timeoutMs: -5 } }, "runtime.http.timeoutMs"],
      [{ http: { retry: { retries: 1000 } } }, "runtime.http.retry.retries"],
      [
        { http: { rateLimits: { workable: { requests: 0, perMs: 1000 } } } },
        "runtime.http.rateLimits.workable.requests",
      ],
    ];
    for (const [extra, path] of cases) {
      const res = await refused(fakes, options, extra);
      expect(res.reason).toBe("bad_action_parameters");
      expect(res.issues?.map((i) => i.path)).toEqual([path]);
    }
  });

  it("refuses a blank secret and a timestamp that is neither ISO-8601 nor epoch", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const board = fakes.hrflow.addBoard();
    const blank = await refused(fakes, {
      ...jobFlowOptions(fakes, board),
      connector_auth: { ...fakes.workable.auth, api_access_token: "   " },
    });
    expect([blank.reason, blank.issues?.[0]?.path]).toEqual([
      "bad_origin_parameters",
      "connector_auth.api_access_token",
    ]);
    const blankHrflow = await refused(fakes, {
      ...jobFlowOptions(fakes, board),
      hrflow_auth: { ...fakes.hrflow.auth, api_secret: " \t" },
    });
    expect(blankHrflow.issues?.[0]?.path).toBe("hrflow_auth.api_secret");
    for (const text of ["yesterday", "2024-13-45", "05/01/2024"]) {
      const res = await refused(fakes, {
        ...jobFlowOptions(fakes, board),
        pull_parameters: { updated_after: text },
      });
      expect([res.reason, res.issues?.[0]?.path]).toEqual([
        "bad_origin_parameters",
        "pull_parameters.updated_after",
      ]);
      expect(res.message).toContain("ISO-8601");
    }
  });

  it("accepts ISO-8601 dates, date-times and epoch seconds", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const board = fakes.hrflow.addBoard();
    for (const when of ["2020-01-01", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00+02:00", 1577836800]) {
      const res = await Workable.updateJobsInHrflow(
        { ...jobFlowOptions(fakes, board), pull_parameters: { updated_after: when }, persist: false },
        runtime(fakes),
      );
      expect([res.status, res.events.read_success]).toEqual(["success", 2]);
    }
  });
});
