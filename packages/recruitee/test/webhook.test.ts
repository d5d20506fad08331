import { createHmac } from "node:crypto";
import type { FlowAction } from "@hrflow-connectors/core/tooling";
import { describe, expect, it } from "vitest";
import {
  catchRecruiteeWebhook,
  parseRecruiteeCandidateEvent,
  Recruitee,
  verifyRecruiteeSignature,
} from "../src/index.js";
import { profileFlowOptions, runtime, startFakes } from "./harness.js";

const SECRET = "rc-webhook-secret";
const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");
const event = (type: string, id: number) =>
  JSON.stringify({
    id: 1,
    attempt_count: 1,
    event_type: type,
    created_at: "2024-05-01T10:00:00Z",
    payload: { candidate: { id, name: "Jan" } },
  });

describe("Recruitee webhooks", () => {
  it("checks X-Recruitee-Signature over the raw body", () => {
    const body = event("candidate_created", 5);
    expect(verifyRecruiteeSignature(body, sign(body), SECRET)).toBe(true);
    expect(verifyRecruiteeSignature(body, sign(body, "other"), SECRET)).toBe(false);
    expect(verifyRecruiteeSignature(`${body} `, sign(body), SECRET)).toBe(false);
    expect(verifyRecruiteeSignature(body, undefined, SECRET)).toBe(false);
  });

  it("turns candidate events into reads by id and refuses the test call", () => {
    expect(parseRecruiteeCandidateEvent(event("candidate_moved", 9))).toEqual({
      pull_parameters: { ids: "9" },
    });
    expect(() => parseRecruiteeCandidateEvent({ test: true })).toThrow(/test call/);
  });

  it("a signed candidate_created runs the create flow for that candidate; a forged one makes no request", async () => {
    const fakes = await startFakes({ candidates: 5 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const c = fakes.recruitee.candidates[3]!;
    const body = event("candidate_created", c.id);
    const action = Recruitee.actions.create_profiles_in_hrflow as FlowAction;
    const forged = await catchRecruiteeWebhook(
      action,
      { rawBody: body, signature: sign(body, "nope"), secret: SECRET },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([forged.status, forged.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(fakes.recruitee.requests.count()).toBe(0);
    const res = await catchRecruiteeWebhook(
      action,
      { rawBody: body, signature: sign(body), secret: SECRET },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toEqual([String(c.id)]);
  });
});

describe("Recruitee HTTP behaviour", () => {
  it("retries 429 (Retry-After) and 503s, sends the Bearer token, and a wrong token ends fatal without leaking it", async () => {
    const fakes = await startFakes({ candidates: 12 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    fakes.recruitee.fail({ route: "/candidates", status: 429, retryAfterSeconds: 0 });
    fakes.recruitee.fail({ route: "/candidates/{id}", status: 503, times: 2 });
    const res = await Recruitee.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 12]);
    expect(fakes.recruitee.requests.filter({ route: "/candidates" }).at(-1)!.headers.authorization).toBe(
      `Bearer ${fakes.recruitee.token}`,
    );
    const rt = runtime(fakes);
    const bad = await Recruitee.createProfilesInHrflow(
      profileFlowOptions(fakes, source, {
        connector_auth: { ...fakes.recruitee.auth, api_token: "wrong-token-42" },
      }),
      rt,
    );
    expect(bad.status).toBe("fatal");
    expect(JSON.stringify(rt.logs)).not.toContain("wrong-token-42");
  });

  it("paces itself inside the fake's window (10 requests per second): every candidate read", async () => {
    const fakes = await startFakes({ candidates: 8, rateLimit: { requests: 10, perMs: 1000 } });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Recruitee.createProfilesInHrflow(
      profileFlowOptions(fakes, source),
      runtime(fakes, {
        http: {
          rateLimits: { recruitee: { requests: 10, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
        },
      }),
    );
    expect([res.status, res.written]).toEqual(["success", 8]);
  }, 20_000);
});
