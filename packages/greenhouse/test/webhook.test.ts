import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  catchGreenhouseWebhook,
  Greenhouse,
  parseGreenhouseCandidateEvent,
  verifyGreenhouseSignature,
  verifyWebhookSignature,
  webhookSignatureHeader,
} from "../src/index.js";
import { greenhouseDelivery } from "../src/testing/index.js";
import { profileFlowOptions, runtime, startFakes } from "./harness.js";

const SECRET = "gh-webhook-secret";
const sign = (body: string, secret = SECRET) =>
  `sha256 ${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("Greenhouse webhooks", () => {
  it("verifies `Signature: sha256 <hex>` over the raw bytes, escapes as sent", () => {
    const raw = '{"action":"update_candidate","payload":{"candidate":{"id":9001,"first_name":"Zo\\u00eb"}}}';
    expect(webhookSignatureHeader).toBe("Signature");
    expect(verifyGreenhouseSignature(raw, sign(raw), SECRET)).toBe(true);
    expect(verifyWebhookSignature(raw, sign(raw), SECRET)).toBe(true);
    // The same JSON re-serialized (unescaped) is other bytes: refused.
    expect(verifyGreenhouseSignature(JSON.stringify(JSON.parse(raw)), sign(raw), SECRET)).toBe(false);
    expect(verifyGreenhouseSignature(raw, sign(raw, "other"), SECRET)).toBe(false);
    expect(verifyGreenhouseSignature(raw, "sha256 zz", SECRET)).toBe(false);
    expect(verifyGreenhouseSignature(raw, null, SECRET)).toBe(false);
  });

  it("accepts the fake's deliveries: escaped unicode signed as sent", () => {
    const d = greenhouseDelivery(
      SECRET,
      "update_candidate",
      { candidate: { id: 5, first_name: "Zoë" } },
      "e-1",
    );
    expect(d.rawBody).toContain("Zo\\u00eb");
    expect(d.headers["greenhouse-event-id"]).toBe("e-1");
    expect(verifyGreenhouseSignature(d.rawBody, d.headers.signature, SECRET)).toBe(true);
    expect(parseGreenhouseCandidateEvent(JSON.parse(d.rawBody))).toEqual({
      pull_parameters: { candidate_ids: "5" },
    });
  });

  it("finds the candidate in created, updated and deleted events", () => {
    const ids = [
      { action: "new_candidate_application", payload: { application: { candidate: { id: 11 } } } },
      { action: "update_candidate", payload: { candidate: { id: "12" } } },
      { action: "delete_candidate", payload: { person: { id: 13 } } },
    ].map((e) => parseGreenhouseCandidateEvent(e));
    expect(ids).toEqual(["11", "12", "13"].map((candidate_ids) => ({ pull_parameters: { candidate_ids } })));
    expect(() => parseGreenhouseCandidateEvent({ action: "ping", payload: {} })).toThrow(
      /names no candidate/,
    );
  });

  it("runs create_profiles_in_hrflow for the event's candidate; a bad signature runs nothing", async () => {
    const fakes = await startFakes({ jobs: 1, candidates: 5 });
    const source = fakes.hrflow.addSource();
    const target = fakes.greenhouse.candidates[3]!;
    const raw = JSON.stringify({
      action: "new_candidate_application",
      payload: { application: { id: 1, candidate: { id: target.id } } },
    });
    const action = Greenhouse.actions.create_profiles_in_hrflow;
    const options = profileFlowOptions(fakes, source);
    const refused = await catchGreenhouseWebhook(
      action as never,
      { rawBody: raw, signature: sign(raw, "forged"), secret: SECRET },
      options,
      runtime(fakes),
    );
    expect([refused.status, refused.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(fakes.greenhouse.requests.count()).toBe(0);
    const res = await catchGreenhouseWebhook(
      action as never,
      { rawBody: raw, signature: sign(raw), secret: SECRET },
      options,
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toEqual([String(target.id)]);
  });
});
