import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { headerEventId, webhookEventId, webhookKey } from "../src/webhook-key.js";

const lever = (id: string, triggeredAt: number, signature: string) =>
  JSON.stringify({
    id,
    event: "candidateHired",
    triggeredAt,
    token: "t",
    signature,
    data: { opportunityId: "o1" },
  });

describe("webhookKey", () => {
  it("keys a delivery by a header's event id and its bytes (Greenhouse-Event-ID)", () => {
    const body = JSON.stringify({ action: "update_candidate", payload: { candidate: { id: 1 } } });
    const headers = { "greenhouse-event-id": " evt-9 " };
    const id = headerEventId("Greenhouse-Event-ID", headers);
    expect(id).toBe("evt-9");
    expect(headerEventId(null, headers)).toBeNull();
    expect(headerEventId("Greenhouse-Event-ID", {})).toBeNull();
    const first = webhookKey("/gh/update", body, id);
    expect(first.source).toBe("event-id");
    // A retry (same id, same bytes) is the same delivery; another event with an equal body is not.
    expect(webhookKey("/gh/update", Buffer.from(body), "evt-9")).toEqual(first);
    expect(webhookKey("/gh/update", body, "evt-10").key).not.toBe(first.key);
    expect(webhookKey("/gh/update", body).key).not.toBe(first.key);
  });

  it("keys a Lever delivery by its event id, so a retry signed again is the same event", () => {
    const first = webhookKey("/lever/catch", lever("evt-1", 1_000, "aa"));
    const retry = webhookKey("/lever/catch", lever("evt-1", 9_000, "bb"));
    expect(first).toEqual(retry);
    expect(first.source).toBe("event-id");
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookKey("/lever/catch", lever("evt-2", 1_000, "aa")).key).not.toBe(first.key);
  });

  it("scopes the key by route (case-insensitively): one event posted to two actions runs on both", () => {
    const body = lever("evt-1", 1_000, "aa");
    expect(webhookKey("/lever/a", body).key).not.toBe(webhookKey("/lever/b", body).key);
    expect(webhookKey("/Lever/A", body).key).toBe(webhookKey("/lever/a", body).key);
  });

  it("digests route and raw bytes when the vendor sends no event id (Workable, HrFlow.ai)", () => {
    const body = JSON.stringify({ event_type: "candidate_created", data: { id: "c1", email: "a@b.c" } });
    const key = webhookKey("/workable/create", body);
    expect(key.source).toBe("body-digest");
    const expected = createHash("sha256").update(`body\0/workable/create\0${body}`).digest("hex");
    expect(key.key).toBe(expected);
    expect(webhookKey("/workable/create", Buffer.from(body))).toEqual(key);
    // Same JSON, other bytes: another delivery (the digest does not re-serialize).
    expect(webhookKey("/workable/create", `${body} `).key).not.toBe(key.key);
  });

  it("takes an id only from an event envelope, never from an item that happens to have one", () => {
    expect(webhookEventId(JSON.stringify({ id: "p1", email: "a@b.c" }))).toBeNull();
    expect(webhookEventId(JSON.stringify({ id: "e1", type: "profile.created" }))).toBeNull();
    expect(webhookEventId(JSON.stringify({ id: 42, type: "x", data: {} }))).toBe("42");
    expect(webhookEventId(JSON.stringify({ id: " ", event: "x", data: {} }))).toBeNull();
    expect(webhookEventId("[1,2]")).toBeNull();
    expect(webhookEventId("not json")).toBeNull();
    expect(webhookKey("/r", "not json").source).toBe("body-digest");
  });
});
