import { createHmac } from "node:crypto";
import type { FlowAction } from "@hrflow-connectors/core/tooling";
import { describe, expect, it } from "vitest";
import { catchWorkableWebhook, verifyWorkableSignature, Workable } from "../src/index.js";
import { profileFlowOptions, runtime, startFakes, totalRequests } from "./harness.js";

const SECRET = "whsec_4b1d2c";
const sign = (body: string, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");

describe("verifyWorkableSignature", () => {
  const body = '{"event_type":"candidate_created","data":{"id":"3fc9a80"}}';

  it("accepts the HMAC-SHA256 hex of the raw body, as text or bytes", () => {
    expect(verifyWorkableSignature(body, sign(body), SECRET)).toBe(true);
    expect(verifyWorkableSignature(Buffer.from(body), sign(body).toUpperCase(), SECRET)).toBe(true);
  });

  it("refuses another secret, a changed body, a malformed or missing header", () => {
    expect(verifyWorkableSignature(body, sign(body, "other"), SECRET)).toBe(false);
    expect(verifyWorkableSignature(`${body} `, sign(body), SECRET)).toBe(false);
    expect(verifyWorkableSignature(body, sign(body).slice(0, 40), SECRET)).toBe(false);
    expect(verifyWorkableSignature(body, "zz", SECRET)).toBe(false);
    expect(verifyWorkableSignature(body, undefined, SECRET)).toBe(false);
    expect(verifyWorkableSignature(body, sign(body, ""), "")).toBe(false);
  });
});

describe("catch-style runs from a Workable webhook", () => {
  const eventFor = (candidate: { id: string; email?: string | null; job?: { shortcode?: string } }) =>
    JSON.stringify({
      firing_rule_id: "f1",
      event_type: "candidate_created",
      data: { id: candidate.id, email: candidate.email, job: candidate.job },
    });

  it("the inbound candidate flows carry a named event parser", () => {
    for (const name of ["create_profiles_in_hrflow", "update_profiles_in_hrflow"]) {
      expect((Workable.actions[name] as FlowAction).flow.eventParser?.name).toBe(
        "parseWorkableCandidateEvent",
      );
    }
  });

  it("a signed candidate event reads that candidate only and adds it to HrFlow", async () => {
    const fakes = await startFakes({ jobs: 3, candidates: 12 });
    const source = fakes.hrflow.addSource();
    const c = fakes.workable.candidates[7]!;
    const body = eventFor({ id: c.id, email: c.email, job: { shortcode: c.job!.shortcode! } });
    const res = await catchWorkableWebhook(
      Workable.actions.create_profiles_in_hrflow as FlowAction,
      { rawBody: body, signature: sign(body), secret: SECRET },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toEqual([c.id]);
    const list = fakes.workable.requests.filter({ route: "/candidates" })[0]!;
    expect(Object.fromEntries(new URLSearchParams(list.query))).toMatchObject({
      email: c.email,
      shortcode: c.job!.shortcode,
    });
  });

  it("a signature that does not match runs nothing", async () => {
    const fakes = await startFakes({ jobs: 1, candidates: 2 });
    const source = fakes.hrflow.addSource();
    const c = fakes.workable.candidates[0]!;
    const body = eventFor({ id: c.id, email: c.email });
    const res = await catchWorkableWebhook(
      Workable.actions.update_profiles_in_hrflow as FlowAction,
      { rawBody: body, signature: sign(body, "not-the-secret"), secret: SECRET },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(totalRequests(fakes)).toBe(0);
  });

  it("an event without a candidate is an event parsing failure", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const body = JSON.stringify({ event_type: "candidate_created", data: {} });
    const res = await catchWorkableWebhook(
      Workable.actions.create_profiles_in_hrflow as FlowAction,
      { rawBody: body, signature: sign(body), secret: SECRET },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(totalRequests(fakes)).toBe(0);
  });
});
