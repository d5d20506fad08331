import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../src/http/client.js";
import { HttpRuntime } from "../src/http/runtime.js";
import { type RenewReason, sessionAuth, TokenSession } from "../src/http/token-session.js";
import { scriptedServer } from "./http-server.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe("token sessions", () => {
  it("logs in lazily, renews once for many concurrent 401s, and resends the refused calls", async () => {
    let valid = "tok-1";
    const s = await scriptedServer([
      (req, res) => {
        const ok = req.headers.authorization === `Bearer ${valid}`;
        res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
        res.end(JSON.stringify(ok ? { ok: true } : { error: "expired" }));
      },
    ]);
    closers.push(s.close);
    let logins = 0;
    let refreshes = 0;
    const session = new TokenSession({
      login: async () => ({ accessToken: `tok-${++logins}`, refreshToken: "r-1" }),
      refresh: async (r) => {
        refreshes++;
        expect(r).toBe("r-1");
        return { accessToken: "tok-fresh", refreshToken: "r-2" };
      },
    });
    const { auth, renewAuth } = sessionAuth(session);
    const client = createHttpClient<any>({
      baseUrl: s.url,
      vendor: "Test",
      auth,
      renewAuth,
      retry: { retries: 0 },
    });
    // Concurrent first calls share one login.
    const first = await Promise.all([session.token(), session.token(), client.GET("/a", {})]);
    expect([first[0], first[1], first[2].response.status]).toEqual(["tok-1", "tok-1", 200]);
    valid = "tok-fresh"; // the vendor revokes tok-1
    const results = await Promise.all(Array.from({ length: 5 }, () => client.GET("/a", {})));
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200]);
    expect([logins, refreshes]).toEqual([1, 1]);
  });

  it("falls back to a login when the refresh is refused, and renews ahead of expiry", async () => {
    let logins = 0;
    const session = new TokenSession({
      login: async () => ({ accessToken: `tok-${++logins}`, refreshToken: "r", expiresInSeconds: 0.05 }),
      refresh: async () => {
        throw new Error("refresh token spent");
      },
    });
    expect(await session.token()).toBe("tok-1");
    await new Promise((r) => setTimeout(r, 80));
    expect(await session.token()).toBe("tok-2");
    expect(await session.renew("tok-1")).toBe("tok-2"); // already newer: no new login
    expect(await session.renew("tok-2")).toBe("tok-3");
  });

  it("gives up after one renewal when the vendor keeps refusing", async () => {
    const s = await scriptedServer([
      (_req, res) => {
        res.writeHead(401);
        res.end("{}");
      },
    ]);
    closers.push(s.close);
    let logins = 0;
    const session = new TokenSession({ login: async () => ({ accessToken: `t-${++logins}` }) });
    const client = createHttpClient<any>({ baseUrl: s.url, vendor: "Test", ...sessionAuth(session) });
    const err = await client.GET("/a", {}).catch((e) => e);
    expect(err.status).toBe(401);
    expect(s.hits).toHaveLength(2);
    expect(logins).toBe(2);
  });

  it("tells the refresh why it renews, and throws its error when the issuer forbids a new login", async () => {
    const reasons: RenewReason[] = [];
    let logins = 0;
    let refreshes = 0;
    const session = new TokenSession({
      login: async () => ({ accessToken: `tok-${++logins}`, refreshToken: "r", expiresInSeconds: 0 }),
      refresh: async (_r, reason) => {
        reasons.push(reason);
        if (++refreshes === 3) throw new Error("refresh token spent");
        return { accessToken: `fresh-${refreshes}`, expiresInSeconds: 0 };
      },
      loginAfterRefusedRefresh: (err) => !/spent/.test((err as Error).message),
    });
    // A lifetime of zero is not "no lifetime": every use renews first.
    expect(await session.token()).toBe("tok-1");
    expect(await session.token()).toBe("fresh-1");
    expect(await session.renew("fresh-1")).toBe("fresh-2");
    await expect(session.token()).rejects.toThrow("refresh token spent");
    expect(reasons).toEqual(["expiry", "refused", "expiry"]);
    expect(logins).toBe(1);
  });

  it("shares one session per key, and renews through the issuer of the caller that asks", async () => {
    const runtime = new HttpRuntime();
    const used: string[] = [];
    const issuer = (name: string) => ({
      login: async () => {
        used.push(`${name}:login`);
        return { accessToken: `${name}-login`, refreshToken: `${name}-r` };
      },
      refresh: async (r: string) => {
        used.push(`${name}:refresh:${r}`);
        return { accessToken: `${name}-fresh`, refreshToken: `${name}-r2` };
      },
    });
    const a = issuer("a");
    const b = issuer("b");
    const first = runtime.session("vendor|k", () => new TokenSession(a));
    expect(runtime.session("vendor|k", () => new TokenSession(b))).toBe(first);
    expect(runtime.session("vendor|other", () => new TokenSession(b))).not.toBe(first);
    expect(await first.token()).toBe("a-login");
    expect(await first.renew("a-login", b)).toBe("b-fresh");
    expect(used).toEqual(["a:login", "b:refresh:a-r"]);
    runtime.clearSessions();
    expect(runtime.session("vendor|k", () => new TokenSession(b))).not.toBe(first);
    expect(new HttpRuntime().session("vendor|k", () => new TokenSession(b))).not.toBe(first);
  });
});
