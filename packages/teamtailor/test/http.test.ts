import { describe, expect, it } from "vitest";
import { Teamtailor } from "../src/index.js";
import { jobFlowOptions, runtime, startFakes } from "./harness.js";

describe("Teamtailor HTTP behaviour", () => {
  it("authenticates with Token token=<key> and the X-Api-Version header", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const board = fakes.hrflow.addBoard();
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, {
        connector_auth: { ...fakes.teamtailor.auth, X_Api_Version: "20240904" },
      }),
      runtime(fakes),
    );
    expect(res.status).toBe("success");
    const first = fakes.teamtailor.requests.filter({ route: "/jobs" })[0]!;
    expect(first.headers.authorization).toBe(`Token token=${fakes.teamtailor.apiKey}`);
    expect(first.headers["x-api-version"]).toBe("20240904");
  });

  it("a wrong key ends fatal without the key in any log line", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes);
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, {
        connector_auth: { ...fakes.teamtailor.auth, api_key: "wrong-key-123" },
      }),
      rt,
    );
    expect(res.status).toBe("fatal");
    expect(JSON.stringify(rt.logs)).not.toContain("wrong-key-123");
  });

  it("retries a 429 (Retry-After) and 503s, then reads everything", async () => {
    // Without `include` support each job's location is a call of its own: the 503s land there.
    const fakes = await startFakes({ jobs: 35, ignoreInclude: true });
    const board = fakes.hrflow.addBoard();
    fakes.teamtailor.fail({ route: "/jobs", status: 429, retryAfterSeconds: 0 });
    fakes.teamtailor.fail({ route: "/jobs/{id}/location", status: 503, times: 2 });
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "all" } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 35]);
  });

  it("waits for the window Teamtailor announces (X-Rate-Limit-Remaining: 0 until X-Rate-Limit-Reset)", async () => {
    // The fake allows 8 requests per second; our own limiter is roomy, so only the headers slow us down.
    // Without `include` support the 12 jobs cost 13 requests (the list, then one location each).
    const fakes = await startFakes({
      jobs: 12,
      rateLimit: { requests: 8, perMs: 1000 },
      ignoreInclude: true,
    });
    const board = fakes.hrflow.addBoard();
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "all" } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 12]);
    const answered = fakes.teamtailor.requests.filter({}).filter((r) => r.status !== 429);
    expect(answered).toHaveLength(13);
    // Requests already in flight when the window closed may be refused; they are few and retried.
    expect(fakes.teamtailor.requests.count({ status: 429 })).toBeLessThanOrEqual(8);
  }, 20_000);

  it("a malformed page is retried as a lost answer, not taken as the end of the list", async () => {
    const fakes = await startFakes({ jobs: 40 });
    const board = fakes.hrflow.addBoard();
    fakes.teamtailor.fail({ route: "/jobs", malformed: true });
    const res = await Teamtailor.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { filter_status: "all" } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 40]);
  });
});
