import { describe, expect, it } from "vitest";
import type { FakeWorkable } from "../src/testing/index.js";
import { startWorkable as fake } from "./harness.js";

const call = (f: FakeWorkable, path: string, init: RequestInit = {}) =>
  fetch(`${f.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${f.token}`, "content-type": "application/json", ...init.headers },
  });

describe("the fake Workable", () => {
  it("generates the same data for the same seed", async () => {
    const [a, b] = [
      await fake({ jobs: 20, candidates: 20, seed: 3 }),
      await fake({ jobs: 20, candidates: 20, seed: 3 }),
    ];
    const strip = (x: unknown) => JSON.stringify(x).replaceAll(/127\.0\.0\.1:\d+/g, "");
    expect(strip(a.jobs)).toBe(strip(b.jobs));
    expect(strip(a.candidates)).toBe(strip(b.candidates));
    expect(new Set(a.jobs.map((j) => j.shortcode)).size).toBe(20);
  });

  it("requires the Bearer token and reports its window in X-Rate-Limit-* headers", async () => {
    const f = await fake({ jobs: 2, rateLimit: { requests: 3, perMs: 60_000 } });
    expect((await fetch(`${f.baseUrl}/jobs`)).status).toBe(401);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(f, "/jobs"));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers[1]!.headers.get("x-rate-limit-limit")).toBe("3");
    expect(answers[1]!.headers.get("x-rate-limit-remaining")).toBe("1");
    expect(Number(answers[3]!.headers.get("x-rate-limit-reset")) * 1000).toBeGreaterThan(Date.now());
    expect(f.requests.count({ status: 429 })).toBe(1);
  });

  it("links pages to itself and refuses duplicated query keys", async () => {
    const f = await fake({ jobs: 5, rateLimit: null });
    const page = (await (await call(f, "/jobs?limit=2")).json()) as {
      paging?: { next: string };
    };
    expect(page.paging?.next.startsWith(`${f.baseUrl}/jobs?`)).toBe(true);
    expect((await call(f, "/jobs?since_id=1&since_id=2")).status).toBe(400);
  });

  it("filters on created_after and updated_after strictly", async () => {
    const f = await fake({ jobs: 5, rateLimit: null });
    const at = f.jobs[2]!.created_at!;
    const body = (await (await call(f, `/jobs?created_after=${encodeURIComponent(at)}`)).json()) as {
      jobs: { id: string }[];
    };
    expect(body.jobs.map((j) => j.id)).toEqual(f.jobs.slice(3).map((j) => j.id));
  });

  it("wants {candidate} bodies with Workable's required fields", async () => {
    const f = await fake({ jobs: 1, rateLimit: null });
    const url = `/jobs/${f.jobs[0]!.shortcode}/candidates`;
    const bare = await call(f, url, { method: "POST", body: JSON.stringify({ email: "a@example.com" }) });
    expect(bare.status).toBe(422);
    const noSchool = await call(f, url, {
      method: "POST",
      body: JSON.stringify({ candidate: { email: "a@example.com", education_entries: [{ degree: "BSc" }] } }),
    });
    expect(noSchool.status).toBe(422);
    const ok = await call(f, url, {
      method: "POST",
      body: JSON.stringify({ sourced: false, candidate: { name: "A B", email: "a@example.com" } }),
    });
    expect(ok.status).toBe(201);
    expect(f.created[0]).toMatchObject({
      sourced: false,
      candidate: { stage: "Applied", email: "a@example.com" },
    });
  });
});
