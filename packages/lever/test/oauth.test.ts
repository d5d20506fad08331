import { HttpRuntime, OAuthError } from "@hrflow-connectors/core/http";
import { AuthorizationCodeOAuth } from "@hrflow-connectors/core/vendor";
import { afterEach, describe, expect, it } from "vitest";
import { Lever, LeverClient, leverApiBaseUrl, leverTokenUrl } from "../src/index.js";
import { type Fakes, runtime, startFakes } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

/** A client; clients with the same credentials share one OAuth session, as runs of one process do. */
function client(f: Fakes, credentials = f.lever.credentials()) {
  const settings = runtime(f, {
    http: { retry: { baseDelayMs: 1, retries: 2 }, rateLimits: { lever: { requests: 1000, perMs: 1000 } } },
  });
  return { client: new LeverClient(settings, credentials), logs: settings.logs, credentials };
}

const jobOptions = (f: Fakes, board: string, credentials: ReturnType<Fakes["lever"]["credentials"]>) => ({
  workflow_id: "lever-oauth",
  origin_parameters: credentials,
  target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
});

/** A session whose access token is revoked and whose refresh token the OAuth server now refuses (403). */
async function spendRefreshToken(f: Fakes, message?: string) {
  const { client: lever, credentials } = client(f);
  await lever.postings(10).next();
  f.lever.revokeAccessTokens();
  f.lever.fail({ route: "/auth/oauth/token", status: 403, ...(message ? { message } : {}) });
  return credentials;
}

