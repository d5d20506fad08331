import { describe, expect, it } from "vitest";
import { Greenhouse } from "../src/index.js";
import { startFakeGreenhouse } from "../src/testing/index.js";
import { jobFlowOptions, runtime, startFakes } from "./harness.js";

describe("Harvest v3 auth and limits", () => {
  it("refuses the original's `auth` key with a message naming the v3 keys, before any request", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const board = fakes.hrflow.addBoard();
    const options = jobFlowOptions(fakes, board);
    const res = await Greenhouse.createJobsInHrflow(
      { ...options, connector_auth: { ...options.connector_auth, auth: "v1-harvest-key" } } as never,
      runtime(fakes),
    );
    expect(res.status).toBe("fatal");
    expect(JSON.stringify(res)).toMatch(/client_id, client_secret and user_id/);
    expect(JSON.stringify(res)).not.toContain("v1-harvest-key");
    expect(fakes.greenhouse.requests.count()).toBe(0);
  });

  it("asks for a token with the client as HTTP Basic and the user as sub; a wrong secret is a clean fatal", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const board = fakes.hrflow.addBoard();
    const options = jobFlowOptions(fakes, board);
    const bad = await Greenhouse.createJobsInHrflow(
      { ...options, connector_auth: { ...options.connector_auth, client_secret: "wrong-secret-123" } },
      runtime(fakes),
    );
    expect(bad.status).toBe("fatal");
    expect(JSON.stringify(bad)).not.toContain("wrong-secret-123");
    const ok = await Greenhouse.createJobsInHrflow(options, runtime(fakes));
    expect(ok.status).toBe("success");
    const token = fakes.greenhouse.requests.filter({ route: "/token" }).at(-1)!;
    expect(token.headers.authorization).toMatch(/^Basic /);
  });

  it("renews a refused token once and goes on", async () => {
    const fakes = await startFakes({ jobs: 150 });
    const board = fakes.hrflow.addBoard();
    await Greenhouse.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    fakes.greenhouse.revokeTokens();
    const res = await Greenhouse.updateJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 150]);
    expect(fakes.greenhouse.tokensIssued()).toBe(2);
  });

  it("keeps to the window and waits out a 429 with Retry-After", async () => {
    const greenhouse = await startFakeGreenhouse({ jobs: 5, rateLimit: { requests: 3, perMs: 1000 } });
    const fakes = await startFakes();
    const board = fakes.hrflow.addBoard();
    const both = { ...fakes, greenhouse };
    try {
      greenhouse.fail({ route: "/jobs", status: 429, retryAfterSeconds: 1 });
      const res = await Greenhouse.createJobsInHrflow(
        jobFlowOptions(both, board),
        runtime(both, { http: { rateLimits: { hrflow: { requests: 1000, perMs: 1000 } } } }),
      );
      expect([res.status, res.written]).toEqual(["success", 5]);
      expect(greenhouse.requests.filter({ route: "/jobs" }).map((r) => r.status)).toEqual([429, 200]);
    } finally {
      await greenhouse.close();
    }
  }, 20_000);
});
