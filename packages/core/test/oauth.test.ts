import { afterEach, describe, expect, it } from "vitest";
import {
  clientCredentialsSession,
  clientCredentialsTokens,
  HttpRuntime,
  policyFetch,
  refreshTokens,
  requestTokens,
  TokenSession,
  tokenRequestFetch,
} from "../src/http/index.js";
import { isOutcomeUnknown, OAuthError } from "../src/index.js";
import { json, scriptedServer } from "./http-server.js";

const SECRET = "client-secret-0123456789";
const quick = { vendor: "acme", retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 };
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function server(script: Parameters<typeof scriptedServer>[0]) {
  const s = await scriptedServer(script);
  close = s.close;
  return { ...s, app: { tokenUrl: `${s.url}/token`, clientId: "client-1", clientSecret: SECRET } };
}

describe("OAuth token requests", () => {
  it("asks for a client-credentials token, resending it after a 503 like a read", async () => {
    const s = await server([
      json(503, { error: "busy" }),
      json(200, { access_token: "tok-1", expires_in: "120", token_type: "bearer" }),
    ]);
    const fetch = tokenRequestFetch(quick);
    const tokens = await clientCredentialsTokens({ ...s.app, scope: "read" }, { fetch, label: "acme token" });
    expect(tokens).toEqual({ accessToken: "tok-1", expiresInSeconds: 120 });
    expect(s.hits.map((h) => h.method)).toEqual(["POST", "POST"]);
    expect(Object.fromEntries(new URLSearchParams(s.hits[1]!.body))).toEqual({
      client_id: "client-1",
      client_secret: SECRET,
      grant_type: "client_credentials",
      scope: "read",
    });
  });

  it("sends the client as HTTP Basic when the server asks for it, and reads an absolute expires_at", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const s = await server([
      json(200, { access_token: "tok-b", token_type: "Bearer", expires_at: expiresAt }),
      json(401, { error: "invalid_client", echo: Buffer.from(`client-1:${SECRET}`).toString("base64") }),
    ]);
    const app = { ...s.app, clientAuthentication: "basic" as const };
    const options = { fetch: globalThis.fetch, label: "acme token" };
    const tokens = await requestTokens(app, { grant_type: "client_credentials", sub: "42" }, options);
    expect(tokens.accessToken).toBe("tok-b");
    // An hour ahead, read a few seconds later on a busy machine.
    expect(tokens.expiresInSeconds).toBeGreaterThan(3000);
    expect(tokens.expiresInSeconds).toBeLessThanOrEqual(3600);
    expect(s.hits[0]!.auth).toBe(`Basic ${Buffer.from(`client-1:${SECRET}`).toString("base64")}`);
    expect(Object.fromEntries(new URLSearchParams(s.hits[0]!.body))).toEqual({
      grant_type: "client_credentials",
      sub: "42",
    });
    const refused = await requestTokens(app, { grant_type: "client_credentials" }, options).catch((e) => e);
    expect((refused as OAuthError).message).not.toContain(
      Buffer.from(`client-1:${SECRET}`).toString("base64"),
    );
  });

  it("reads a refresh answer's rotated token, and the lifetime rules", async () => {
    const s = await server([
      json(200, { access_token: "tok-2", refresh_token: "rt-2" }),
      json(200, { access_token: "tok-3", expires_in: 0 }),
    ]);
    const options = { fetch: globalThis.fetch, label: "acme refresh", defaultExpiresInSeconds: 3600 };
    expect(await refreshTokens(s.app, "rt-1", options)).toEqual({
      accessToken: "tok-2",
      refreshToken: "rt-2",
      expiresInSeconds: 3600,
    });
    // Zero is "expired now" unless the vendor uses it for "no lifetime".
    expect((await refreshTokens(s.app, "rt-2", options)).expiresInSeconds).toBe(0);
    const zeroIsNone = { ...options, defaultExpiresInSeconds: null, zeroMeansNoLifetime: true };
    expect((await refreshTokens(s.app, "rt-3", zeroIsNone)).expiresInSeconds).toBeNull();
    expect(new URLSearchParams(s.hits[0]!.body).get("refresh_token")).toBe("rt-1");
  });

  it("fails with one error type whose message masks the secret, the grant's token and known tokens", async () => {
    const s = await server([
      json(401, { error: "invalid_grant", echo: `${SECRET} rt-secret-1 at-known-1` }),
      (_req, res) => res.end("<html>maintenance</html>"),
    ]);
    const options = { fetch: globalThis.fetch, label: "acme refresh", secrets: () => ["at-known-1"] };
    const refused = await refreshTokens(s.app, "rt-secret-1", options).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuthError);
    expect((refused as OAuthError).status).toBe(401);
    expect((refused as OAuthError).message).toMatch(/^acme refresh failed with HTTP 401: .*invalid_grant/);
    for (const secret of [SECRET, "rt-secret-1", "at-known-1"]) {
      expect((refused as OAuthError).message).not.toContain(secret);
    }
    await expect(refreshTokens(s.app, "rt-secret-1", options)).rejects.toThrow(
      /^acme refresh answered a body that is not JSON, without an access_token$/,
    );
  });

  it("keeps the fetch error as the cause when no answer came (a sent code may be spent)", async () => {
    const s = await server([(req) => req.socket.destroy()]);
    // The fetch of a single-use code: never resent, so a lost answer is an unknown outcome.
    const fetch = policyFetch(quick);
    const err = await clientCredentialsTokens(s.app, { fetch, label: "acme token" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect((err as OAuthError).status).toBe(0);
    expect((err as OAuthError).message).toMatch(/^acme token failed: /);
    expect((err as OAuthError).message).not.toContain(SECRET);
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect(isOutcomeUnknown((err as Error).cause)).toBe(true);
  });

  it("shares one client-credentials session per app and scope, and remembers its recent tokens", async () => {
    let n = 0;
    const s = await server([
      (_req, res) =>
        json(200, { access_token: `tok-${++n}`, refresh_token: `rt-${n}`, expires_in: 0 })(_req, res),
    ]);
    const options = { fetch: globalThis.fetch, label: "acme token" };
    const runtime = new HttpRuntime();
    const session = clientCredentialsSession("acme", s.app, options, runtime);
    expect(clientCredentialsSession("acme", s.app, options, runtime)).toBe(session);
    expect(clientCredentialsSession("acme", { ...s.app, scope: "write" }, options, runtime)).not.toBe(
      session,
    );
    expect(clientCredentialsSession("other", s.app, options, runtime)).not.toBe(session);
    expect(clientCredentialsSession("acme", s.app, options)).not.toBe(session);
    // A lifetime of zero: every call renews, and the session keeps the last eight tokens only.
    for (let i = 0; i < 6; i++) await session.token();
    expect(session).toBeInstanceOf(TokenSession);
    expect(session.recentTokens()).toEqual([
      "tok-3",
      "rt-3",
      "tok-4",
      "rt-4",
      "tok-5",
      "rt-5",
      "tok-6",
      "rt-6",
    ]);
  });
});
