import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { Teamtailor } from "../src/index.js";
import { type Fakes, profileFlowOptions, runtime, startFakes } from "./harness.js";

describe("create_profiles_in_hrflow", () => {
  it("reads every candidate page and sends each resume to HrFlow", async () => {
    const fakes = await startFakes({ candidates: 35 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Teamtailor.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 35, 35]);
    expect(fakes.teamtailor.requests.count({ route: "/candidates" })).toBe(2);
    const withResume = fakes.teamtailor.candidates.filter((c) => c.attributes.resume);
    expect(fakes.teamtailor.requests.count({ route: "/files/resumes/{id}.pdf" })).toBe(withResume.length);
    // The key never travels to the storage host.
    for (const r of fakes.teamtailor.requests.filter({ route: "/files/resumes/{id}.pdf" })) {
      expect(r.headers.authorization).toBeUndefined();
    }
    const refs = fakes.hrflow.profiles(source).map((p) => p.reference);
    expect(refs.sort()).toEqual(fakes.teamtailor.candidates.map((c) => c.id).sort());
  });

  it("sends filter[connected] as true/false text, never Python's True", async () => {
    const fakes = await startFakes({ candidates: 12 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const connected = fakes.teamtailor.candidates.filter((c) => c.attributes.connected);
    const res = await Teamtailor.createProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { filter_connected: "true" } }),
      runtime(fakes),
    );
    expect(res.written).toBe(connected.length);
    const q = new URLSearchParams(fakes.teamtailor.requests.filter({ route: "/candidates" })[0]!.query);
    expect(q.get("filter[connected]")).toBe("true");
  });

  it("update runs incrementally on updated-at", async () => {
    const fakes = await startFakes({ candidates: 5 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const store = new MemoryStore();
    await Teamtailor.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    const options = profileFlowOptions(fakes, source, { incremental: true });
    const first = await Teamtailor.updateProfilesInHrflow(options, runtime(fakes, { store }));
    expect([first.events.read_success, first.written]).toEqual([5, 5]);
    const changed = fakes.teamtailor.updateCandidate(fakes.teamtailor.candidates[1]!.id, {
      phone: "+33 6 00 00 00 00",
    });
    const second = await Teamtailor.updateProfilesInHrflow(options, runtime(fakes, { store }));
    expect(second.events.read_success).toBe(1);
    expect(second.incremental_token).toBe(`${changed.attributes["updated-at"]}|${changed.id}`);
  });
});

describe("archive_profiles_in_hrflow", () => {
  it("archives a candidate named by candidate.destroy once Teamtailor answers 404, and keeps one that exists", async () => {
    const fakes = await startFakes({ candidates: 4 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    await Teamtailor.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    const [gone, kept] = fakes.teamtailor.candidates.slice(0, 2).map((c) => c.id) as [string, string];
    fakes.teamtailor.deleteCandidate(gone, "key");
    const res = await Teamtailor.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { candidate_ids: [gone, kept] } }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(
      fakes.hrflow
        .profiles(source)
        .filter((p) => p.archived_at)
        .map((p) => p.reference),
    ).toEqual([gone]);
  });

  it("confirms many ids from the candidate list (one request per page), looking up only the first 10", async () => {
    const fakes = await startFakes({ candidates: 40 });
    const source = fakes.hrflow.addSource();
    const ids = fakes.teamtailor.candidates.map((c) => c.id);
    for (const reference of ids) fakes.hrflow.addProfile(source, { reference, tags: [], attachments: [] });
    const gone = ids.slice(0, 25);
    for (const id of gone) fakes.teamtailor.deleteCandidate(id, "key");
    // Never in Teamtailor nor in HrFlow: absent from the list, so archived, and its failure reported.
    const unknown = "99999";
    const rt = runtime(fakes);
    const res = await Teamtailor.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { candidate_ids: [...ids, unknown] } }),
      rt,
    );
    expect(fakes.teamtailor.requests.count({ route: "/candidates/{id}" })).toBe(10);
    expect(fakes.teamtailor.requests.count({ route: "/candidates" })).toBe(1);
    expect(res.events.read_success).toBe(26);
    expect(res.written).toBe(25);
    expect(res.events.write_failure).toBe(1);
    const archived = fakes.hrflow.profiles(source).filter((p) => p.archived_at);
    expect(archived.map((p) => p.reference).sort()).toEqual([...gone].sort());
    expect(rt.logs.filter((l) => /still exists/.test(l.message))).toHaveLength(15);
  });

  it("looks each id up, with one warning, when the candidate list fails", async () => {
    const fakes = await startFakes({ candidates: 15 });
    const source = fakes.hrflow.addSource();
    const ids = fakes.teamtailor.candidates.map((c) => c.id);
    for (const reference of ids) fakes.hrflow.addProfile(source, { reference, tags: [], attachments: [] });
    for (const id of ids.slice(0, 12)) fakes.teamtailor.deleteCandidate(id, "key");
    fakes.teamtailor.fail({ route: "/candidates", method: "GET", status: 400, times: 5 });
    const rt = runtime(fakes);
    const res = await Teamtailor.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { candidate_ids: ids } }),
      rt,
    );
    expect([res.status, res.written]).toEqual(["success", 12]);
    expect(fakes.teamtailor.requests.count({ route: "/candidates/{id}" })).toBe(15);
    expect(rt.logs.filter((l) => /Listing Teamtailor candidates failed/.test(l.message))).toHaveLength(1);
  });

  it("archives nothing on a schedule without ids (Teamtailor lists no deleted candidates)", async () => {
    const fakes = await startFakes({ candidates: 4 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const rt = runtime(fakes);
    const res = await Teamtailor.archiveProfilesInHrflow(profileFlowOptions(fakes, source), rt);
    expect([res.status, res.events.read_success]).toEqual(["success", 0]);
    expect(fakes.teamtailor.requests.count()).toBe(0);
    expect(rt.logs.some((l) => /candidate_ids/.test(l.message))).toBe(true);
  });
});

