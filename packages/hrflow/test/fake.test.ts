import { describe, expect, it } from "vitest";
import { hydrateProfile } from "../src/index.js";
import { useFakeHrFlow } from "./harness.js";

const fake = await useFakeHrFlow({ apiKey: "ask_test_key", userEmail: "me@example.com" });

const call = (path: string, init: RequestInit = {}, headers: Record<string, string> = {}) =>
  fetch(`${fake.baseUrl}${path}`, {
    ...init,
    headers: {
      "x-api-key": fake.apiKey,
      "x-user-email": fake.userEmail,
      "content-type": "application/json",
      ...headers,
    },
  });

describe("fake HrFlow server", () => {
  it("listens on 127.0.0.1 under /v1 and checks both credential headers", async () => {
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(fake.auth).toEqual({ api_secret: "ask_test_key", api_user: "me@example.com" });
    const board = fake.addBoard("b1");
    expect((await call(`/board?key=${board}`, {}, { "x-user-email": "other@example.com" })).status).toBe(401);
    const ok = await call(`/board?key=${board}`);
    expect(await ok.json()).toEqual({ code: 200, message: "OK", data: { key: "b1", name: "Board" } });
  });

  it("answers unknown objects with 400 'Unable to find object'", async () => {
    fake.addBoard("b2");
    const res = await call("/job/indexing?board_key=b2&reference=none");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 400,
      message: "Invalid parameters. Unable to find object: job",
    });
  });

  it("indexes, edits by reference, archives and pages with meta", async () => {
    fake.addBoard("b3");
    const created = await call("/job/indexing", {
      method: "POST",
      body: JSON.stringify({ board_key: "b3", name: "A", reference: "a" }),
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as any;
    expect(data).toMatchObject({ name: "A", reference: "a", archived_at: null });
    expect(data.key).toMatch(/^[0-9a-f]{40}$/);
    await call("/job/indexing", {
      method: "PUT",
      body: JSON.stringify({ board_key: "b3", name: "A2", reference: "a" }),
    });
    expect(fake.jobs("b3")[0]).toMatchObject({ key: data.key, name: "A2" });
    fake.addJob("b3", { name: "B" });
    await call("/job/indexing/archive", {
      method: "PATCH",
      body: JSON.stringify({ board_key: "b3", reference: "a", is_archive: 1 }),
    });
    const page: any = await (
      await call(`/jobs/searching?board_keys=${encodeURIComponent('["b3"]')}&limit=1&page=1`)
    ).json();
    expect(page.meta).toEqual({ page: 1, maxPage: 1, count: 1, total: 1 });
    expect(page.data.jobs.map((j: { name: string }) => j.name)).toEqual(["B"]);
  });

  it("counts requests per method and route, and injects each fault N times", async () => {
    fake.addBoard("b4");
    fake.fail({ method: "GET", route: "/board", status: 429, times: 2, retryAfterSeconds: 7 });
    const first = await call("/board?key=b4");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    expect((await call("/board?key=b4")).status).toBe(429);
    expect((await call("/board?key=b4")).status).toBe(200);
    fake.fail({ route: "/board", malformed: true });
    await expect((await call("/board?key=b4")).json()).rejects.toThrow();
    fake.fail({ route: "/board", status: 500 });
    expect((await call("/board?key=b4")).status).toBe(500);
    expect(fake.requests.count()).toBe(5);
    expect(fake.requests.count({ method: "GET", route: "/board" })).toBe(5);
    expect(fake.requests.count({ method: "POST" })).toBe(0);
    expect(fake.requests.log.map((r) => r.status)).toEqual([429, 429, 200, 200, 500]);
  });
});

describe("hydrateProfile", () => {
  it("lays non-empty incoming values over the parsing, merges URLs and keeps the parsed key", () => {
    const parsed = {
      key: "parsed",
      info: {
        full_name: "Parsed",
        email: "p@x",
        urls: [{ type: "linkedin", url: "l" }],
        location: { text: "Paris" },
      },
      skills: [{ name: "a", type: "hard" }],
      text: "parsed text",
    };
    const incoming = {
      key: "other",
      info: { full_name: "Given", email: "", urls: [{ type: "github", url: "g" }], location: { text: null } },
      skills: [],
      tags: [{ name: "t", value: "1" }],
      experiences_duration: 0,
    };
    expect(hydrateProfile(parsed, incoming)).toEqual({
      key: "parsed",
      info: {
        full_name: "Given",
        email: "p@x",
        urls: [
          { type: "linkedin", url: "l" },
          { type: "github", url: "g" },
        ],
        location: { text: "Paris" },
      },
      skills: [{ name: "a", type: "hard" }],
      text: "parsed text",
      tags: [{ name: "t", value: "1" }],
      experiences_duration: 0,
    });
  });
});

describe("fake HrFlow server with a request ceiling", () => {
  it("answers 429 beyond its window, and only then", async () => {
    const { startFakeHrFlow } = await import("../src/testing/index.js");
    // One window far longer than the test (aligned windows of about 31 years): it never turns over.
    const limited = await startFakeHrFlow({ rateLimit: { requests: 3, perMs: 1e12 } });
    try {
      const board = limited.addBoard();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${limited.baseUrl}/board?key=${board}`, {
          headers: { "x-api-key": limited.apiKey, "x-user-email": limited.userEmail },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
