import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LEVER_WEBHOOK_MAX_AGE_MS, verifyLeverSignature } from "../src/index.js";

const SECRET = "lever-signature-token-123";
const NOW = Date.parse("2026-01-01T12:00:00Z");
const sign = (token: string, at: number | string, key = SECRET) =>
  createHmac("sha256", key).update(`${token}${at}`).digest("hex");
const delivery = (fields: Record<string, unknown>) =>
  JSON.stringify({ event: "candidateHired", data: { opportunityId: "o-1" }, ...fields });

describe("Lever webhook signatures (token + triggeredAt, in the body)", () => {
  it("accepts a delivery signed with the webhook's signature token", () => {
    const body = delivery({ token: "wh-1", triggeredAt: NOW, signature: sign("wh-1", NOW) });
    expect(verifyLeverSignature(body, "", SECRET, NOW)).toBe(true);
    // triggeredAt sent as a string signs the same text.
    const asText = delivery({ token: "wh-1", triggeredAt: String(NOW), signature: sign("wh-1", NOW) });
    expect(verifyLeverSignature(asText, "", SECRET, NOW)).toBe(true);
  });

  it("refuses a wrong key, a tampered token, a missing field and a body that is not JSON", () => {
    const good = { token: "wh-1", triggeredAt: NOW, signature: sign("wh-1", NOW) };
    expect(
      verifyLeverSignature(delivery({ ...good, signature: sign("wh-1", NOW, "other") }), "", SECRET, NOW),
    ).toBe(false);
    expect(verifyLeverSignature(delivery({ ...good, token: "wh-2" }), "", SECRET, NOW)).toBe(false);
    expect(verifyLeverSignature(delivery({ ...good, signature: undefined }), "", SECRET, NOW)).toBe(false);
    expect(verifyLeverSignature(delivery({ ...good, signature: "zz" }), "", SECRET, NOW)).toBe(false);
    expect(verifyLeverSignature("not json", "", SECRET, NOW)).toBe(false);
  });

  it("refuses a stale or future triggeredAt as a replay, even correctly signed", () => {
    for (const at of [NOW - LEVER_WEBHOOK_MAX_AGE_MS - 1, NOW + LEVER_WEBHOOK_MAX_AGE_MS + 1]) {
      const body = delivery({ token: "wh-1", triggeredAt: at, signature: sign("wh-1", at) });
      expect(verifyLeverSignature(body, "", SECRET, NOW)).toBe(false);
    }
    const edge = NOW - LEVER_WEBHOOK_MAX_AGE_MS;
    expect(
      verifyLeverSignature(
        delivery({ token: "wh-1", triggeredAt: edge, signature: sign("wh-1", edge) }),
        "",
        SECRET,
        NOW,
      ),
    ).toBe(true);
  });
});
