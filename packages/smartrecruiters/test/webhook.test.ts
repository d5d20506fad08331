import { createHmac } from "node:crypto";
import type { FlowAction } from "@hrflow-connectors/core/tooling";
import { describe, expect, it } from "vitest";
import {
  catchSmartRecruitersWebhook,
  parseSmartRecruitersCandidateEvent,
  SmartRecruiters,
  verifySmartRecruitersSignature,
  webhookHandshake,
} from "../src/index.js";
import { signedDelivery } from "../src/testing/index.js";
import { profileFlowOptions, runtime, startFakes } from "./harness.js";

const SECRET = "sr-webhook-secret-7f3a";
const body = '{"candidateId":"c-123","jobId":"j-9"}';

describe("verifySmartRecruitersSignature", () => {
  it("accepts v1 = HMAC-SHA256 over timestamp.body.event-id.event-name.event-version.link", () => {
    const headers = {
      "smartrecruiters-timestamp": "1717408496000",
      "event-id": "e-1",
      "event-name": "candidate.created",
      "event-version": "1",
      link: "<https://api.smartrecruiters.com/candidates/c-123>",
    };
    const text = `1717408496000.${body}.e-1.candidate.created.1.<https://api.smartrecruiters.com/candidates/c-123>`;
    const hex = createHmac("sha256", SECRET).update(text).digest("hex");
    expect(verifySmartRecruitersSignature(body, `v1=${hex}`, SECRET, headers)).toBe(true);
    expect(
      verifySmartRecruitersSignature(
        Buffer.from(body),
        `v1=${hex.toUpperCase()}`,
        SECRET,
        new Headers(headers),
      ),
    ).toBe(true);
  });

  it("accepts any of several signatures while keys rotate, a missing header as an empty part", () => {
    const headers = signedDelivery(body, SECRET, {
      eventName: "candidate.updated",
      extraSignatures: [`v1=${"0".repeat(64)}`],
    });
    expect(headers["smartrecruiters-signature"]).toContain(";");
    expect(verifySmartRecruitersSignature(body, headers["smartrecruiters-signature"], SECRET, headers)).toBe(
      true,
    );
    expect(headers.link).toBeUndefined();
  });

  it("refuses another secret, a changed body or header, a malformed or missing signature", () => {
    const headers = signedDelivery(body, SECRET, { eventName: "candidate.created", eventId: "e-2" });
    const sig = headers["smartrecruiters-signature"]!;
    expect(verifySmartRecruitersSignature(body, sig, "other", headers)).toBe(false);
    expect(verifySmartRecruitersSignature(`${body} `, sig, SECRET, headers)).toBe(false);
    expect(verifySmartRecruitersSignature(body, sig, SECRET, { ...headers, "event-id": "e-3" })).toBe(false);
    expect(
      verifySmartRecruitersSignature(body, sig, SECRET, { ...headers, "event-name": "candidate.deleted" }),
    ).toBe(false);
    expect(verifySmartRecruitersSignature(body, sig.replace("v1=", "v2="), SECRET, headers)).toBe(false);
    expect(verifySmartRecruitersSignature(body, sig.slice(0, 40), SECRET, headers)).toBe(false);
    expect(verifySmartRecruitersSignature(body, undefined, SECRET, headers)).toBe(false);
    expect(verifySmartRecruitersSignature(body, sig, "", headers)).toBe(false);
  });
});

describe("webhookHandshake", () => {
  it("answers the activation request with its X-Hook-Secret, and nothing else", () => {
    expect(webhookHandshake({ "X-Hook-Secret": "abc123" })).toEqual({
      status: 200,
      headers: { "X-Hook-Secret": "abc123" },
    });
    expect(webhookHandshake(new Headers({ "x-hook-secret": "abc123" }))?.headers).toEqual({
      "X-Hook-Secret": "abc123",
    });
    expect(webhookHandshake({ "event-name": "candidate.created" })).toBeNull();
  });
});

describe("catch-style runs from a SmartRecruiters webhook", () => {
  it("the inbound candidate flows carry the event parser", () => {
    for (const name of [
      "create_profiles_in_hrflow",
      "update_profiles_in_hrflow",
      "archive_profiles_in_hrflow",
    ]) {
      expect((SmartRecruiters.actions[name] as FlowAction).flow.eventParser).toBe(
        parseSmartRecruitersCandidateEvent,
      );
    }
    expect(parseSmartRecruitersCandidateEvent({ candidate: { id: "c-9" } })).toEqual({
      pull_parameters: { candidate_id: "c-9" },
    });
    expect(() => parseSmartRecruitersCandidateEvent({ jobId: "j-1" })).toThrow(/names no candidate/);
  });

  it("a signed candidate event reads that candidate only and adds it to HrFlow", async () => {
    const fakes = await startFakes({ candidates: 8 });
    const source = fakes.hrflow.addSource();
    const c = fakes.sr.candidates[5]!;
    const raw = JSON.stringify({ candidateId: c.id });
    const res = await catchSmartRecruitersWebhook(
      SmartRecruiters.actions.create_profiles_in_hrflow as FlowAction,
      {
        rawBody: raw,
        headers: signedDelivery(raw, SECRET, { eventName: "candidate.created" }),
        secret: SECRET,
      },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toEqual([c.id]);
    expect(fakes.sr.requests.count({ route: "/candidates" })).toBe(0);
  });

  it("a bad signature ends fatal before any request", async () => {
    const fakes = await startFakes({ candidates: 2 });
    const source = fakes.hrflow.addSource();
    const raw = JSON.stringify({ candidateId: fakes.sr.candidates[0]!.id });
    const headers = signedDelivery(raw, "not-the-secret", { eventName: "candidate.updated" });
    const res = await catchSmartRecruitersWebhook(
      SmartRecruiters.actions.update_profiles_in_hrflow as FlowAction,
      { rawBody: raw, headers, secret: SECRET },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(fakes.sr.requests.count() + fakes.hrflow.requests.count()).toBe(0);
  });
});
