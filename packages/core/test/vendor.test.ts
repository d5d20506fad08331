import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError, OutcomeUnknownError } from "../src/http/errors.js";
import { linkQuery, nextLinkHeader, paginateLinkHeader } from "../src/http/paginate.js";
import { HttpRuntime } from "../src/http/runtime.js";
import {
  apiKey,
  basic,
  bearer,
  type Credential,
  defineVendor,
  loginSession,
  oauthClientCredentials,
} from "../src/index.js";
import { anonymous } from "../src/vendor/index.js";
import { json, scriptedServers } from "./http-server.js";

type Paths = {
  "/items": {
    get: {
      parameters: { query?: { page?: string } };
      responses: { 200: { content: { "application/json": { items: number[] } } } };
    };
  };
};

const server = scriptedServers();

const authSchema = z.object({ user: z.string(), secret: z.string(), region: z.string() });
const AUTH = { user: "ops", secret: "s3cret-value-123", region: "eu" };
const quick = { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } };
const acme = (credential: (auth: typeof AUTH) => Credential) =>
  defineVendor<Paths>()({
    key: "acme",
    name: "Acme",
    auth: authSchema,
    baseUrl: (auth) => `https://${auth.region}.acme.invalid/v1`,
    credential,
    rateLimit: { requests: 100, perMs: 1000 },
  });

