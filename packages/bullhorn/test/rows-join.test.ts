import { describe, expect, it } from "vitest";
import {
  Bullhorn,
  type BullhornCandidate,
  bullhornLogin,
  CANDIDATES_PER_JOIN,
  formatProfile,
} from "../src/index.js";
import { flowOptions, runtime, startFakes } from "./harness.js";

const SINCE = "2024-01-01T00:00:00";
const ROUTES = {
  educations: "/entity/Candidate/{ids}/educations",
  workHistories: "/entity/Candidate/{ids}/workHistories",
} as const;

describe("education and work-history rows, many candidates per call", { timeout: 60_000 }, () => {
  it("reads ceil(N/200) calls per association, pages a slice past 500 rows, and gives each candidate its own rows", async () => {
    const n = 450;
    const fakes = await startFakes({ candidates: n });
    const stored = fakes.bullhorn.candidates;
    // One candidate with more education rows than a page holds: its slice needs a second page.
    const busy = stored[10]!;
    for (let i = 0; i < 600; i++)
      busy.rows.push({ kind: "educations", id: 90_000_000 + i, school: `School ${i}`, startDate: null });
    // One without any row, and a row deleted in Bullhorn (never listed).
    const bare = stored[20]!;
    bare.rows.length = 0;
    stored[30]!.rows.push({ kind: "workHistories", id: 91_000_000, companyName: "Gone", isDeleted: true });

    const seen = new Map<number, BullhornCandidate>();
    const source = fakes.hrflow.addSource();
    const res = await Bullhorn.createProfilesInHrflow(
      {
        ...flowOptions(fakes, "rows", { created_date: SINCE }, { source_key: source }),
        format: (c: BullhornCandidate) => {
          seen.set(c.id, c);
          return formatProfile(c);
        },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", n]);

    const log = fakes.bullhorn.requests;
    const slices = Math.ceil(n / CANDIDATES_PER_JOIN);
    expect(log.count({ route: ROUTES.educations })).toBe(slices + 1);
    expect(log.count({ route: ROUTES.workHistories })).toBe(slices);
    for (const req of [
      ...log.filter({ route: ROUTES.educations }),
      ...log.filter({ route: ROUTES.workHistories }),
    ]) {
      const ids = req.path.split("/").at(-2)!.split(",");
      expect(ids.length).toBeLessThanOrEqual(CANDIDATES_PER_JOIN);
      const q = new URLSearchParams(req.query);
      expect(q.get("count")).toBe("500");
      expect(q.get("fields")!.split(",")).toContain("candidate");
    }
    // The second page of the busy slice starts where the first ended.
    const starts = log
      .filter({ route: ROUTES.educations })
      .map((r) => new URLSearchParams(r.query).get("start"));
    expect(starts.sort()).toEqual(["0", "0", "0", "500"]);

    expect(seen.size).toBe(n);
    for (const c of stored) {
      const got = seen.get(c.id)!;
      for (const kind of ["educations", "workHistories"] as const) {
        const own = c.rows
          .filter((r) => r.kind === kind && r.isDeleted !== true)
          .map((r) => r.id as number)
          .sort((a, b) => a - b);
        expect(got[kind]?.map((r) => r.id)).toEqual(own);
        for (const row of got[kind] ?? []) expect(row.candidate?.id).toBe(c.id);
      }
    }
    expect(seen.get(busy.id)?.educations).toHaveLength(601);
    expect([seen.get(bare.id)?.educations, seen.get(bare.id)?.workHistories]).toEqual([[], []]);
    // Search rows are not asked for the to-many fields (a search row lists only a few of each).
    expect(log.count({ route: "/entity/Candidate/{id}" })).toBe(0);
  });

  it("the fake answers as Bullhorn documents: rows of the ids that exist, 404 only when none does", async () => {
    const fakes = await startFakes({ candidates: 3 });
    const [a, b] = fakes.bullhorn.candidates;
    // The connector's own login chain, for a session to call the fake with.
    const session = await bullhornLogin(fakes.bullhorn.auth, [])({ fetch, baseUrl: fakes.bullhorn.baseUrl });
    const headers = { BhRestToken: session.token };
    const get = (ids: string, query: string) =>
      fetch(`${fakes.bullhorn.restUrl}entity/Candidate/${ids}/educations?${query}`, { headers });
    const some = await get(`${a!.id},1,${b!.id}`, "fields=id,school,candidate&count=1&start=1");
    expect(some.status).toBe(200);
    const body = (await some.json()) as { total: number; start: number; count: number; data: unknown[] };
    expect(body).toEqual({
      total: 2,
      start: 1,
      count: 1,
      data: [expect.objectContaining({ id: b!.id * 10 + 1, candidate: { id: b!.id } })],
    });
    const withoutOwner = (await (await get(`${a!.id}`, "fields=id")).json()) as { data: object[] };
    expect(withoutOwner.data[0]).not.toHaveProperty("candidate");
    expect((await get("1,2", "fields=id")).status).toBe(404);
  });
});
