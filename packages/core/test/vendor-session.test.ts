import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "../src/http/errors.js";
import { apiKey, type Credential, defineVendor, loginSession } from "../src/index.js";
import { json, scriptedServers } from "./http-server.js";

type Paths = {
  "/items/{token}": {
    get: {
      parameters: { path: { token: string } };
      responses: { 200: { content: { "application/json": { items: number[] } } } };
    };
  };
  "/items": {
    get: { responses: { 200: { content: { "application/json": { items: number[] } } } } };
  };
};

const server = scriptedServers();

const AUTH = { user: "ops", secret: "s3cret/value 123" };
const quick = { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } };
const acme = (credential: (auth: typeof AUTH) => Credential) =>
  defineVendor<Paths>()({
    key: "acme",
    name: "Acme",
    auth: z.object({ user: z.string(), secret: z.string() }),
    baseUrl: () => "https://acme.invalid/v1",
    credential,
    headers: () => ({ "x-acme-key": "k" }),
    rateLimit: { requests: 100, perMs: 1000 },
  });

describe("apiKey in the path", () => {
  it("leaves the request as the caller wrote it and masks the key, raw and percent-encoded", async () => {
    const s = await server([json(403, { error: "denied" })]);
    const client = acme((a) => apiKey(a.secret, { path: true })).client({
      auth: AUTH,
      baseUrls: { acme: s.url },
      http: quick,
    });
    const err = await client
      .GET("/items/{token}", { params: { path: { token: AUTH.secret } } })
      .catch((e) => e);
    expect(s.hits[0]!.url).toBe(`/items/${encodeURIComponent(AUTH.secret)}`);
    expect(s.hits[0]!.auth).toBeUndefined();
    expect(err).toBeInstanceOf(HttpError);
    expect(String(err.message)).not.toContain(encodeURIComponent(AUTH.secret));
    expect(String(err.message)).not.toContain(AUTH.secret);
  });
});

describe("loginSession with a refresh", () => {
  it("refreshes a refused session with its refresh token, and logs in again when the refresh is refused", async () => {
    const api = await server([
      json(200, { items: [1] }),
      json(401, {}),
      json(200, { items: [2] }),
      json(401, {}),
      json(200, { items: [3] }),
    ]);
    const calls: string[] = [];
    let logins = 0;
    const client = acme((a) =>
      loginSession({
        identity: [a.user],
        secrets: [a.secret],
        send: { header: "authorization", scheme: "Bearer" },
        login: async () => {
          logins++;
          calls.push(`login-${logins}`);
          return { token: `access-${logins}`, refreshToken: `refresh-${logins}` };
        },
        refresh: async (_io, refreshToken) => {
          calls.push(`refresh:${refreshToken}`);
          if (calls.length > 2) throw new Error("refresh refused");
          return { token: "access-refreshed", refreshToken: "refresh-rotated" };
        },
      }),
    ).client({ auth: AUTH, baseUrls: { acme: api.url }, http: quick });
    for (let i = 0; i < 3; i++) await client.GET("/items");
    expect(calls).toEqual(["login-1", "refresh:refresh-1", "refresh:refresh-rotated", "login-2"]);
    expect(api.hits.map((h) => h.auth)).toEqual([
      "Bearer access-1",
      "Bearer access-1",
      "Bearer access-refreshed",
      "Bearer access-refreshed",
      "Bearer access-2",
    ]);
  });

  it("fetches an own-site file with the session token, and fetchFile without it", async () => {
    const api = await server([json(200, { items: [] })]);
    const client = acme((a) =>
      loginSession({
        identity: [a.user],
        secrets: [a.secret],
        send: { header: "authorization", scheme: "Bearer" },
        login: async () => ({ token: "access-1" }),
      }),
    ).client({ auth: AUTH, baseUrls: { acme: api.url }, http: quick });
    const fileUrl = `${api.url}/files/cv.pdf`;
    const own = await client.fetchWithCredentials(fileUrl);
    expect(own.status).toBe(200);
    const plain = await client.fetchFile(fileUrl);
    expect(plain.status).toBe(200);
    expect(api.hits.map((h) => h.auth)).toEqual(["Bearer access-1", undefined]);
  });
});
