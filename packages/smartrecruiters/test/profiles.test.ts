import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { SmartRecruiters } from "../src/index.js";
import { type Fakes, profileFlowOptions, runtime, startFakes } from "./harness.js";

/** The options of an outbound profile flow for one HrFlow profile. */
function outbound(fakes: Fakes, source: string, key: string, extra: object = {}) {
  return {
    workflow_id: `out-${key}`,
    connector_auth: fakes.sr.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: { source_key: source, profile_key: key },
    push_parameters: {},
    ...extra,
  };
}

const profile = (reference: string | null, email: string) => ({
  reference,
  info: {
    first_name: "Zoë",
    last_name: "Núñez",
    full_name: "Zoë Núñez",
    email,
    phone: "+33612345678",
    location: { text: "Paris", lat: 48.85, lng: 2.35, fields: { city: "Paris", country: "France" } },
    urls: [
      { type: "linkedin", url: "https://linkedin.com/in/zoe" },
      { type: "twitter", url: null },
    ],
  },
  experiences: [
    { title: "Développeuse", company: "Acme", date_start: "2020-01-01T00:00:00Z", location: null },
  ],
  educations: [{ school: "Université", title: "Master", date_start: "2015-09-01" }],
});

describe("profiles in HrFlow", () => {
  it("reads every candidate with details, one list call in flight, and adds them to the source", async () => {
    const fakes = await startFakes({ candidates: 130 });
    const source = fakes.hrflow.addSource();
    const res = await SmartRecruiters.createProfilesInHrflow(
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 130]);
    expect(fakes.sr.requests.count({ route: "/candidates" })).toBe(2);
    expect(fakes.sr.requests.count({ route: "/candidates/{id}" })).toBe(130);
    expect(fakes.sr.concurrencyViolations).toBe(0);
    const c = fakes.sr.candidates[17]!;
    const p = fakes.hrflow.profiles(source).find((x) => x.reference === c.id)!;
    expect(p.info).toMatchObject({ first_name: c.firstName, email: c.email, phone: c.phoneNumber ?? null });
    expect(p.created_at).toBe(c.createdOn);
    expect((p.educations as unknown[]).length).toBe(c.education?.length);
  });

  it("passes its filters as repeated keys and runs incrementally on update time", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 10 });
    const source = fakes.hrflow.addSource();
    const jobId = fakes.sr.jobs[0]!.id;
    for (const c of fakes.sr.candidates.slice(0, 4)) fakes.sr.apply(c.id, jobId);
    const store = new MemoryStore();
    const options = profileFlowOptions(fakes, source, {
      incremental: true,
      pull_parameters: { job_ids: [jobId, "other-job"], status: ["NEW"] },
    });
    const first = await SmartRecruiters.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect(first.written).toBe(4);
    const q = new URLSearchParams(fakes.sr.requests.filter({ route: "/candidates" })[0]!.query);
    expect([q.getAll("jobId"), q.getAll("status")]).toEqual([[jobId, "other-job"], ["NEW"]]);
    const again = await SmartRecruiters.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect(again.events.read_success).toBe(0);
    const fresh = fakes.sr.addCandidate({ updatedOn: new Date().toISOString() });
    fakes.sr.apply(fresh.id, jobId);
    const third = await SmartRecruiters.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect(third.events.read_success).toBe(1);
    expect(fakes.hrflow.profiles(source).some((p) => p.reference === fresh.id)).toBe(true);
  });

  it("archives a deleted candidate named by an event, without reading the list", async () => {
    const fakes = await startFakes({ candidates: 3 });
    const source = fakes.hrflow.addSource();
    await SmartRecruiters.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    const gone = fakes.sr.candidates[1]!.id;
    fakes.sr.deleteCandidate(gone);
    const res = await SmartRecruiters.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { candidate_id: gone } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.sr.requests.count({ route: "/candidates" })).toBe(1);
    const archived = fakes.hrflow.profiles(source).filter((p) => p.archived_at);
    expect(archived.map((p) => p.reference)).toEqual([gone]);
  });

  it("archives every listed candidate from the list only: one request per 100, no detail call", async () => {
    const fakes = await startFakes({ candidates: 205 });
    const source = fakes.hrflow.addSource();
    const ids = fakes.sr.candidates.map((c) => c.id);
    for (const id of ids) fakes.hrflow.addProfile(source, { reference: id });
    const res = await SmartRecruiters.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 205]);
    expect(fakes.sr.requests.count({ route: "/candidates" })).toBe(3);
    expect(fakes.sr.requests.count({ route: "/candidates/{id}" })).toBe(0);
    const archived = fakes.hrflow.profiles(source).filter((p) => p.archived_at);
    expect(archived.map((p) => p.reference).sort()).toEqual([...ids].sort());
  }, 30_000);
});

