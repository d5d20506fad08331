import { FAULT_KINDS, type FaultKind } from "@hrflow-connectors/core/testing";
import { describe, expect, it } from "vitest";
import { exercise, firstMatching, type Scenario, summary } from "../src/harness.js";
import { allScenarios } from "../src/scenarios/index.js";

const scenario = (connector: string, action: string): Scenario => {
  const found = allScenarios.find((s) => s.connector === connector && s.action === action);
  if (!found) throw new Error(`no scenario ${connector} ${action}`);
  return found;
};

// Logins and client-credential token requests are safe to resend: one fault of any kind on the
// first one must cost a retry, not the run. Workable and HrFlow use static keys (no token request).
const LOGINS: { connector: string; action: string; endpoint: string; path: string }[] = [
  {
    connector: "digitalrecruiters",
    action: "pull_profile_list",
    endpoint: "digitalrecruiters",
    path: "/users/login",
  },
  { connector: "talentsoft", action: "pull_job_list", endpoint: "talentsoft", path: "/api/token" },
  { connector: "talentsoft", action: "push_profile", endpoint: "talentsoft", path: "/api/token" },
  // Bullhorn's chain spends a single-use code: a lost token or login answer restarts the chain.
  { connector: "bullhorn", action: "create_jobs_in_hrflow", endpoint: "bullhorn", path: "/oauth/token" },
  {
    connector: "bullhorn",
    action: "create_jobs_in_hrflow",
    endpoint: "bullhorn",
    path: "/rest-services/login?",
  },
];

describe("token and login requests survive one fault of every kind", () => {
  for (const login of LOGINS) {
    for (const kind of FAULT_KINDS) {
      it(`${login.connector} ${login.action}: ${kind} on ${login.path}`, async () => {
        const report = await exercise(
          scenario(login.connector, login.action),
          { seed: 3, endpoints: [login.endpoint], plan: firstMatching(login.path, kind) },
          8,
        );
        const line = summary(report);
        expect(report.faults[kind], line).toBe(1);
        expect([report.lost, report.duplicated, report.deadLettered], line).toEqual([[], [], 0]);
        expect(report.delivered, line).toBe(report.items);
        expect(Object.keys(report.statuses), line).toEqual(["success"]);
      });
    }
  }
});

// Lever's authorization code is single-use: a refusal (429) proves it unspent and is retried; any
// other fault may have spent it, so the run ends asking to re-authorize, and the code is never resent.
describe("Lever's authorization-code exchange", () => {
  it("is retried after a 429", async () => {
    const report = await exercise(
      scenario("lever", "pull_job_list"),
      { seed: 3, endpoints: ["lever_auth"], plan: firstMatching("/oauth/token", "status429") },
      8,
    );
    expect([report.delivered, report.lost], summary(report)).toEqual([8, []]);
  });

  const unsure: FaultKind[] = ["status5xx", "resetAfter", "truncate", "lost"];
  for (const kind of unsure) {
    it(`ends with a re-authorize error naming the workflow after ${kind}, without resending the code`, async () => {
      const report = await exercise(
        scenario("lever", "pull_job_list"),
        { seed: 3, endpoints: ["lever_auth"], plan: firstMatching("/oauth/token", kind) },
        8,
      );
      const [result] = report.results;
      expect(result?.status).toBe("fatal");
      const said = `${result?.message ?? ""} ${report.logs.map((l) => l.message).join(" ")}`;
      expect(said).toMatch(/re-?authori[sz]e/i);
      expect(said).toContain("lever-jobs");
      // The code went out once: the exchange that may have spent it was not repeated.
      const exchanges = report.logs.filter((l) => /oauth\/token/.test(l.message) && /retry/i.test(l.message));
      expect(exchanges).toEqual([]);
    });
  }
});