function outbound(fakes: Fakes, source: string, profileKey: string) {
  return {
    workflow_id: "to-teamtailor",
    connector_auth: fakes.teamtailor.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: { source_key: source, profile_key: profileKey },
    push_parameters: {},
  };
}

function profile(reference: string | null) {
  return {
    reference,
    info: {
      full_name: "Chloé Martin",
      first_name: "Chloé",
      last_name: "Martin",
      email: "chloe.martin@example.com",
      phone: "+33 6 12 34 56 78",
      summary: "Ingénieure données.",
      urls: [{ type: "linkedin", url: "https://www.linkedin.com/in/chloe" }],
    },
    attachments: [{ type: "resume", public_url: "https://files.example.com/chloe.pdf" }],
  };
}

describe("create_profiles_in_teamtailor", () => {
  it("creates a sourced candidate with a JSON:API body", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, profile(null));
    const res = await Teamtailor.createProfilesInTeamtailor(outbound(fakes, source, key), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.teamtailor.created[0]!.body).toEqual({
      data: {
        type: "candidates",
        attributes: {
          "first-name": "Chloé",
          "last-name": "Martin",
          email: "chloe.martin@example.com",
          phone: "+33 6 12 34 56 78",
          "linkedin-url": "https://www.linkedin.com/in/chloe",
          pitch: "Ingénieure données.",
          resume: "https://files.example.com/chloe.pdf",
          sourced: true,
        },
      },
    });
  });

  it("settles a create that failed with a 5xx by looking the candidate up before sending it again", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, profile(null));
    fakes.teamtailor.fail({ route: "/candidates", method: "POST", status: 502 });
    const res = await Teamtailor.createProfilesInTeamtailor(outbound(fakes, source, key), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(
      fakes.teamtailor.candidates.filter((c) => c.attributes.email === "chloe.martin@example.com"),
    ).toHaveLength(1);
    // The lookup asked by email among candidates created since the batch began.
    const lookup = fakes.teamtailor.requests.filter({ method: "GET", route: "/candidates" })[0]!;
    expect(new URLSearchParams(lookup.query).get("filter[email]")).toBe("chloe.martin@example.com");
  });
});

describe("update_profiles_in_teamtailor", () => {
  it("patches the candidate named by the profile reference", async () => {
    const fakes = await startFakes({ candidates: 2 });
    const target = fakes.teamtailor.candidates[0]!;
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, profile(target.id));
    const res = await Teamtailor.updateProfilesInTeamtailor(outbound(fakes, source, key), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.teamtailor.updates[0]).toMatchObject({
      id: target.id,
      body: { data: { id: target.id, type: "candidates" } },
    });
    expect(target.attributes["first-name"]).toBe("Chloé");
  });
});
