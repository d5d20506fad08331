import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { Workable } from "../src/index.js";
import { resumeBytes } from "../src/testing/index.js";
import { type Fakes, profileFlowOptions, runtime, startFakes } from "./harness.js";

const tag = (p: Record<string, unknown>, name: string) =>
  (p.tags as { name: string; value: string | null }[]).find((t) => t.name === name)?.value;

describe("create_profiles_in_hrflow", () => {
  it("reads candidates with details and resumes, and adds them to the source", async () => {
    const fakes = await startFakes({ jobs: 5, candidates: 24 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Workable.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 24]);
    // A create still reads every candidate's details: the list lacks what the format maps.
    expect(fakes.workable.requests.count({ route: "/candidates/{id}" })).toBe(24);
    const withResume = fakes.workable.candidates.filter((c) => c.resume_url);
    expect(withResume.length).toBeGreaterThan(0);
    expect(fakes.workable.requests.count({ route: "/files/resumes/{id}.pdf" })).toBe(withResume.length);
    // The token never goes to the resume host.
    expect(
      fakes.workable.requests.filter({ routePrefix: "/files" }).every((r) => !r.headers.authorization),
    ).toBe(true);

    const stored = fakes.hrflow.profiles(source);
    expect(stored.map((p) => p.reference).sort()).toEqual(fakes.workable.candidates.map((c) => c.id).sort());
    const c = fakes.workable.candidates.find((x) => x.disqualified && x.resume_url) ?? withResume[0]!;
    const p = stored.find((x) => x.reference === c.id)!;
    expect(p.info).toMatchObject({
      full_name: c.name,
      first_name: c.firstname,
      email: c.email,
      phone: c.phone,
    });
    expect(tag(p, "stage")).toBe(c.stage);
    expect(tag(p, "disqualified_reason")).toBe(c.disqualification_reason ?? null);
    expect(p.text).toBe(resumeBytes(c.id).toString("utf8"));
    expect((p.educations as unknown[]).length).toBe(c.education_entries?.length);
  });

  it("passes its filters and runs incrementally on creation time", async () => {
    const fakes = await startFakes({ jobs: 3, candidates: 10 });
    const source = fakes.hrflow.addSource();
    const store = new MemoryStore();
    const shortcode = fakes.workable.candidates[0]!.job!.shortcode!;
    const onJob = fakes.workable.candidates.filter((c) => c.job?.shortcode === shortcode);
    const options = profileFlowOptions(fakes, source, { incremental: true, pull_parameters: { shortcode } });
    const first = await Workable.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect(first.written).toBe(onJob.length);
    const again = await Workable.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect(again.events.read_success).toBe(0);
    const fresh = fakes.workable.addCandidate({
      job: { shortcode, title: "x" },
      resume_url: null,
      created_at: new Date().toISOString(),
    });
    const third = await Workable.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect(third.events.read_success).toBe(1);
    expect(fakes.hrflow.profiles(source).find((p) => p.reference === fresh.id)?.info).toMatchObject({
      email: fresh.email,
    });
  });
});

describe("update_profiles_in_hrflow", () => {
  it("edits stored profiles, then reads only candidates changed since the last run", async () => {
    const fakes = await startFakes({ jobs: 3, candidates: 8 });
    const source = fakes.hrflow.addSource();
    for (const c of fakes.workable.candidates) {
      fakes.hrflow.addProfile(source, { reference: c.id, info: { full_name: "stale", email: c.email } });
    }
    const store = new MemoryStore();
    const options = profileFlowOptions(fakes, source, {
      incremental: true,
      push_parameters: { source_key: source, only_edit_fields: null },
    });
    const first = await Workable.updateProfilesInHrflow(options, runtime(fakes, { store }));
    expect([first.status, first.written]).toEqual(["success", 8]);
    expect(
      fakes.hrflow.profiles(source).every((p) => (p.info as { full_name: string }).full_name !== "stale"),
    ).toBe(true);
    const moved = fakes.workable.candidates[5]!;
    fakes.workable.updateCandidate(moved.id, { stage: "Offer", phone: "+30 699 000 0000" });
    const second = await Workable.updateProfilesInHrflow(options, runtime(fakes, { store }));
    expect([second.events.read_success, second.written]).toEqual([1, 1]);
    const p = fakes.hrflow.profiles(source).find((x) => x.reference === moved.id)!;
    expect(tag(p, "stage")).toBe("Offer");
    expect((p.info as { phone: string }).phone).toBe("+30 699 000 0000");
  });
});

describe("archive_profiles_in_hrflow", () => {
  it("archives the profiles of the candidates read", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 6 });
    const source = fakes.hrflow.addSource();
    for (const c of fakes.workable.candidates) fakes.hrflow.addProfile(source, { reference: c.id });
    fakes.hrflow.addProfile(source, { reference: "not-in-workable" });
    const target = fakes.workable.candidates[2]!;
    const res = await Workable.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { email: target.email } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const archived = fakes.hrflow.profiles(source).filter((p) => p.archived_at);
    expect(archived.map((p) => p.reference)).toEqual([target.id]);
  });

  it("reads the list only: one request per 100 candidates, no detail, no resume", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 205 });
    const source = fakes.hrflow.addSource();
    const ids = fakes.workable.candidates.map((c) => c.id);
    for (const id of ids) fakes.hrflow.addProfile(source, { reference: id });
    expect(fakes.workable.candidates.some((c) => c.resume_url)).toBe(true);
    const res = await Workable.archiveProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 205]);
    expect(fakes.workable.requests.count({ route: "/candidates" })).toBe(3);
    expect(fakes.workable.requests.count()).toBe(3);
    const archived = fakes.hrflow.profiles(source).filter((p) => p.archived_at);
    expect(archived.map((p) => p.reference).sort()).toEqual([...ids].sort());
  }, 30_000);
});

