import { afterEach, describe, expect, it } from "vitest";
import { ClientCredentialsToken, oauthFetch, sharedClientCredentialsToken } from "../src/index.js";
import { type FakeTalentSoft, startFakeTalentSoft } from "../src/testing/index.js";

let ts: FakeTalentSoft;
afterEach(() => ts?.close());

const answer = (body: unknown, status = 200): typeof fetch =>
  (async () =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), { status })) as typeof fetch;

function tokenFor(fake: FakeTalentSoft, clock: { now: number }, scope: string | null = "MatchingIndexation") {
  return new ClientCredentialsToken({
    tokenUrl: `${fake.baseUrl}/api/token`,
    clientId: fake.backOffice.client_id,
    clientSecret: fake.backOffice.client_secret,
    scope: scope ?? undefined,
    vendor: "talentsoft",
    now: () => clock.now,
  });
}

describe("client-credentials tokens", () => {
  it("asks once, shares the request between concurrent callers, and renews before expiry", async () => {
    ts = await startFakeTalentSoft({ tokenLifetimeSeconds: 1200 });
    const clock = { now: 1_000_000 };
    const token = tokenFor(ts, clock);
    const [a, b] = await Promise.all([token.get(fetch), token.get(fetch)]);
    expect(a).toBe(b);
    expect(await token.get(fetch)).toBe(a);
    expect(token.requests).toBe(1);
    // 1200 s lifetime, renewed 60 s before the end.
    clock.now += 1139_000;
    expect(await token.get(fetch)).toBe(a);
    clock.now += 2_000;
    const renewed = await token.get(fetch);
    expect(renewed).not.toBe(a);
    expect(token.requests).toBe(2);
    // The form is URL-encoded: the fake's secrets contain "+", "/" and "=".
    expect(ts.tokens.map((t) => t.scope)).toEqual(["MatchingIndexation", "MatchingIndexation"]);
  });

  it("drops only the token it is told is stale", async () => {
    ts = await startFakeTalentSoft();
    const token = tokenFor(ts, { now: 0 });
    const first = await token.get(fetch);
    token.invalidate("some-other-token");
    expect(await token.get(fetch)).toBe(first);
    token.invalidate(first);
    expect(await token.get(fetch)).not.toBe(first);
  });

  it("reads expires_in given as text, and keeps a token without lifetime until refused", async () => {
    const clock = { now: 0 };
    const token = new ClientCredentialsToken({
      tokenUrl: "http://127.0.0.1:9/api/token",
      clientId: "id",
      clientSecret: "secret",
      vendor: "talentsoft",
      now: () => clock.now,
    });
    expect(await token.get(answer({ access_token: "A", expires_in: "3600" }))).toBe("A");
    clock.now += 3_500_000;
    expect(await token.get(answer({ access_token: "B" }))).toBe("A");
    clock.now += 50_000; // 60 s before the end of its hour
    expect(await token.get(answer({ access_token: "B" }))).toBe("B");
    clock.now += 10 * 3_600_000;
    expect(await token.get(answer({ access_token: "C" }))).toBe("B");
  });

  it("fails clearly on a refusal or an answer without access_token, never echoing the secret", async () => {
    const token = new ClientCredentialsToken({
      tokenUrl: "http://127.0.0.1:9/api/token",
      clientId: "id",
      clientSecret: "s3cr3t-value",
      vendor: "talentsoft",
    });
    await expect(token.get(answer({ error: "invalid_client", echo: "s3cr3t-value" }, 400))).rejects.toThrow(
      /^Failed to get authentication token: talentsoft POST .* HTTP 400: \{"error":"invalid_client","echo":"\*\*\*"\}/,
    );
    await expect(token.get(answer("<html>maintenance</html>"))).rejects.toThrow(/without an access_token/);
  });

  it("shares one token per client and scope across clients", async () => {
    ts = await startFakeTalentSoft();
    const config = {
      tokenUrl: `${ts.baseUrl}/api/token`,
      clientId: ts.backOffice.client_id,
      clientSecret: ts.backOffice.client_secret,
      vendor: "talentsoft",
    };
    const scoped = sharedClientCredentialsToken({ ...config, scope: "MatchingIndexation" });
    expect(sharedClientCredentialsToken({ ...config, scope: "MatchingIndexation" })).toBe(scoped);
    expect(sharedClientCredentialsToken(config)).not.toBe(scoped);
  });

  it("sends the token with the given scheme and renews it once on a 401", async () => {
    ts = await startFakeTalentSoft({ vacancies: 1 });
    const token = tokenFor(ts, { now: 0 });
    const call = oauthFetch(token, { scheme: "bearer", tokenFetch: fetch });
    const url = `${ts.baseUrl}/api/exports/v1/vacancies?offset=0&limit=10`;
    expect((await call(url)).status).toBe(200);
    ts.revokeTokens();
    expect((await call(url)).status).toBe(200);
    expect(ts.requests.filter({ route: "/api/exports/v1/vacancies" }).map((r) => r.status)).toEqual([
      200, 401, 200,
    ]);
    expect(ts.requests.filter({ route: "/api/exports/v1/vacancies" })[0]!.headers.authorization).toMatch(
      /^bearer /,
    );
    // A client whose every token is refused gets the 401 back after one renewal, not a loop.
    const unscoped = oauthFetch(tokenFor(ts, { now: 0 }, null), { tokenFetch: fetch });
    expect((await unscoped(url)).status).toBe(403);
  });
});
