import { afterEach, describe, expect, it } from "vitest";
import { type FakeTalentSoft, startFakeTalentSoft } from "../src/testing/index.js";

let ts: FakeTalentSoft | undefined;
afterEach(() => ts?.close());

describe("the fake TalentSoft's optional rate limit", () => {
  it("answers 429 with Retry-After past it, token requests included, storage aside", async () => {
    // A window of 2^40 ms (about 35 years): no window boundary falls inside the test.
    ts = await startFakeTalentSoft({ rateLimit: { requests: 2, perMs: 2 ** 40 } });
    const token = () =>
      fetch(`${ts!.baseUrl}/api/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", ...ids(ts!) }).toString(),
      });
    expect([(await token()).status, (await token()).status]).toEqual([200, 200]);
    const refused = await token();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Files stand for HrFlow's storage: never refused by the tenant's window.
    const file = ts.addFile("cv.pdf", new Uint8Array([37, 80, 68, 70]));
    expect((await fetch(file)).status).toBe(200);
  });

  it("enforces nothing by default (TalentSoft publishes no limit)", async () => {
    ts = await startFakeTalentSoft();
    for (let i = 0; i < 12; i++)
      expect((await fetch(`${ts.baseUrl}/api/exports/v1/vacancies`)).status).toBe(401);
  });
});

const ids = (fake: FakeTalentSoft) => ({
  client_id: fake.backOffice.client_id,
  client_secret: fake.backOffice.client_secret,
  scope: "MatchingIndexation",
});
