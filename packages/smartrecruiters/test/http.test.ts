import { HttpRuntime } from "@hrflow-connectors/core/http";
import { describe, expect, it } from "vitest";
import { SmartRecruiters, SmartRecruitersClient } from "../src/index.js";
import { jobFlowOptions, profileFlowOptions, runtime, startFakes } from "./harness.js";

describe("auth", () => {
  it("sends the X-SmartToken, and never in a log line", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes);
    const res = await SmartRecruiters.createJobsInHrflow(jobFlowOptions(fakes, board), rt);
    expect(res.written).toBe(3);
    expect(fakes.sr.requests.filter({ route: "/jobs" })[0]!.headers["x-smarttoken"]).toBe(fakes.sr.token);
    expect(JSON.stringify(rt.logs)).not.toContain(fakes.sr.token);
  });

  it("gets one client-credentials token for a run and sends it as a Bearer", async () => {
    const fakes = await startFakes({ jobs: 4 });
    const board = fakes.hrflow.addBoard();
    const res = await SmartRecruiters.createJobsInHrflow(
      jobFlowOptions(fakes, board, { connector_auth: fakes.sr.oauth }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 4]);
    expect(fakes.sr.issuedTokens).toBe(1);
    expect(fakes.sr.requests.filter({ route: "/jobs" })[0]!.headers.authorization).toMatch(/^Bearer at_/);
  });

  it("ends fatal with a clear reason on a refused client secret, never showing it", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes);
    const res = await SmartRecruiters.createJobsInHrflow(
      jobFlowOptions(fakes, board, {
        connector_auth: { client_id: fakes.sr.clientId, client_secret: "wrong-secret-123" },
      }),
      rt,
    );
    expect(res.status).toBe("fatal");
    expect(JSON.stringify(res)).not.toContain("wrong-secret-123");
    expect(JSON.stringify(rt.logs)).not.toContain("wrong-secret-123");
  });

  it("refuses both kinds of credentials, or none, before any request", async () => {
    const fakes = await startFakes();
    const board = fakes.hrflow.addBoard();
    for (const connector_auth of [{ ...fakes.sr.auth, ...fakes.sr.oauth }, {}, { client_id: "only-id" }]) {
      const res = await SmartRecruiters.createJobsInHrflow(
        jobFlowOptions(fakes, board, { connector_auth }),
        runtime(fakes),
      );
      expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    }
    expect(fakes.sr.requests.count()).toBe(0);
  });
});

describe("limits", () => {
  it("keeps to 10 requests per second and one GET /candidates at a time across two runs of one credential", {
    timeout: 30_000,
  }, async () => {
    // The fake's own limits: 10 per second (429 beyond) and one candidate list in flight.
    const fakes = await startFakes({
      candidates: 12,
      rateLimit: { requests: 10, perMs: 1_000 },
      candidateListHoldMs: 30,
    });
    const [a, b] = [fakes.hrflow.addSource(), fakes.hrflow.addSource()];
    // The published limit (no override), no retry (a 429 would fail the run), and one runtime
    // for both runs, as serve and the workers share theirs.
    const httpRuntime = new HttpRuntime();
    const rt = () => runtime(fakes, { httpRuntime, http: { retry: { retries: 0 } } });
    const options = (source: string) => profileFlowOptions(fakes, source, { pull_parameters: { limit: 8 } });
    const started = Date.now();
    const [ra, rb] = await Promise.all([
      SmartRecruiters.createProfilesInHrflow(options(a), rt()),
      SmartRecruiters.createProfilesInHrflow(options(b), rt()),
    ]);
    expect(
      [ra.status, rb.status, ra.written, rb.written],
      JSON.stringify([ra.reason, rb.reason, rb.events, rb.message]),
    ).toEqual(["success", "success", 8, 8]);
    // 18 calls of one credential at 10 per second cannot all start within the first second.
    expect(fakes.sr.requests.count()).toBe(18);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(fakes.sr.concurrencyViolations).toBe(0);
    expect(fakes.sr.requests.count({ status: 429 })).toBe(0);
  });

  it("waits out a 429 and a 503 on reads, then goes on", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    fakes.sr.fail({ route: "/jobs", status: 429 });
    fakes.sr.fail({ route: "/jobs/{id}", status: 503 });
    const res = await SmartRecruiters.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 3]);
    expect(fakes.sr.requests.count({ status: 429 })).toBe(1);
  });

  it("stops at a page without nextPageId, and at an empty page even if one is given", async () => {
    const fakes = await startFakes({ jobs: 0 });
    const client = new SmartRecruitersClient({
      baseUrls: { smartrecruiters: fakes.sr.baseUrl },
      auth: fakes.sr.auth,
    });
    const seen: string[] = [];
    for await (const j of client.jobs({})) seen.push(j.id);
    expect(seen).toEqual([]);
    expect(fakes.sr.requests.count({ route: "/jobs" })).toBe(1);
  });
});
