import { describe, expect, it } from "vitest";
import { environmentRoot, sameSite, TokenSession } from "../src/index.js";

describe("environmentRoot", () => {
  it("drops trailing slashes and a trailing /public/v1", () => {
    expect(environmentRoot("https://api.digitalrecruiters.com/")).toBe("https://api.digitalrecruiters.com");
    expect(environmentRoot("https://api.digitalrecruiters.com/public/v1/")).toBe(
      "https://api.digitalrecruiters.com",
    );
    expect(environmentRoot("https://acme.example/dr")).toBe("https://acme.example/dr");
  });
});

describe("sameSite", () => {
  it("lets the session token go to the API's own site only", () => {
    const base = "https://api.digitalrecruiters.com";
    expect(sameSite("https://api.digitalrecruiters.com/files/1.pdf", base)).toBe(true);
    expect(sameSite("https://app.digitalrecruiters.com/files/1.pdf", base)).toBe(true);
    expect(sameSite("https://storage.example.com/1.pdf", base)).toBe(false);
    expect(sameSite("https://a.co.uk/x", "https://b.co.uk")).toBe(false);
    expect(sameSite("http://127.0.0.2/x", "http://127.0.0.1")).toBe(false);
    expect(sameSite("http://127.0.0.1:4001/x", "http://127.0.0.1:4000")).toBe(false);
    expect(sameSite("http://api.digitalrecruiters.com/x", "https://api.digitalrecruiters.com")).toBe(false);
  });
});

describe("TokenSession", () => {
  it("logs in once for concurrent callers and renews once for concurrent 401s", async () => {
    let logins = 0;
    let refreshes = 0;
    const session = new TokenSession({
      login: async () => ({ token: `login-${++logins}`, refresh_token: `r-${logins}` }),
      refresh: async (rt) => ({ token: `refreshed-${++refreshes}-${rt}`, refresh_token: `r2-${refreshes}` }),
    });
    const tokens = await Promise.all([session.token(), session.token(), session.token()]);
    expect(tokens).toEqual(["login-1", "login-1", "login-1"]);
    const renewed = await Promise.all([session.renew("login-1"), session.renew("login-1")]);
    expect(renewed).toEqual(["refreshed-1-r-1", "refreshed-1-r-1"]);
    // A caller still holding the old token gets the new one without another refresh.
    expect(await session.renew("login-1")).toBe("refreshed-1-r-1");
    expect([logins, refreshes]).toEqual([1, 1]);
  });

  it("logs in again when the refresh is refused", async () => {
    let logins = 0;
    const session = new TokenSession({
      login: async () => ({ token: `login-${++logins}`, refresh_token: "r" }),
      refresh: async () => {
        throw new Error("HTTP 401");
      },
    });
    const first = await session.token();
    expect(await session.renew(first)).toBe("login-2");
  });
});
