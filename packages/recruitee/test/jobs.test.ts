import { describe, expect, it } from "vitest";
import { formatOffer, Recruitee } from "../src/index.js";
import { jobFlowOptions, runtime, startFakes } from "./harness.js";

const q = (query: string) => new URLSearchParams(query);

describe("create_jobs_in_hrflow", () => {
  it("lists active job offers (the default scope), reads each one and indexes them", async () => {
    const fakes = await startFakes({ jobs: 30 });
    const board = fakes.hrflow.addBoard();
    const res = await Recruitee.createJobsInHrflow(jobFlowOptions(fakes, board), runtime(fakes));
    const active = fakes.recruitee.offers.filter(
      (o) => o.kind === "job" && ["published", "internal", "closed"].includes(o.status ?? ""),
    );
    expect([res.status, res.written]).toEqual(["success", active.length]);
    const list = fakes.recruitee.requests.filter({ route: "/offers" })[0]!;
    expect(Object.fromEntries(q(list.query))).toEqual({ kind: "job", scope: "active", view_mode: "default" });
    expect(fakes.recruitee.requests.count({ route: "/offers/{id}" })).toBe(active.length);
    const stored = fakes.hrflow.jobs(board).find((j) => j.reference === String(active[0]!.id))!;
    const expected = formatOffer(active[0]!);
    expect(stored).toMatchObject({
      name: expected.name,
      sections: expected.sections,
      ranges_float: expected.ranges_float,
    });
  });
});

describe("archive_jobs_in_hrflow", () => {
  it("archives only offers Recruitee has archived", async () => {
    const fakes = await startFakes({ jobs: 30 });
    const board = fakes.hrflow.addBoard();
    for (const o of fakes.recruitee.offers)
      fakes.hrflow.addJob(board, { reference: String(o.id), name: o.title });
    const res = await Recruitee.archiveJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { kind: null } }),
      runtime(fakes),
    );
    const archived = fakes.recruitee.offers.filter((o) => o.status === "archived").map((o) => String(o.id));
    expect(archived.length).toBeGreaterThan(0);
    expect([res.status, res.written]).toEqual(["success", archived.length]);
    const inHrflow = fakes.hrflow
      .jobs(board)
      .filter((j) => j.archived_at)
      .map((j) => j.reference);
    expect(inHrflow.sort()).toEqual(archived.sort());
    expect(q(fakes.recruitee.requests.filter({ route: "/offers" })[0]!.query).get("scope")).toBe("archived");
    // The list carries the id and title the archive needs: one request, no offer read in full.
    expect(fakes.recruitee.requests.count({ route: "/offers" })).toBe(1);
    expect(fakes.recruitee.requests.count({ route: "/offers/{id}" })).toBe(0);
  });

  it("refuses another scope before any request", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    const res = await Recruitee.archiveJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { scope: "active" } as never }),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    expect(fakes.recruitee.requests.count()).toBe(0);
  });
});

describe("pull_job_list (older style)", () => {
  it("maps the endpoint name onto its host and reads every offer", async () => {
    const fakes = await startFakes({ jobs: 12 });
    const board = fakes.hrflow.addBoard();
    const res = await Recruitee.pullJobList(
      {
        workflow_id: "legacy-jobs",
        origin_parameters: { ...fakes.recruitee.auth, recruitee_endpoint: "PRODUCTION ENDPOINT" },
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      runtime(fakes),
    );
    // Every job offer (kind job by default, any scope: the original's scope default is none).
    const jobs = fakes.recruitee.offers.filter((o) => o.kind === "job");
    expect([res.status, res.written]).toEqual(["success", jobs.length]);
    expect(q(fakes.recruitee.requests.filter({ route: "/offers" })[0]!.query).get("view_mode")).toBe("brief");
  });
});