function hrflowProfile(email: string | null, reference: string | null = null) {
  return {
    reference,
    info: {
      full_name: "Chloé Dubois",
      first_name: "Chloé",
      last_name: "Dubois",
      email,
      phone: "+33 6 12 34 56 78",
      location: { text: "Lyon, France", lat: null, lng: null },
      summary: "Data engineer.",
      urls: [{ type: "linkedin", url: "https://www.linkedin.com/in/chloe" }],
    },
    educations: [
      {
        school: "INSA Lyon",
        title: "MSc Computer Science",
        date_start: "2014-09-01",
        date_end: "2016-06-30",
      },
    ],
    experiences: [
      { company: "Globex", title: "Data Engineer", description: "Pipelines.", date_start: "2016-09-01" },
    ],
    skills: [{ name: "Python", type: "hard", value: null }],
    attachments: [{ type: "resume", public_url: "https://files.example.com/chloe.pdf" }],
  };
}

function outboundOptions<Push>(fakes: Fakes, source: string, profileKey: string, push: Push) {
  return {
    workflow_id: "to-workable",
    connector_auth: fakes.workable.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: { source_key: source, profile_key: profileKey },
    push_parameters: push,
  };
}

describe("create_profiles_in_workable", () => {
  it("adds the profile to the job as {candidate, sourced}", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, hrflowProfile("chloe@example.com"));
    const shortcode = fakes.workable.jobs[1]!.shortcode;
    const res = await Workable.createProfilesInWorkable(
      outboundOptions(fakes, source, key, { job_shortcode: shortcode, stage: "interview" }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.workable.created).toHaveLength(1);
    const created = fakes.workable.created[0]!;
    expect(created).toMatchObject({ via: "job", shortcode, stage: "interview", sourced: true });
    expect(created.body).toEqual({
      sourced: true,
      candidate: {
        name: "Chloé Dubois",
        firstname: "Chloé",
        lastname: "Dubois",
        email: "chloe@example.com",
        phone: "+33 6 12 34 56 78",
        address: "Lyon, France",
        summary: "Data engineer.",
        education_entries: [
          {
            school: "INSA Lyon",
            degree: "MSc Computer Science",
            start_date: "2014-09-01",
            end_date: "2016-06-30",
          },
        ],
        experience_entries: [
          { title: "Data Engineer", company: "Globex", summary: "Pipelines.", start_date: "2016-09-01" },
        ],
        skills: ["Python"],
        social_profiles: [{ type: "linkedin", url: "https://www.linkedin.com/in/chloe" }],
        resume_url: "https://files.example.com/chloe.pdf",
      },
    });
    expect(fakes.workable.candidates.at(-1)).toMatchObject({
      email: "chloe@example.com",
      job: { shortcode },
    });
  });

  it("adds the profile to the talent pool", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, hrflowProfile("pool@example.com"));
    const res = await Workable.createProfilesInWorkable(
      outboundOptions(fakes, source, key, { add_to_talent_pool: true }),
      runtime(fakes),
    );
    expect(res.status).toBe("success");
    expect(fakes.workable.created[0]).toMatchObject({ via: "talent_pool", shortcode: null });
    expect((fakes.workable.created[0]!.body.candidate as { email: string }).email).toBe("pool@example.com");
  });
});

describe("update_profiles_in_workable", () => {
  it("patches the candidate named by the profile's reference with {candidate}", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 3 });
    const target = fakes.workable.candidates[1]!;
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, hrflowProfile("new.address@example.com", target.id));
    const res = await Workable.updateProfilesInWorkable(
      outboundOptions(fakes, source, key, {}),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.workable.updates).toHaveLength(1);
    const { id, body } = fakes.workable.updates[0]!;
    expect(id).toBe(target.id);
    expect(Object.keys(body)).toEqual(["candidate"]);
    expect(body.candidate).toMatchObject({
      firstname: "Chloé",
      email: "new.address@example.com",
      skills: ["Python"],
      experience_entries: [{ title: "Data Engineer", company: "Globex" }],
    });
    expect(body.candidate).not.toHaveProperty("id");
    expect(fakes.workable.candidate(target.id)).toMatchObject({
      email: "new.address@example.com",
      skills: [{ name: "Python" }],
    });
  });

  it("dead-letters a profile without reference, with no PATCH sent", async () => {
    const fakes = await startFakes({ candidates: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, hrflowProfile("x@example.com", null));
    const rt = runtime(fakes);
    const res = await Workable.updateProfilesInWorkable(outboundOptions(fakes, source, key, {}), rt);
    expect([res.status, res.reason]).toEqual(["fatal", "format_failure"]);
    expect(rt.deadLetter.entries[0]).toMatchObject({
      stage: "format",
      error: expect.stringMatching(/no reference/),
    });
    expect(fakes.workable.requests.count({ method: "PATCH" })).toBe(0);
  });
});
