import { describe, expect, it } from "vitest";
import { Greenhouse } from "../src/index.js";
import { outboundOptions, runtime, startFakes } from "./harness.js";

function hrflowProfile(email: string, reference: string | null = null, jobIds: number[] = []) {
  return {
    reference,
    info: {
      full_name: "Chloé Dubois",
      first_name: "Chloé",
      last_name: "Dubois",
      email,
      phone: "+33 6 12 34 56 78",
      location: { text: "Lyon, France", lat: null, lng: null },
      urls: [{ type: "linkedin", url: "https://www.linkedin.com/in/chloe" }],
    },
    experiences: [{ company: "Globex", title: "Data Engineer", date_start: "2016-09-01T00:00:00Z" }],
    tags: jobIds.map((id) => ({ name: "application_boardKey_jobReference", value: `board_${id}` })),
  };
}

describe("profiles into Greenhouse", () => {
  it("creates the candidate acting as the user, its first job nested, each further job as an application", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const source = fakes.hrflow.addSource();
    const [a, b] = fakes.greenhouse.jobs.map((j) => Number(j.id));
    const { key } = fakes.hrflow.addProfile(source, hrflowProfile("chloe@example.com", null, [a!, b!]));
    const res = await Greenhouse.createProfilesInGreenhouse(
      outboundOptions(fakes, source, key, { on_behalf_of: fakes.greenhouse.auth.user_id }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const [create, apply] = fakes.greenhouse.state.writes;
    expect(create).toMatchObject({ route: "POST /candidates", actingUser: fakes.greenhouse.auth.user_id });
    expect(create!.body).toEqual({
      first_name: "Chloé",
      last_name: "Dubois",
      company: "Globex",
      title: "Data Engineer",
      email_addresses: [{ value: "chloe@example.com", type: "personal" }],
      phone_numbers: [{ value: "+33 6 12 34 56 78", type: "mobile" }],
      addresses: [{ value: "Lyon, France", type: "home" }],
      social_media_addresses: [{ value: "https://www.linkedin.com/in/chloe" }],
      employments: [
        {
          company_name: "Globex",
          title: "Data Engineer",
          start_date: "2016-09-01T00:00:00Z",
          end_date: null,
        },
      ],
      application: { job_id: a },
    });
    expect(apply).toMatchObject({ route: "POST /applications", body: { job_id: b } });
  });

  it("settles a create whose answer was lost by looking the candidate up: created once", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, hrflowProfile("lost@example.com"));
    // The candidate is stored, but after the client gave up (the lookup waits one timeout to settle).
    fakes.greenhouse.fail({ method: "POST", route: "/candidates", delayMs: 700 });
    const res = await Greenhouse.createProfilesInGreenhouse(
      outboundOptions(fakes, source, key, {}),
      runtime(fakes, { http: { timeoutMs: 500, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } } }),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(
      fakes.greenhouse.candidates.filter((c) => c.email_addresses?.[0]?.value === "lost@example.com"),
    ).toHaveLength(1);
    const lookup = fakes.greenhouse.requests.filter({ route: "/candidates", method: "GET" });
    expect(lookup.map((r) => new URLSearchParams(r.query).get("email"))).toEqual(["lost@example.com"]);
    expect(fakes.greenhouse.requests.count({ route: "/candidates", method: "POST" })).toBe(1);
  }, 20_000);

  it("refuses an on_behalf_of that is not the acting user, before any write", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, hrflowProfile("x@example.com"));
    const res = await Greenhouse.createProfilesInGreenhouse(
      outboundOptions(fakes, source, key, { on_behalf_of: "777" }),
      runtime(fakes),
    );
    expect(res.events.write_failure).toBe(1);
    expect(fakes.greenhouse.state.writes).toHaveLength(0);
  });

  it("updates the candidate named by the reference with its set fields only", async () => {
    const fakes = await startFakes({ jobs: 1, candidates: 2 });
    const target = fakes.greenhouse.candidates[1]!;
    const source = fakes.hrflow.addSource();
    const profile = { ...hrflowProfile("new@example.com", String(target.id)), experiences: [] };
    profile.info.phone = null as unknown as string;
    const { key } = fakes.hrflow.addProfile(source, profile);
    const res = await Greenhouse.updateProfilesInGreenhouse(
      outboundOptions(fakes, source, key, {}),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const write = fakes.greenhouse.state.writes[0]!;
    expect(write).toMatchObject({ route: "PATCH /candidates/{id}", id: String(target.id) });
    // No phone in HrFlow: Greenhouse's phones are left alone, not replaced by an empty list.
    expect(Object.keys(write.body as object).sort()).toEqual(
      ["addresses", "email_addresses", "first_name", "last_name", "social_media_addresses"].sort(),
    );
    expect(target.email_addresses).toEqual([{ value: "new@example.com", type: "personal" }]);
  });

  it("archives by rejecting active applications; deletes only with hard_delete", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 4 });
    const withApp = fakes.greenhouse.candidates.filter((c) => c.application_ids?.length);
    const source = fakes.hrflow.addSource();
    const first = fakes.hrflow.addProfile(source, hrflowProfile("a@example.com", String(withApp[0]!.id)));
    const res = await Greenhouse.archiveProfilesInGreenhouse(
      outboundOptions(fakes, source, first.key, {}),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.greenhouse.applications.find((a) => a.candidate_id === withApp[0]!.id)?.status).toBe(
      "rejected",
    );
    expect(fakes.greenhouse.candidates).toContain(withApp[0]);
    expect(fakes.greenhouse.requests.count({ method: "DELETE" })).toBe(0);

    const second = fakes.hrflow.addProfile(source, hrflowProfile("b@example.com", String(withApp[1]!.id)));
    const hard = await Greenhouse.archiveProfilesInGreenhouse(
      outboundOptions(fakes, source, second.key, { hard_delete: true }),
      runtime(fakes),
    );
    expect(hard.written).toBe(1);
    expect(fakes.greenhouse.candidates).not.toContain(withApp[1]);
  });
});
