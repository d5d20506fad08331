import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { Greenhouse } from "../src/index.js";
import { jobFlowOptions, runtime, startFakes } from "./harness.js";

const tagOf = (j: Record<string, unknown>, name: string) =>
  (j.tags as { name: string; value: string | null }[]).find((t) => t.name === name)?.value;

describe("jobs into HrFlow", () => {
  it("reads every page through the Link cursor, names departments and offices, and creates the jobs", async () => {
    const fakes = await startFakes({ jobs: 230 });
    const board = fakes.hrflow.addBoard();
    const res = await Greenhouse.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 230]);
    // Three pages of 100: the first with per_page, then the cursor alone (the fake refuses anything else).
    const pages = fakes.greenhouse.requests.filter({ route: "/jobs" });
    expect(pages.map((r) => new URLSearchParams(r.query).has("cursor"))).toEqual([false, true, true]);
    expect(fakes.greenhouse.requests.count({ route: "/departments" })).toBe(1);
    expect(fakes.greenhouse.requests.count({ route: "/offices" })).toBe(1);
    expect(fakes.greenhouse.tokensIssued()).toBe(1);
    const source = fakes.greenhouse.jobs[0]!;
    const stored = fakes.hrflow.jobs(board).find((j) => j.reference === String(source.id))!;
    expect(stored.name).toBe(source.name);
    expect(tagOf(stored, "department")).toMatch(/Engineering|Ventes/);
    expect(tagOf(stored, "office")).toMatch(/Paris|Remote/);
  });

  it("maps the date filters to one v3 operator and checks the others on each job", async () => {
    const fakes = await startFakes({ jobs: 20 });
    const board = fakes.hrflow.addBoard();
    const jobs = fakes.greenhouse.jobs;
    const pull = {
      updated_after: jobs[5]!.updated_at!,
      updated_before: jobs[15]!.updated_at!,
      status: "open" as const,
    };
    const res = await Greenhouse.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: pull }),
      runtime(fakes),
    );
    const expected = jobs.slice(5, 15).filter((j) => j.status === "open");
    expect(res.written).toBe(expected.length);
    const first = new URLSearchParams(fakes.greenhouse.requests.filter({ route: "/jobs" })[0]!.query);
    expect(first.get("updated_at")).toBe(`gte|${new Date(jobs[5]!.updated_at!).toISOString()}`);
    expect(first.get("status")).toBe("open");
  });

  it("archives closed jobs only (the original archived whatever the filters returned)", async () => {
    const fakes = await startFakes({ jobs: 12 });
    const board = fakes.hrflow.addBoard();
    await Greenhouse.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    const res = await Greenhouse.archiveJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    const closed = fakes.greenhouse.jobs.filter((j) => j.status === "closed");
    expect(closed.length).toBeGreaterThan(0);
    expect(res.written).toBe(closed.length);
    const archived = fakes.hrflow.jobs(board).filter((j) => j.archived_at);
    expect(archived.map((j) => j.reference).sort()).toEqual(closed.map((j) => String(j.id)).sort());
  });

  it("reads incrementally on update time: a second run reads only what changed", async () => {
    const fakes = await startFakes({ jobs: 6 });
    const board = fakes.hrflow.addBoard();
    const store = new MemoryStore();
    await Greenhouse.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    const options = jobFlowOptions(fakes, board, { incremental: true });
    const first = await Greenhouse.updateJobsInHrflow(options, runtime(fakes, { store }));
    expect(first.written).toBe(6);
    const changed = fakes.greenhouse.jobs[2]!;
    Object.assign(changed, { name: "Renamed", updated_at: new Date().toISOString() });
    const second = await Greenhouse.updateJobsInHrflow(options, runtime(fakes, { store }));
    // Strictly after the token: the boundary job is not read again.
    expect(second.events.read_success).toBe(1);
    const filter = new URLSearchParams(fakes.greenhouse.requests.filter({ route: "/jobs" }).at(-1)!.query);
    expect(filter.get("updated_at")).toBe("gt|2026-01-05T09:05:00.000Z");
    expect(fakes.hrflow.jobs(board).find((j) => j.reference === String(changed.id))?.name).toBe("Renamed");
  });
});
