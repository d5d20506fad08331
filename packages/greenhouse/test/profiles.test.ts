import { describe, expect, it } from "vitest";
import { Greenhouse } from "../src/index.js";
import { profileFlowOptions, runtime, startFakes } from "./harness.js";

describe("profiles into HrFlow", () => {
  it("joins educations, employments and attachments 50 candidates per call, to the last page", async () => {
    const fakes = await startFakes({ jobs: 3, candidates: 120 });
    const source = fakes.hrflow.addSource();
    const res = await Greenhouse.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 120]);
    const gh = fakes.greenhouse.requests;
    expect(gh.count({ route: "/candidates" })).toBe(2);
    // 120 candidates in slices of 50: 3 calls per joined resource, never one per candidate.
    for (const route of ["/candidate_educations", "/candidate_employments", "/attachments"]) {
      expect(gh.count({ route })).toBe(3);
    }
    const c = fakes.greenhouse.candidates[7]!;
    const p = fakes.hrflow.profiles(source).find((x) => x.reference === String(c.id))!;
    const educations = fakes.greenhouse.state.educations.filter((e) => e.candidate_id === c.id);
    expect((p.educations as { school: string }[]).map((e) => e.school)).toEqual(
      educations.map((e) => e.school_name),
    );
    expect((p.info as { email: string }).email).toBe(c.email_addresses![0]!.value);
  });

  it("reads a job's applicants through /applications, and explicit ids in slices of 50", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 30 });
    const source = fakes.hrflow.addSource();
    const jobId = fakes.greenhouse.jobs[0]!.id;
    const applicants = fakes.greenhouse.applications
      .filter((a) => a.job_id === jobId)
      .map((a) => String(a.candidate_id));
    const res = await Greenhouse.createProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { job_id: String(jobId) } }),
      runtime(fakes),
    );
    expect(res.written).toBe(applicants.length);
    expect(
      fakes.hrflow
        .profiles(source)
        .map((p) => p.reference)
        .sort(),
    ).toEqual(applicants.sort());
  });

  it("archives candidates whose applications are all rejected, and ones Greenhouse deleted", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 6 });
    const source = fakes.hrflow.addSource();
    await Greenhouse.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    const [rejected, deleted] = fakes.greenhouse.candidates.filter((c) => c.application_ids?.length);
    for (const a of fakes.greenhouse.applications) if (a.candidate_id === rejected!.id) a.status = "rejected";
    const all = await Greenhouse.archiveProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    expect(all.written).toBe(1);
    const deletedId = String(deleted!.id);
    fakes.greenhouse.state.candidates.splice(fakes.greenhouse.candidates.indexOf(deleted!), 1);
    // A delete_candidate webhook names the id: the read yields it as gone.
    const one = await Greenhouse.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { candidate_ids: deletedId } }),
      runtime(fakes),
    );
    expect(one.written).toBe(1);
    const archived = fakes.hrflow
      .profiles(source)
      .filter((p) => p.archived_at)
      .map((p) => p.reference);
    expect(archived.sort()).toEqual([String(rejected!.id), deletedId].sort());
  });
});
