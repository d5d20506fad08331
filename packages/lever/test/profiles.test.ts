import { MemoryStore } from "@hrflow-connectors/core/store";
import { afterEach, describe, expect, it } from "vitest";
import { formatProfile, Lever } from "../src/index.js";
import { type Fakes, leverCalls, runtime, startFakes } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const options = (f: Fakes, source: string, extra: Record<string, unknown> = {}) => ({
  workflow_id: "lever-profiles",
  origin_parameters: f.lever.credentials(),
  target_parameters: { ...f.hrflow.auth, source_key: source, only_edit_fields: null },
  ...extra,
});

describe("pull_profile_list (seed 004)", () => {
  it("indexes every opportunity of every page, with its resume's experiences and educations", async () => {
    fakes = await startFakes({ opportunities: 230 });
    const source = fakes.hrflow.addSource();
    const res = await Lever.pullProfileList(options(fakes, source), runtime(fakes));
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 230, 230]);
    expect(leverCalls(fakes, "/v1/opportunities").length).toBe(3);
    expect(fakes.lever.requests.count({ route: "/v1/opportunities/{id}/resumes" })).toBe(230);
    // One resume call per opportunity, none repeated.
    const resumePaths = fakes.lever.requests
      .filter({ route: "/v1/opportunities/{id}/resumes" })
      .map((r) => r.path);
    expect(resumePaths.sort()).toEqual(
      fakes.lever.opportunities.map((o) => `/v1/opportunities/${o.id}/resumes`).sort(),
    );

    const stored = fakes.hrflow.profiles(source);
    expect(stored.map((p) => p.reference).sort()).toEqual(fakes.lever.opportunities.map((o) => o.id).sort());
    const sample = fakes.lever.opportunities[201]!;
    const profile = stored.find((p) => p.reference === sample.id)!;
    const expected = formatProfile({ ...sample, profile: fakes.lever.resumes(sample.id) });
    expect(profile.info).toEqual(expected.info);
    expect(profile.experiences).toEqual(expected.experiences);
    expect((profile.experiences as unknown[]).length).toBe(2);
    expect(profile.educations).toEqual(expected.educations);
    expect(profile.attachments).toEqual(expected.attachments);
  });

  it("keeps an opportunity whose resumes vanished (404) and warns", async () => {
    fakes = await startFakes({ opportunities: 3 });
    const source = fakes.hrflow.addSource();
    fakes.lever.fail({ route: "/v1/opportunities/{id}/resumes", status: 404 });
    const rt = runtime(fakes);
    const res = await Lever.pullProfileList(options(fakes, source), rt);
    expect([res.status, res.written]).toEqual(["success", 3]);
    const warned = rt.logs.filter((r) => r.level === "warn" && r.message.includes("no resumes"));
    expect(warned.length).toBe(1);
    const empty = fakes.hrflow.profiles(source).filter((p) => (p.experiences as unknown[]).length === 0);
    expect(empty.length).toBe(1);
  });

  it("retries a throttled resume call instead of aborting the read", async () => {
    fakes = await startFakes({ opportunities: 5 });
    const source = fakes.hrflow.addSource();
    fakes.lever.fail({ route: "/v1/opportunities/{id}/resumes", status: 429, times: 3 });
    const res = await Lever.pullProfileList(options(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 5]);
    expect(fakes.lever.requests.count({ route: "/v1/opportunities/{id}/resumes", status: 429 })).toBe(3);
  });

  it("sends an opportunity that cannot become an HrFlow profile to the dead letter, and the rest on", async () => {
    fakes = await startFakes({ opportunities: 4 });
    const source = fakes.hrflow.addSource();
    // A phone number stored as a number: HrFlow wants text, so the formatted profile is refused.
    const bad = fakes.lever.addOpportunity({
      phones: [{ type: "mobile", value: 33612345678 as unknown as string }],
    });
    const rt = runtime(fakes);
    const res = await Lever.pullProfileList(options(fakes, source), rt);
    expect(res.status).toBe("success_with_failures");
    expect([res.written, res.events.format_failure, res.dead_letter.count]).toEqual([4, 1, 1]);
    const [entry] = rt.deadLetter.entries;
    expect(entry!.item).toMatchObject({ id: bad.id });
    expect(entry!.error).toContain("info.phone");
    expect(fakes.hrflow.profiles(source).some((p) => p.reference === bad.id)).toBe(false);
  });

  it("reads only opportunities updated since the last run in incremental mode", async () => {
    fakes = await startFakes({ opportunities: 6 });
    const source = fakes.hrflow.addSource();
    const store = new MemoryStore();
    const incremental = { action_parameters: { read_mode: "incremental" } };
    const first = await Lever.pullProfileList(options(fakes, source, incremental), runtime(fakes, { store }));
    expect([first.status, first.written]).toEqual(["success", 6]);
    const newest = Math.max(...fakes.lever.opportunities.map((o) => o.updatedAt ?? 0));
    expect(first.incremental_token).toBe(String(newest));

    const added = fakes.lever.addOpportunity({ updatedAt: newest + 60_000 });
    const second = await Lever.pullProfileList(
      options(fakes, source, incremental),
      runtime(fakes, { store }),
    );
    expect(second.status).toBe("success");
    const lastList = leverCalls(fakes, "/v1/opportunities").at(-1)!;
    expect(lastList.query.get("updated_at_start")).toBe(String(newest));
    // Lever's filter is inclusive: the newest of the last run comes again and is kept as it is.
    expect(second.events.read_success).toBe(2);
    expect(second.incremental_token).toBe(String(added.updatedAt));
    expect(fakes.hrflow.profiles(source).length).toBe(7);
  });
});