describe("profiles in SmartRecruiters", () => {
  it("creates a candidate in the talent pool with experience/education under SmartRecruiters' keys", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const item = fakes.hrflow.addProfile(source, profile(null, "zoe@example.com"));
    const res = await SmartRecruiters.createProfilesInSmartrecruiters(
      outbound(fakes, source, String(item.key)),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const [created] = fakes.sr.created;
    expect(created!.jobId).toBeNull();
    expect(created!.body).toMatchObject({
      firstName: "Zoë",
      email: "zoe@example.com",
      web: { linkedin: "https://linkedin.com/in/zoe" },
      experience: [{ title: "Développeuse", company: "Acme", startDate: "2020-01-01" }],
      education: [{ institution: "Université", degree: "Master" }],
    });
  });

  it("applies the candidate to job_id when given", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const item = fakes.hrflow.addProfile(source, profile(null, "jose@example.com"));
    const jobId = fakes.sr.jobs[0]!.id;
    const res = await SmartRecruiters.createProfilesInSmartrecruiters(
      outbound(fakes, source, String(item.key), { push_parameters: { job_id: jobId } }),
      runtime(fakes),
    );
    expect(res.written).toBe(1);
    expect(fakes.sr.requests.count({ method: "POST", route: "/jobs/{id}/candidates" })).toBe(1);
  });

  it("updates and deletes the candidate named by the profile reference", async () => {
    const fakes = await startFakes({ candidates: 2 });
    const source = fakes.hrflow.addSource();
    const target = fakes.sr.candidates[1]!;
    const item = fakes.hrflow.addProfile(source, profile(target.id, "new@example.com"));
    const updated = await SmartRecruiters.updateProfilesInSmartrecruiters(
      outbound(fakes, source, String(item.key)),
      runtime(fakes),
    );
    expect([updated.status, updated.written]).toEqual(["success", 1]);
    expect(fakes.sr.candidate(target.id)?.email).toBe("new@example.com");
    expect(fakes.sr.updates[0]!.body).not.toHaveProperty("id");
    const deleted = await SmartRecruiters.archiveProfilesInSmartrecruiters(
      outbound(fakes, source, String(item.key)),
      runtime(fakes),
    );
    expect([deleted.status, deleted.written]).toEqual(["success", 1]);
    expect(fakes.sr.deleted).toEqual([target.id]);
  });

  it("looks a create whose answer was lost up by email instead of sending it twice", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const item = fakes.hrflow.addProfile(source, profile(null, "lost@example.com"));
    // The candidate is created, but the answer never arrives (the client times out).
    fakes.sr.fail({ method: "POST", route: "/candidates", status: 503 });
    const res = await SmartRecruiters.createProfilesInSmartrecruiters(
      outbound(fakes, source, String(item.key)),
      runtime(fakes),
    );
    expect(res.status).toBe("success");
    // A 503 before the handler: nothing was created, so the lookup finds nothing and it is sent again.
    expect(fakes.sr.created).toHaveLength(1);
    expect(fakes.sr.requests.count({ method: "GET", route: "/candidates" })).toBeGreaterThanOrEqual(1);
  });
});