describe("Lever OAuth", () => {
  it("derives the token and API URLs from the domains, production hosts included", () => {
    expect(leverTokenUrl(undefined, "sandbox-lever")).toBe("https://sandbox-lever.auth0.com/oauth/token");
    expect(leverTokenUrl(undefined, "auth.lever.co")).toBe("https://auth.lever.co/oauth/token");
    expect(leverApiBaseUrl(undefined, "api.sandbox")).toBe("https://api.sandbox.lever.co/v1");
    expect(leverApiBaseUrl(undefined, "api.lever.co")).toBe("https://api.lever.co/v1");
  });

  it("exchanges the single-use code once and reuses the cached tokens on the next run", async () => {
    fakes = await startFakes({ postings: 3 });
    const board = fakes.hrflow.addBoard();
    const credentials = fakes.lever.credentials();
    const first = await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes));
    // The original exchanged the same code again here, which Lever refuses.
    const second = await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes));
    expect([first.status, second.status]).toEqual(["success", "success"]);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token" })).toBe(1);
    expect(fakes.lever.requests.count({ route: "/v1/postings", status: 200 })).toBe(2);
  });

  it("refreshes once after a 401 and carries on with the same request", async () => {
    fakes = await startFakes({ postings: 250 });
    const board = fakes.hrflow.addBoard();
    const credentials = fakes.lever.credentials();
    await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes));
    fakes.lever.revokeAccessTokens();
    const rt = runtime(fakes);
    const res = await Lever.pullJobList(jobOptions(fakes, board, credentials), rt);
    expect([res.status, res.events.read_success]).toEqual(["success", 250]);
    expect(fakes.lever.requests.count({ route: "/v1/postings", status: 401 })).toBe(1);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token", status: 200 })).toBe(2);
    expect(rt.logs.some((r) => r.message === "Lever access token refreshed (rejected)")).toBe(true);
  });

  it("refreshes once for many concurrent 401s (refresh tokens rotate, a second refresh would fail)", async () => {
    fakes = await startFakes({ opportunities: 8 });
    const { client: lever } = client(fakes);
    const ids = fakes.lever.opportunities.map((o) => o.id);
    await lever.resumes(ids[0]!);
    fakes.lever.revokeAccessTokens();
    const all = await Promise.all(ids.map((id) => lever.resumes(id)));
    expect(all.every((r) => Array.isArray(r) && r.length === 1)).toBe(true);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token", status: 200 })).toBe(2);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token", status: 403 })).toBe(0);
  });

  it("refreshes before a token expires instead of waiting for a 401", async () => {
    // Tokens announced with no life left: every call finds its token expiring and refreshes first.
    fakes = await startFakes({ postings: 30, expiresIn: 0, enforceExpiry: false });
    const { client: lever, logs } = client(fakes);
    let n = 0;
    for await (const _ of lever.postings(10)) n++;
    expect(n).toBe(30);
    expect(fakes.lever.requests.count({ status: 401 })).toBe(0);
    // One code exchange for the first page, then one refresh before each later page.
    const pages = fakes.lever.requests.count({ route: "/v1/postings" });
    expect(pages).toBe(3);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token" })).toBe(pages);
    expect(logs.filter((r) => r.message === "Lever access token refreshed (expiry)").length).toBe(pages - 1);
  });

  it("gives up after one refresh when Lever keeps refusing the token", async () => {
    fakes = await startFakes({ postings: 3 });
    const { client: lever } = client(fakes);
    fakes.lever.rejectTokens(true);
    await expect(lever.postings(10).next()).rejects.toThrow(/HTTP 401/);
    expect(fakes.lever.requests.count({ route: "/v1/postings" })).toBe(2);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token" })).toBe(2);
  });

  it("fails clearly when the refresh token is spent and the code was already used", async () => {
    fakes = await startFakes({ postings: 3 });
    const credentials = await spendRefreshToken(fakes, "Unknown or invalid refresh token.");
    const again = client(fakes, credentials).client;
    const err = await again
      .postings(10)
      .next()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect((err as OAuthError).message).toMatch(/^Lever token refresh failed with HTTP 403/);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token" })).toBe(2);
  });

  it("falls back to a new authorization code when the refresh token is spent", async () => {
    fakes = await startFakes({ postings: 3 });
    const credentials = await spendRefreshToken(fakes);
    const renewed = { ...credentials, authorization_code: fakes.lever.issueCode() };
    const again = client(fakes, renewed).client;
    const first = await again.postings(10).next();
    expect(first.done).toBe(false);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token", status: 200 })).toBe(2);
  });

  it("asks for a new code when a session without refresh token is refused", async () => {
    let exchanges = 0;
    // An OAuth server that issues no refresh token, answering every exchange of the code.
    const server = (async () => {
      exchanges++;
      return new Response(JSON.stringify({ access_token: `at-${exchanges}`, expires_in: 3600 }));
    }) as typeof fetch;
    const grant = {
      tokenUrl: "http://127.0.0.1:9/oauth/token",
      clientId: "id",
      clientSecret: "secret-1",
      authorizationCode: "code-1",
    };
    const runtime = new HttpRuntime();
    const oauth = new AuthorizationCodeOAuth(grant, {
      key: "lever",
      vendor: "Lever",
      fetch: server,
      runtime,
    });
    expect(await oauth.session.token(oauth.issuer)).toBe("at-1");
    await expect(oauth.session.renew("at-1", oauth.issuer)).rejects.toThrow(
      /authorization code was already used; a new authorization code is needed/,
    );
    // The same app with a new code shares the session and exchanges that code.
    const renewed = new AuthorizationCodeOAuth(
      { ...grant, authorizationCode: "code-2" },
      { key: "lever", vendor: "Lever", fetch: server, runtime },
    );
    expect(renewed.session).toBe(oauth.session);
    expect(await renewed.session.renew("at-1", renewed.issuer)).toBe("at-2");
    expect(exchanges).toBe(2);
  });

  it("stops before any API call when the code is refused", async () => {
    fakes = await startFakes({ postings: 3 });
    const board = fakes.hrflow.addBoard();
    const credentials = { ...fakes.lever.credentials(), authorization_code: "code_never_issued" };
    const rt = runtime(fakes);
    const res = await Lever.pullJobList(jobOptions(fakes, board, credentials), rt);
    expect([res.status, res.events.read_failure]).toEqual(["fatal", 1]);
    expect(fakes.lever.requests.count({ routePrefix: "/v1/" })).toBe(0);
    const error = rt.logs.find((r) => r.level === "error")!;
    expect(error.message).toContain("Lever authorization code exchange failed with HTTP 403");
    expect(error.message).toContain("invalid_grant");
  });
});
