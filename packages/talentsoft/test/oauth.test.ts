import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpRuntime } from "@hrflow-connectors/core/http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { officeCredential, type TalentSoftAuth, talentsoft } from "../src/index.js";
import { type FakeTalentSoft, startFakeTalentSoft } from "../src/testing/index.js";

// TalentSoft's tokens come from core's client-credentials kind; these tests pin what is
// TalentSoft's: the offices' scopes and schemes, the lifetime rules and the original's wording.
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  while (closers.length) await closers.pop()!();
});

async function fake(options: Parameters<typeof startFakeTalentSoft>[0] = {}): Promise<FakeTalentSoft> {
  const ts = await startFakeTalentSoft(options);
  closers.push(() => ts.close());
  return ts;
}

const authOf = (ts: FakeTalentSoft, office: "backOffice" | "frontOffice" = "backOffice"): TalentSoftAuth => ({
  ...ts[office],
  client_url: ts.baseUrl,
});

const quick = { retry: { retries: 0 } };

/** A token endpoint answering the given bodies in turn (status 200 unless given). */
async function tokenServer(answers: { body: string; status?: number }[]): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    const next = answers.shift() ?? { body: "{}", status: 500 };
    const type = next.body.startsWith("{") ? "application/json" : "text/html";
    res.writeHead(next.status ?? 200, { "content-type": type }).end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("TalentSoft client-credentials tokens", () => {
  it("asks once for concurrent callers sharing a runtime, and renews before expiry", async () => {
    const ts = await fake({ tokenLifetimeSeconds: 1200 });
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const httpRuntime = new HttpRuntime();
    const client = () => talentsoft.client({ auth: authOf(ts), http: quick, httpRuntime });
    await Promise.all([client().signIn(), client().signIn()]);
    await client().signIn();
    expect(ts.tokens).toHaveLength(1);
    // 1200 s lifetime, renewed 60 s before the end.
    vi.advanceTimersByTime(1139_000);
    await client().signIn();
    expect(ts.tokens).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    await client().signIn();
    // The form is URL-encoded: the fake's secrets contain "+", "/" and "=".
    expect(ts.tokens.map((t) => t.scope)).toEqual(["MatchingIndexation", "MatchingIndexation"]);
    // Another runtime (another server or test) keeps its own session.
    await talentsoft.client({ auth: authOf(ts), http: quick, httpRuntime: new HttpRuntime() }).signIn();
    expect(ts.tokens).toHaveLength(3);
  });

  it("keeps one session per office: the front office asks without scope", async () => {
    const ts = await fake();
    const httpRuntime = new HttpRuntime();
    const front = officeCredential("front");
    await talentsoft.client({ auth: authOf(ts), http: quick, httpRuntime }).signIn();
    await talentsoft
      .client({ auth: authOf(ts, "frontOffice"), http: quick, httpRuntime }, { credential: front })
      .signIn();
    await talentsoft
      .client({ auth: authOf(ts, "frontOffice"), http: quick, httpRuntime }, { credential: front })
      .signIn();
    expect(ts.tokens.map((t) => [t.office, t.scope])).toEqual([
      ["back", "MatchingIndexation"],
      ["front", null],
    ]);
  });

  it("reads expires_in given as text or 0, and keeps a token without lifetime until refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    const answers = [
      { body: JSON.stringify({ access_token: "A", expires_in: "3600" }) },
      { body: JSON.stringify({ access_token: "B", expires_in: 0 }) },
      { body: JSON.stringify({ access_token: "C" }) },
    ];
    const url = await tokenServer(answers);
    const auth = { client_id: "id", client_secret: "secret-value", client_url: url };
    const client = talentsoft.client({ auth, http: quick, httpRuntime: new HttpRuntime() });
    await client.signIn();
    vi.advanceTimersByTime(3_500_000);
    await client.signIn(); // still A: "3600" is an hour
    expect(answers).toHaveLength(2);
    vi.advanceTimersByTime(50_000); // 60 s before the end of its hour: B, whose 0 means no lifetime
    await client.signIn();
    expect(answers).toHaveLength(1);
    vi.advanceTimersByTime(10 * 3_600_000);
    await client.signIn(); // still B: C is never asked for
    expect(answers).toHaveLength(1);
  });

  it("fails clearly on a refusal or an answer without access_token, never echoing the secret", async () => {
    const url = await tokenServer([
      { body: JSON.stringify({ error: "invalid_client", echo: "s3cr3t-value" }), status: 400 },
      { body: "<html>maintenance</html>" },
    ]);
    const auth = { client_id: "id", client_secret: "s3cr3t-value", client_url: url };
    await expect(talentsoft.client({ auth, http: quick }).signIn()).rejects.toThrow(
      /^Failed to get authentication token: talentsoft POST .*\/api\/token failed with HTTP 400: \{"error":"invalid_client","echo":"\*\*\*"\}/,
    );
    await expect(talentsoft.client({ auth, http: quick }).signIn()).rejects.toThrow(
      /without an access_token/,
    );
  });

  it("sends the back office's token as `bearer` and renews it once on a 401", async () => {
    const ts = await fake({ vacancies: 1 });
    const get = (client: ReturnType<typeof talentsoft.client>) =>
      client
        .GET("/api/exports/v1/vacancies", {
          params: { query: { offset: 0, limit: 10 } },
          parseAs: "arrayBuffer",
        })
        .then(
          (res) => res.response.status,
          (err: { status: number }) => err.status,
        );
    const back = talentsoft.client({ auth: authOf(ts), http: quick });
    expect(await get(back)).toBe(200);
    ts.revokeTokens();
    expect(await get(back)).toBe(200);
    const calls = ts.requests.filter({ route: "/api/exports/v1/vacancies" });
    expect(calls.map((r) => r.status)).toEqual([200, 401, 200]);
    expect(calls[0]!.headers.authorization).toMatch(/^bearer /);
    // A client whose every token is refused gets the refusal back after one renewal, not a loop.
    const front = talentsoft.client(
      { auth: authOf(ts, "frontOffice"), http: quick },
      { credential: officeCredential("front") },
    );
    expect(await get(front)).toBe(403);
  });
});
