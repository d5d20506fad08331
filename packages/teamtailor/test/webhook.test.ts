import type { FlowAction } from "@hrflow-connectors/core/tooling";
import { describe, expect, it } from "vitest";
import {
  catchTeamtailorWebhook,
  parseTeamtailorCandidateEvent,
  TEAMTAILOR_SIGNATURE_HEADER,
  Teamtailor,
  teamtailorSignature,
  verifyTeamtailorBody,
  verifyTeamtailorSignature,
} from "../src/index.js";
import { profileFlowOptions, runtime, startFakes } from "./harness.js";

const KEY = "whsec-signature-key";

describe("Teamtailor webhook signatures", () => {
  it("accepts the signature Teamtailor computes and refuses a changed payload or key", () => {
    const payload = {
      event_name: "candidate.update",
      data: { id: "7", type: "candidates", attributes: { email: "a@b.se" } },
    };
    const body = { payload, signature: teamtailorSignature(payload, KEY) };
    // base64 of a 64-hex-character digest, as in Teamtailor's example.
    expect(Buffer.from(body.signature, "base64").toString()).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyTeamtailorBody(body, KEY)).toBe(true);
    expect(verifyTeamtailorBody(body, "other-key")).toBe(false);
    const changed = { ...body, payload: { ...payload, event_name: "candidate.create" } };
    expect(verifyTeamtailorBody(changed, KEY)).toBe(false);
    expect(verifyTeamtailorBody({ payload }, KEY)).toBe(false);
    expect(verifyTeamtailorBody(null, KEY)).toBe(false);
    // The shape `serve` plugs in: raw body, (unused) header, secret; the header name is "".
    expect(TEAMTAILOR_SIGNATURE_HEADER).toBe("");
    expect(verifyTeamtailorSignature(JSON.stringify(body), "", KEY)).toBe(true);
    expect(verifyTeamtailorSignature(JSON.stringify(body), "", "other-key")).toBe(false);
    expect(verifyTeamtailorSignature("not json", "", KEY)).toBe(false);
  });

  it("turns a candidate event into a read of that candidate, and refuses other events", () => {
    const event = {
      payload: { event_name: "candidate.create", data: { id: 9, attributes: { email: "x@y.fr" } } },
    };
    expect(parseTeamtailorCandidateEvent(event)).toEqual({ pull_parameters: { filter_email: "x@y.fr" } });
    expect(() =>
      parseTeamtailorCandidateEvent({ payload: { event_name: "job.update", data: { id: "1" } } }),
    ).toThrow(/candidate/);
  });

  it("a signed candidate.destroy archives that candidate; a forged one makes no request", async () => {
    const fakes = await startFakes({ candidates: 3 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    await Teamtailor.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    const id = fakes.teamtailor.candidates[0]!.id;
    const rawBody = fakes.teamtailor.deleteCandidate(id, KEY);
    const before = fakes.teamtailor.requests.count();
    const forged = await catchTeamtailorWebhook(
      Teamtailor.actions.archive_profiles_in_hrflow as FlowAction,
      { rawBody, signatureKey: "not-the-key" },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([forged.status, forged.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(fakes.teamtailor.requests.count()).toBe(before);
    const res = await catchTeamtailorWebhook(
      Teamtailor.actions.archive_profiles_in_hrflow as FlowAction,
      { rawBody, signatureKey: KEY },
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(
      fakes.hrflow
        .profiles(source)
        .filter((p) => p.archived_at)
        .map((p) => p.reference),
    ).toEqual([id]);
  });
});
