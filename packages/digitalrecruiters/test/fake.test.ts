import { afterEach, describe, expect, it } from "vitest";
import { type FakeDigitalRecruiters, startFakeDigitalRecruiters } from "../src/testing/index.js";

let dr: FakeDigitalRecruiters;
afterEach(() => dr?.close());

const LIST = "/public/v1/job-applications/detailed";

async function login(body: Record<string, unknown>, apiKey = dr.apiKey) {
  return fetch(`${dr.baseUrl}/public/v1/users/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-dr-api-key": apiKey },
    body: JSON.stringify(body),
  });
}

describe("the fake DigitalRecruiters", () => {
  it("logs in with {email, password} only, and with the API key", async () => {
    dr = await startFakeDigitalRecruiters();
    expect((await login({ username: dr.email, password: dr.password })).status).toBe(401);
    expect((await login({ email: dr.email, password: dr.password }, "bad-key")).status).toBe(401);
    const ok = await login({ email: dr.email, password: dr.password });
    expect(ok.status).toBe(200);
    expect(Object.keys((await ok.json()) as object).sort()).toEqual(["refresh_token", "token"]);
  });

  it("pages applications with next links, refuses duplicated query keys and missing tokens", async () => {
    dr = await startFakeDigitalRecruiters({ jobAds: 1, applications: 5 });
    const { token } = (await (await login({ email: dr.email, password: dr.password })).json()) as {
      token: string;
    };
    const headers = { "x-dr-api-key": dr.apiKey, authorization: `Bearer ${token}` };
    const first = await fetch(`${dr.baseUrl}${LIST}?limit=2`, { headers });
    const body = (await first.json()) as { items: unknown[]; links: { next: string } };
    expect(body.items).toHaveLength(2);
    expect(new URL(body.links.next).searchParams.get("page")).toBe("2");
    const duplicated = await fetch(`${dr.baseUrl}${LIST}?page=2&limit=2&limit=2&page=1`, { headers });
    expect(duplicated.status).toBe(400);
    expect((await fetch(`${dr.baseUrl}${LIST}`, { headers: { "x-dr-api-key": dr.apiKey } })).status).toBe(
      401,
    );
    const last = (await (await fetch(`${dr.baseUrl}${LIST}?limit=2&page=3`, { headers })).json()) as {
      items: unknown[];
      links: { next: string | null };
    };
    expect([last.items.length, last.links.next]).toEqual([1, null]);
  });

  it("serves CVs only with a session token", async () => {
    dr = await startFakeDigitalRecruiters({ jobAds: 1, applications: 1 });
    const url = dr.applications[0]!.cv!.url!;
    expect((await fetch(url)).status).toBe(401);
    const { token } = (await (await login({ email: dr.email, password: dr.password })).json()) as {
      token: string;
    };
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(dr.cv(dr.applications[0]!.id!));
  });

  it("answers the export and apply only to the path token", async () => {
    dr = await startFakeDigitalRecruiters({ jobAds: 2 });
    expect((await fetch(`${dr.baseUrl}/export/job-ads/wrong`)).status).toBe(401);
    const ads = (await (await fetch(`${dr.baseUrl}/export/job-ads/${dr.token}`)).json()) as {
      ads: unknown[];
    };
    expect(ads.ads).toHaveLength(2);
    expect(dr.requests.count({ route: "/export/job-ads/{token}" })).toBe(2);
  });

  it("answers 429 with Retry-After past its rate limit, file downloads aside", async () => {
    // A window of 2^40 ms (about 35 years): no window boundary falls inside the test.
    dr = await startFakeDigitalRecruiters({ jobAds: 1, rateLimit: { requests: 2, perMs: 2 ** 40 } });
    const ads = `${dr.baseUrl}/export/job-ads/${dr.token}`;
    expect([(await fetch(ads)).status, (await fetch(ads)).status]).toEqual([200, 200]);
    const refused = await fetch(ads);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // A CV is storage, outside the window: it is not refused (401 without a session, not 429).
    expect((await fetch(`${dr.baseUrl}/files/cv/1.pdf`)).status).toBe(401);
  });
});
