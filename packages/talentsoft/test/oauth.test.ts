import {
  clearTokenSessions,
  createHttpClient,
  sessionAuth,
  TokenSession,
} from "@hrflow-connectors/core/http";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type ClientCredentialsConfig,
  clientCredentialsSession,
  requestClientCredentialsToken,
} from "../src/index.js";
import { type FakeTalentSoft, startFakeTalentSoft } from "../src/testing/index.js";

let ts: FakeTalentSoft;
afterEach(async () => {
  vi.useRealTimers();
  clearTokenSessions();
  await ts?.close();
});

const answer = (body: unknown, status = 200): typeof fetch =>
  (async () =>
    new Response(typeof body === "string" ? body : JSON.stringify(body), { status })) as typeof fetch;

function configFor(
  fake: FakeTalentSoft,
  scope: string | null = "MatchingIndexation",
): ClientCredentialsConfig {
  return {
    tokenUrl: `${fake.baseUrl}/api/token`,
    clientId: fake.backOffice.client_id,
    clientSecret: fake.backOffice.client_secret,
    scope: scope ?? undefined,
    vendor: "talentsoft",
  };
}

/** A session over the token request, counting the requests it makes. */
function sessionOver(config: ClientCredentialsConfig, fetcher: typeof fetch = fetch) {
  const counted = { requests: 0 };
  const session = new TokenSession({
    login: () => {
      counted.requests++;
      return requestClientCredentialsToken(config, fetcher);
    },
  });
  return Object.assign(counted, { session });
}

describe("client-credentials tokens", () => {
  it("asks once, shares the request between concurrent callers, and renews before expiry", async () => {
    ts = await startFakeTalentSoft({ tokenLifetimeSeconds: 1200 });
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const token = sessionOver(configFor(ts));
    const [a, b] = await Promise.all([token.session.token(), token.session.token()]);
    expect(a).toBe(b);
    expect(await token.session.token()).toBe(a);
    expect(token.requests).toBe(1);
    // 1200 s lifetime, renewed 60 s before the end.
    vi.advanceTimersByTime(1139_000);
    expect(await token.session.token()).toBe(a);
    vi.advanceTimersByTime(2_000);
    const renewed = await token.session.token();
    expect(renewed).not.toBe(a);
    expect(token.requests).toBe(2);
    // The form is URL-encoded: the fake's secrets contain "+", "/" and "=".
    expect(ts.tokens.map((t) => t.scope)).toEqual(["MatchingIndexation", "MatchingIndexation"]);
  });

  it("renews only when told the current token was refused", async () => {
    ts = await startFakeTalentSoft();
    const { session } = sessionOver(configFor(ts));
    const first = await session.token();
    expect(await session.renew("some-other-token")).toBe(first);
    const second = await session.renew(first);
    expect(second).not.toBe(first);
    expect(await session.token()).toBe(second);
  });

  it("reads expires_in given as text, and keeps a token without lifetime until refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    const config = {
      tokenUrl: "http://127.0.0.1:9/api/token",
      clientId: "id",
      clientSecret: "secret",
      vendor: "talentsoft",
    };
    const answers = [{ access_token: "A", expires_in: "3600" }, { access_token: "B" }, { access_token: "C" }];
    const next: typeof fetch = (...args) => answer(answers.shift())(...args);
    expect(
      await requestClientCredentialsToken(config, answer({ access_token: "A", expires_in: "0" })),
    ).toEqual({
      accessToken: "A",
      expiresInSeconds: null,
    });
    const { session } = sessionOver(config, next);
    expect(await session.token()).toBe("A");
    vi.advanceTimersByTime(3_500_000);
    expect(await session.token()).toBe("A");
    vi.advanceTimersByTime(50_000); // 60 s before the end of its hour
    expect(await session.token()).toBe("B");
    vi.advanceTimersByTime(10 * 3_600_000);
    expect(await session.token()).toBe("B");
  });

  it("fails clearly on a refusal or an answer without access_token, never echoing the secret", async () => {
    const config = {
      tokenUrl: "http://127.0.0.1:9/api/token",
      clientId: "id",
      clientSecret: "s3cr3t-value",
      vendor: "talentsoft",
    };
    await expect(
      requestClientCredentialsToken(config, answer({ error: "invalid_client", echo: "s3cr3t-value" }, 400)),
    ).rejects.toThrow(
      /^Failed to get authentication token: talentsoft POST .* HTTP 400: \{"error":"invalid_client","echo":"\*\*\*"\}/,
    );
    await expect(requestClientCredentialsToken(config, answer("<html>maintenance</html>"))).rejects.toThrow(
      /without an access_token/,
    );
  });

  it("shares one session per client and scope across clients", async () => {
    ts = await startFakeTalentSoft();
    const config = configFor(ts, null);
    const scoped = clientCredentialsSession({ ...config, scope: "MatchingIndexation" }, fetch);
    expect(clientCredentialsSession({ ...config, scope: "MatchingIndexation" }, fetch)).toBe(scoped);
    expect(clientCredentialsSession(config, fetch)).not.toBe(scoped);
  });

  it("sends the token with the given scheme and renews it once on a 401", async () => {
    ts = await startFakeTalentSoft({ vacancies: 1 });
    const client = (scope: string | null, scheme?: string) =>
      createHttpClient<any>({
        baseUrl: ts.baseUrl,
        vendor: "talentsoft",
        retry: { retries: 0 },
        ...sessionAuth(sessionOver(configFor(ts, scope)).session, scheme),
      });
    const call = client("MatchingIndexation", "bearer");
    const get = async (c: ReturnType<typeof client>) =>
      c
        .GET("/api/exports/v1/vacancies", {
          params: { query: { offset: 0, limit: 10 } },
          parseAs: "arrayBuffer",
        })
        .then(
          (res) => res.response.status,
          (err: { status: number }) => err.status,
        );
    expect(await get(call)).toBe(200);
    ts.revokeTokens();
    expect(await get(call)).toBe(200);
    expect(ts.requests.filter({ route: "/api/exports/v1/vacancies" }).map((r) => r.status)).toEqual([
      200, 401, 200,
    ]);
    expect(ts.requests.filter({ route: "/api/exports/v1/vacancies" })[0]!.headers.authorization).toMatch(
      /^bearer /,
    );
    // A client whose every token is refused gets the refusal back after one renewal, not a loop.
    expect(await get(client(null))).toBe(403);
  });
});
