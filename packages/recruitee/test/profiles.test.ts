import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { Recruitee } from "../src/index.js";
import { type Fakes, profileFlowOptions, runtime, startFakes } from "./harness.js";

const q = (query: string) => new URLSearchParams(query);

describe("create_profiles_in_hrflow", () => {
  it("reads every page (limit/offset to the end), each candidate in full with its resume", async () => {
    const fakes = await startFakes({ candidates: 130 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Recruitee.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 130]);
    const lists = fakes.recruitee.requests.filter({ route: "/candidates" });
    expect(lists.map((l) => q(l.query).get("offset"))).toEqual(["0", "100"]);
    expect(fakes.recruitee.requests.count({ route: "/candidates/{id}" })).toBe(130);
    for (const r of fakes.recruitee.requests.filter({ route: "/files/cv/{id}.pdf" })) {
      expect(r.headers.authorization).toBeUndefined();
    }
  });

  it("honours limit and offset as a window over every candidate, and sends booleans as true/false", async () => {
    const fakes = await startFakes({ candidates: 30 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Recruitee.createProfilesInHrflow(
      profileFlowOptions(fakes, source, {
        pull_parameters: { limit: 7, offset: 5, qualified: true, disqualified: "false" },
      }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 7]);
    const first = q(fakes.recruitee.requests.filter({ route: "/candidates" })[0]!.query);
    expect([first.get("offset"), first.get("qualified"), first.get("disqualified")]).toEqual([
      "5",
      "true",
      "false",
    ]);
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toEqual(
      fakes.recruitee.candidates.slice(5, 12).map((c) => String(c.id)),
    );
  });

  it("runs incrementally on creation time without re-reading or losing the boundary candidate", async () => {
    const fakes = await startFakes({ candidates: 6 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const store = new MemoryStore();
    const options = profileFlowOptions(fakes, source, { incremental: true });
    const first = await Recruitee.createProfilesInHrflow(options, runtime(fakes, { store }));
    const last = fakes.recruitee.candidates.at(-1)!;
    expect(first.incremental_token).toBe(`${last.created_at}|${last.id}`);
    const again = await Recruitee.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect([again.events.read_success, again.written]).toEqual([0, 0]);
    const twin = fakes.recruitee.addCandidate({ created_at: last.created_at });
    const third = await Recruitee.createProfilesInHrflow(options, runtime(fakes, { store }));
    expect([third.events.read_success, third.written]).toEqual([1, 1]);
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toContain(String(twin.id));
  });
});

describe("archive_profiles_in_hrflow", () => {
  it("archives a deleted candidate named by the webhook, keeps one that exists", async () => {
    const fakes = await startFakes({ candidates: 3 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    await Recruitee.createProfilesInHrflow(profileFlowOptions(fakes, source), runtime(fakes));
    const [gone, kept] = fakes.recruitee.candidates.map((c) => String(c.id)) as [string, string];
    fakes.recruitee.removeCandidate(gone);
    const res = await Recruitee.archiveProfilesInHrflow(
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
  it("confirms ids 100 per request from the list filtered by id, never one by one", async () => {
    const fakes = await startFakes({ candidates: 150 });
    const source = fakes.hrflow.addSource();
    const ids = fakes.recruitee.candidates.map((c) => String(c.id));
    for (const reference of ids) fakes.hrflow.addProfile(source, { reference, tags: [], attachments: [] });
    const gone = ids.slice(0, 120);
    for (const id of gone) fakes.recruitee.removeCandidate(id);
    // Never in Recruitee nor in HrFlow: absent from the answer, so archived, and its failure reported.
    const rt = runtime(fakes);
    const res = await Recruitee.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { candidate_ids: [...ids, "99999"] } }),
      rt,
    );
    expect(fakes.recruitee.requests.count({ route: "/candidates/{id}" })).toBe(0);
    expect(fakes.recruitee.requests.count({ route: "/candidates" })).toBe(2);
    expect([res.events.read_success, res.written, res.events.write_failure]).toEqual([121, 120, 1]);
    const archived = fakes.hrflow.profiles(source).filter((p) => p.archived_at);
    expect(archived.map((p) => p.reference).sort()).toEqual([...gone].sort());
    expect(rt.logs.filter((l) => /still exists/.test(l.message))).toHaveLength(30);
  });

  it("looks each id up, with one warning, when the list filtered by id fails", async () => {
    const fakes = await startFakes({ candidates: 6 });
    const source = fakes.hrflow.addSource();
    const ids = fakes.recruitee.candidates.map((c) => String(c.id));
    for (const reference of ids) fakes.hrflow.addProfile(source, { reference, tags: [], attachments: [] });
    for (const id of ids.slice(0, 4)) fakes.recruitee.removeCandidate(id);
    fakes.recruitee.fail({ route: "/candidates", method: "GET", status: 400, times: 5 });
    const rt = runtime(fakes);
    const res = await Recruitee.archiveProfilesInHrflow(
      profileFlowOptions(fakes, source, { pull_parameters: { candidate_ids: ids } }),
      rt,
    );
    expect([res.status, res.written]).toEqual(["success", 4]);
    expect(fakes.recruitee.requests.count({ route: "/candidates/{id}" })).toBe(6);
    expect(rt.logs.filter((l) => /Listing Recruitee candidates by id failed/.test(l.message))).toHaveLength(
      1,
    );
  });
});

function outbound<Push>(fakes: Fakes, source: string, key: string, push: Push) {
  return {
    workflow_id: "to-recruitee",
    connector_auth: fakes.recruitee.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: { source_key: source, profile_key: key },
    push_parameters: push,
  };
}

const profile = (reference: string | null) => ({
  reference,
  info: {
    full_name: "Chloé Martin",
    email: "chloe@example.com",
    phone: "+33 6 12 34 56 78",
    urls: [{ type: "linkedin", url: "https://www.linkedin.com/in/chloe" }],
  },
  attachments: [{ type: "resume", public_url: "https://files.example.com/chloe.pdf" }],
});

describe("profiles into Recruitee", () => {
  it("create: {candidate, offers}; a 5xx is settled by an email lookup, never doubled", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, profile(null));
    fakes.recruitee.fail({ route: "/candidates", method: "POST", status: 502 });
    const res = await Recruitee.createProfilesInRecruitee(
      outbound(fakes, source, key, { offers: [700001] }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.recruitee.created).toHaveLength(1);
    expect(fakes.recruitee.created[0]!.body).toMatchObject({
      candidate: {
        name: "Chloé Martin",
        emails: ["chloe@example.com"],
        remote_cv_url: "https://files.example.com/chloe.pdf",
      },
      offers: [700001],
    });
  });

  it("update patches the candidate; archive deletes it (a second delete finds it gone and succeeds)", async () => {
    const fakes = await startFakes({ candidates: 1 });
    const id = String(fakes.recruitee.candidates[0]!.id);
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, profile(id));
    const up = await Recruitee.updateProfilesInRecruitee(outbound(fakes, source, key, {}), runtime(fakes));
    expect([up.status, up.written]).toEqual(["success", 1]);
    expect(fakes.recruitee.updates[0]).toMatchObject({ id, body: { candidate: { name: "Chloé Martin" } } });
    const del = await Recruitee.archiveProfilesInRecruitee(outbound(fakes, source, key, {}), runtime(fakes));
    expect([del.status, del.written]).toEqual(["success", 1]);
    expect(fakes.recruitee.deleted).toEqual([id]);
    const again = await Recruitee.archiveProfilesInRecruitee(
      outbound(fakes, source, key, {}),
      runtime(fakes),
    );
    expect(again.status).toBe("success");
  });

  it("push_profile (older style) creates the candidate on the given offers", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, profile(null));
    const res = await Recruitee.pushProfile(
      {
        workflow_id: "legacy-push",
        origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: {
          ...fakes.recruitee.auth,
          recruitee_endpoint: "PRODUCTION ENDPOINT",
          offer_ids: [3],
        },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.recruitee.created[0]!.body.offers).toEqual([3]);
  });
});

describe("pull_profile_list (older style)", () => {
  it("reads every candidate with the original's filters into the source", async () => {
    const fakes = await startFakes({ candidates: 9 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Recruitee.pullProfileList(
      {
        workflow_id: "legacy-profiles",
        origin_parameters: {
          ...fakes.recruitee.auth,
          recruitee_endpoint: "PRODUCTION ENDPOINT",
          with_messages: false,
        },
        target_parameters: { ...fakes.hrflow.auth, source_key: source, only_edit_fields: null },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 9]);
    expect(q(fakes.recruitee.requests.filter({ route: "/candidates" })[0]!.query).get("with_messages")).toBe(
      "false",
    );
  });
});