describe("defineVendor", () => {
  it("passes the vendor's idempotent methods to the policy: a PUT that creates is never resent", async () => {
    type PutPaths = {
      "/items": {
        put: {
          requestBody: { content: { "application/json": { name: string } } };
          responses: { 200: { content: { "application/json": { id: number } } } };
        };
      };
    };
    const s = await server([json(502, {}), json(200, { id: 1 })]);
    const vendor = defineVendor<PutPaths>()({
      key: "acme",
      name: "Acme",
      auth: authSchema,
      baseUrl: () => "https://acme.invalid/v1",
      credential: (a) => bearer(a.secret),
      rateLimit: { requests: 100, perMs: 1000 },
      idempotentMethods: ["GET", "POST"],
    });
    const ctx = { auth: AUTH, baseUrls: { acme: `${s.url}/v1` }, http: quick };
    const err = await vendor
      .client(ctx)
      .PUT("/items", { body: { name: "x" } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(s.hits).toHaveLength(1);
  });

  it("builds a typed client on the run's base URL with each static auth kind", async () => {
    const s = await server([json(200, { items: [1] })]);
    const ctx = { auth: AUTH, baseUrls: { acme: `${s.url}/v1/` }, http: quick };
    const kinds = [
      acme((a) => bearer(a.secret)),
      acme((a) => apiKey(a.secret, { header: "x-api-key" })),
      acme((a) => apiKey(a.secret, { query: "key" })),
      acme((a) => basic(a.user, a.secret)),
    ];
    for (const vendor of kinds) {
      const { data } = await vendor.client(ctx).GET("/items", { params: { query: { page: "2" } } });
      expect(data?.items).toEqual([1]);
    }
    expect(s.hits.map((h) => h.url)).toEqual([
      "/v1/items?page=2",
      "/v1/items?page=2",
      `/v1/items?page=2&key=${AUTH.secret}`,
      "/v1/items?page=2",
    ]);
    expect(s.hits[0]!.auth).toBe(`Bearer ${AUTH.secret}`);
    expect(s.hits[3]!.auth).toBe(`Basic ${Buffer.from(`ops:${AUTH.secret}`).toString("base64")}`);
  });

  it("prefixes a header API key and sends the declared headers on API calls only", async () => {
    const seen: (string | undefined)[][] = [];
    const s = await server([
      (req, res) => {
        seen.push([req.headers.authorization, req.headers["x-api-version"] as string | undefined]);
        json(200, { items: [2] })(req, res);
      },
    ]);
    const vendor = defineVendor<Paths>()({
      key: "acme",
      name: "Acme",
      auth: authSchema,
      baseUrl: () => "https://acme.invalid/v1",
      credential: (a) => apiKey(a.secret, { header: "authorization", prefix: "Token token=" }),
      headers: (a) => ({ "x-api-version": `v-${a.region}` }),
      rateLimit: { requests: 100, perMs: 1000 },
    });
    const client = vendor.client({ auth: AUTH, baseUrls: { acme: s.url }, http: quick });
    expect((await client.GET("/items")).data?.items).toEqual([2]);
    await client.fetchFile(`${s.url}/files/cv.pdf`);
    expect(seen).toEqual([
      [`Token token=${AUTH.secret}`, "v-eu"],
      [undefined, undefined],
    ]);
    // The bare key is the secret: an error echoing it is masked.
    const s2 = await server([json(403, { echo: AUTH.secret })]);
    const err = await vendor
      .client({ auth: AUTH, baseUrls: { acme: s2.url }, http: quick })
      .GET("/items")
      .catch((e: unknown) => e);
    expect(String((err as Error).message)).not.toContain(AUTH.secret);
  });

  it("throws HttpError without the credential, and fetches files without credentials", async () => {
    const s = await server([json(403, { echo: AUTH.secret }), json(200, { file: true })]);
    const client = acme((a) => bearer(a.secret)).client({
      auth: AUTH,
      baseUrls: { acme: s.url },
      http: quick,
    });
    const err = await client.GET("/items").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(String((err as Error).message)).not.toContain(AUTH.secret);
    const file = await client.fetchFile(`${s.url}/files/cv.pdf`);
    expect(file.status).toBe(200);
    expect(s.hits[1]!.auth).toBeUndefined();
  });

  it("asks client-credentials tokens at the `<key>_auth` base, renews once on 401 and masks learnt tokens", async () => {
    let issued = 0;
    const tokens = await server([
      (req, res) => json(200, { access_token: `tok-${++issued}-abcdef`, expires_in: 3600 })(req, res),
    ]);
    const api = await server([
      json(200, { items: [1] }),
      json(401, {}),
      (req, res) => json(400, { echo: req.headers.authorization })(req, res),
    ]);
    const vendor = acme((a) =>
      oauthClientCredentials({
        clientId: a.user,
        clientSecret: a.secret,
        tokenUrl: { path: "/oauth/token" },
        scope: "read",
      }),
    );
    const httpRuntime = new HttpRuntime();
    const ctx = { auth: AUTH, baseUrls: { acme: api.url, acme_auth: tokens.url }, http: quick, httpRuntime };
    await vendor.client(ctx).GET("/items");
    const err = (await vendor
      .client(ctx)
      .GET("/items")
      .catch((e: unknown) => e)) as Error;
    // One token for both clients, one renewal after the 401, and the renewed token masked in the error.
    expect(tokens.hits).toHaveLength(2);
    expect(new URLSearchParams(tokens.hits[0]!.body).get("scope")).toBe("read");
    expect(api.hits.map((h) => h.auth)).toEqual([
      "Bearer tok-1-abcdef",
      "Bearer tok-1-abcdef",
      "Bearer tok-2-abcdef",
    ]);
    expect(err.message).not.toContain("tok-2-abcdef");
  });

  it("calls a public API without credentials (anonymous), through the policy", async () => {
    const api = await server([json(503, {}), json(200, { items: [1] })]);
    const { data } = await acme(() => anonymous("board"))
      .client({ auth: AUTH, baseUrls: { acme: api.url }, http: quick })
      .GET("/items");
    expect(data).toEqual({ items: [1] });
    expect(api.hits.map((h) => h.auth)).toEqual([undefined, undefined]);
  });

  it("sends the client as HTTP Basic with extra grant fields when the vendor asks (Greenhouse's sub)", async () => {
    const tokens = await server([
      json(200, { access_token: "tok-basic-1", expires_at: "2999-01-01T00:00:00Z" }),
    ]);
    const api = await server([json(200, { items: [1] })]);
    const vendor = acme((a) =>
      oauthClientCredentials({
        clientId: a.user,
        clientSecret: a.secret,
        tokenUrl: { path: "/token" },
        fields: { sub: "42" },
        clientAuthentication: "basic",
      }),
    );
    await vendor
      .client({ auth: AUTH, baseUrls: { acme: api.url, acme_auth: tokens.url }, http: quick })
      .GET("/items");
    expect(tokens.hits[0]!.auth).toBe(
      `Basic ${Buffer.from(`${AUTH.user}:${AUTH.secret}`).toString("base64")}`,
    );
    expect(Object.fromEntries(new URLSearchParams(tokens.hits[0]!.body))).toEqual({
      grant_type: "client_credentials",
      sub: "42",
    });
    expect(api.hits[0]!.auth).toBe("Bearer tok-basic-1");
  });

  it("opens a login session, calls the base URL it returns with its token, and logs in again once on 401", async () => {
    const api = await server([json(200, { items: [1] }), json(401, {}), json(200, { items: [2] })]);
    let logins = 0;
    const vendor = acme((a) =>
      loginSession({
        identity: [a.user],
        secrets: [a.secret],
        send: { query: "BhRestToken" },
        login: async (io) => {
          expect(io.authBaseUrl).toBe(`${api.url}/login`);
          logins++;
          return { token: `session-${logins}`, baseUrl: `${api.url}/rest-${logins}/` };
        },
      }),
    );
    const ctx = { auth: AUTH, baseUrls: { acme: api.url, acme_auth: `${api.url}/login` }, http: quick };
    const client = vendor.client(ctx);
    await client.GET("/items");
    const { data } = await client.GET("/items");
    expect(data?.items).toEqual([2]);
    expect(api.hits.map((h) => h.url)).toEqual([
      "/rest-1/items?BhRestToken=session-1",
      "/rest-1/items?BhRestToken=session-1",
      "/rest-2/items?BhRestToken=session-2",
    ]);
  });
});

describe("Link-header pagination", () => {
  it("reads the rel=next target among other relations", () => {
    const headers = new Headers({
      link: '<https://x.test/a?page=3&per_page=2>; rel="next", <https://x.test/a?page=9>; rel="last"',
    });
    expect(nextLinkHeader(headers)).toBe("https://x.test/a?page=3&per_page=2");
    expect(nextLinkHeader(new Headers({ link: '<https://x.test/a?page=1>; rel="prev"' }))).toBeNull();
    expect(linkQuery("https://x.test/a?page=3&per_page=2")).toEqual({ page: "3", per_page: "2" });
  });

  it("follows rel=next with the typed client until the last page", async () => {
    const page =
      (n: number, next?: string): Parameters<typeof server>[0][number] =>
      (req, res) => {
        if (next) res.setHeader("link", `<${next}>; rel="next"`);
        json(200, { items: [n] })(req, res);
      };
    const s = await server([
      page(1, "https://elsewhere.test/items?page=2"),
      page(2, "https://elsewhere.test/items?page=3"),
      page(3),
    ]);
    const client = acme((a) => bearer(a.secret)).client({
      auth: AUTH,
      baseUrls: { acme: s.url },
      http: quick,
    });
    const items: number[] = [];
    const pages = paginateLinkHeader(async (next) => {
      const { data, response } = await client.GET("/items", {
        params: { query: next ? linkQuery(next) : {} },
      });
      return { items: data?.items ?? [], response };
    });
    for await (const item of pages) items.push(item);
    expect(items).toEqual([1, 2, 3]);
    // The links' host is never called: the token stays on the API's base URL.
    expect(s.hits.map((h) => h.url)).toEqual(["/items", "/items?page=2", "/items?page=3"]);
  });
});
