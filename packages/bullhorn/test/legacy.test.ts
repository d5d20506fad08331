import { startFakeServer } from "@hrflow-connectors/core/testing";
import { describe, expect, it, onTestFinished } from "vitest";
import { Bullhorn } from "../src/index.js";
import { type Fakes, runtime, startFakes } from "./harness.js";

const since = String(Date.UTC(2024, 0, 1));

describe("pull_job_list / pull_resume_attachment_list / pull_profile_list (older style)", () => {
  it("pull_job_list reads job orders changed since last_modified_date to the last page", async () => {
    const fakes = await startFakes({ jobs: 12 });
    const board = fakes.hrflow.addBoard();
    const res = await Bullhorn.pullJobList(
      {
        workflow_id: "legacy-jobs",
        origin_parameters: {
          ...fakes.bullhorn.auth,
          last_modified_date: since,
          fields: "id,title,address",
          query: "isDeleted:0",
          count: 5,
        },
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 12]);
    const searches = fakes.bullhorn.requests.filter({ route: "/search/JobOrder" });
    expect(new URLSearchParams(searches[0]!.query).get("query")).toBe(
      "(isDeleted:0) AND dateLastModified:[20240101000000 TO *]",
    );
    expect(fakes.hrflow.jobs(board)).toHaveLength(12);
    // `count` is the page size: 12 rows in pages of 5.
    expect(new Set(searches.map((r) => new URLSearchParams(r.query).get("count")))).toEqual(new Set(["5"]));
    expect(searches.length).toBeGreaterThanOrEqual(3);
  });

  it("pull_resume_attachment_list sends each candidate's newest resume to parsing, with its file name", async () => {
    const fakes = await startFakes({ candidates: 8 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Bullhorn.pullResumeAttachmentList(
      {
        workflow_id: "legacy-resumes",
        origin_parameters: {
          ...fakes.bullhorn.auth,
          last_modified_date: since,
          fields: "id",
          query: "isDeleted:0",
          count: 50,
        },
        target_parameters: { ...fakes.hrflow.auth, source_key: source },
      },
      runtime(fakes),
    );
    const withResume = fakes.bullhorn.candidates.filter((c) => c.files.some((f) => f.type === "Resume"));
    expect([res.status, res.written]).toEqual(["success", withResume.length]);
    const names = fakes.hrflow
      .profiles(source)
      .map((p) => (p.attachments as { original_file_name: string }[])[0]!.original_file_name);
    expect(names.sort()).toEqual(
      withResume.map((c) => c.files.find((f) => f.type === "Resume")!.name as string).sort(),
    );
  });

  it("pull_profile_list reads every candidate not deleted (the original read only the API user's own)", async () => {
    const fakes = await startFakes({ candidates: 7 });
    fakes.bullhorn.change("Candidate", fakes.bullhorn.candidates[0]!.id, { isDeleted: true });
    const source = fakes.hrflow.addSource();
    const res = await Bullhorn.pullProfileList(
      {
        workflow_id: "legacy-profiles",
        origin_parameters: { ...fakes.bullhorn.auth },
        target_parameters: { ...fakes.hrflow.auth, source_key: source, edit: false, only_edit_fields: null },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 6]);
    expect(fakes.bullhorn.requests.count({ route: "/entity/Candidate/{ids}/educations" })).toBe(1);
  });
});

/** A file host standing for HrFlow's attachment storage. */
async function fileHost() {
  const server = await startFakeServer({
    handle: () => ({
      status: 200,
      body: Buffer.from("%PDF-1.4 hello"),
      headers: { "content-type": "application/pdf" },
    }),
  });
  onTestFinished(() => server.close());
  return server;
}

function profileWithFile(fakes: Fakes, source: string, url: string, reference: string | null) {
  return fakes.hrflow.addProfile(source, {
    reference,
    info: {
      full_name: "Ana Núñez",
      first_name: "Ana",
      last_name: "Núñez",
      email: "ana@example.com",
      phone: "+34 600",
    },
    educations: [
      { school: "Universidad de Salamanca", title: "BSc", date_start: "2010-09-01", date_end: null },
    ],
    experiences: [{ company: "Nestlé", title: "Chef", date_start: "2015-01-01T00:00:00Z", date_end: null }],
    skills: [{ name: "HACCP", type: "hard", value: null }],
    attachments: [{ type: "resume", original_file_name: "ana.pdf", public_url: url }],
  });
}

describe("push_profile / push_application (older style)", () => {
  it("push_profile creates the candidate (PUT), its rows and its resume, once", async () => {
    const fakes = await startFakes();
    const files = await fileHost();
    const source = fakes.hrflow.addSource();
    const { key } = profileWithFile(fakes, source, `${files.baseUrl}/ana.pdf`, "hrflow-ref");
    const res = await Bullhorn.pushProfile(
      {
        workflow_id: "push",
        origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { ...fakes.bullhorn.auth },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const writes = fakes.bullhorn.writes.map((w) => `${w.method} ${w.entity}`);
    expect(writes).toEqual([
      "PUT Candidate",
      "PUT CandidateEducation",
      "PUT CandidateWorkHistory",
      "PUT File",
    ]);
    const created = fakes.bullhorn.candidates.at(-1)!;
    expect(created).toMatchObject({ firstName: "Ana", email: "ana@example.com", skillSet: "HACCP" });
    expect(created.files[0]).toMatchObject({ name: "ana.pdf", bytes: "%PDF-1.4 hello" });
    // Bullhorn dates are epoch milliseconds (the original sent seconds).
    expect(created.rows.find((r) => r.kind === "educations")?.startDate).toBe(Date.UTC(2010, 8, 1));
  });

  it("push_profile settles a create whose answer was lost by looking the candidate up (no double)", async () => {
    const fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      info: { first_name: "Lé", last_name: "Do", email: "le@example.com" },
    });
    // The create landed (the candidate exists) but its answer was a 502: the outcome is unknown.
    const landed = fakes.bullhorn.addCandidate({ firstName: "Lé", lastName: "Do", email: "le@example.com" });
    fakes.bullhorn.fail({ method: "PUT", route: "/entity/Candidate", status: 502 });
    const res = await Bullhorn.pushProfile(
      {
        workflow_id: "push-lost",
        origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { ...fakes.bullhorn.auth },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    // Sent once (502, not resent by the policy), then found by email: no second create.
    expect(fakes.bullhorn.requests.count({ method: "PUT", route: "/entity/Candidate" })).toBe(1);
    expect(fakes.bullhorn.candidates.filter((c) => c.email === "le@example.com").map((c) => c.id)).toEqual([
      landed,
    ]);
  });

  it("push_application creates the candidate then submits it with PUT, and a second push updates with POST", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      info: { first_name: "Zoé", last_name: "Martin", email: "zoe@example.com" },
    });
    const jobId = fakes.bullhorn.jobs[1]!.id as number;
    const options = {
      workflow_id: "apply",
      origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
      target_parameters: {
        ...fakes.bullhorn.auth,
        job_id: String(jobId),
        status_when_created: "New Lead",
        source: "HrFlow",
      },
    };
    const first = await Bullhorn.pushApplication(options, runtime(fakes));
    expect([first.status, first.written]).toEqual(["success", 1]);
    const candidateId = fakes.bullhorn.candidates.at(-1)!.id;
    expect(fakes.bullhorn.submissions).toEqual([
      expect.objectContaining({
        candidate: { id: candidateId },
        jobOrder: { id: jobId },
        status: "New Lead",
        source: "HrFlow",
      }),
    ]);
    const again = await Bullhorn.pushApplication(
      { ...options, target_parameters: { ...options.target_parameters, candidate_id: candidateId } },
      runtime(fakes),
    );
    expect(again.status).toBe("success");
    expect(fakes.bullhorn.submissions).toHaveLength(1);
    expect(fakes.bullhorn.writes.map((w) => `${w.method} ${w.entity}`)).toEqual([
      "PUT Candidate",
      "PUT JobSubmission",
      "POST Candidate",
      "POST JobSubmission",
    ]);
  });
});
