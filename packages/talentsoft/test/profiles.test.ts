import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import { afterEach, describe, expect, it } from "vitest";
import { TalentSoft } from "../src/index.js";
import { fakePdf } from "../src/testing/index.js";
import {
  exportRequests,
  type Fakes,
  queryOf,
  runtime,
  startFakes,
  toSource,
  totalRequests,
} from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const exports = (f: Fakes) => exportRequests(f, "candidates");
const action = (name: string) => TalentSoft.actions[name] as LegacyAction;

describe("pull_profile_list", () => {
  it("sends every candidate's resume to HrFlow parsing, page by page, asking only for resumes", async () => {
    fakes = await startFakes({ candidates: 120 });
    const source = fakes.hrflow.addSource();
    const res = await TalentSoft.pullProfileList(toSource(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 120]);
    expect(exports(fakes).map((r) => [queryOf(r).get("offset"), queryOf(r).get("attachmenttype")])).toEqual([
      ["0", "resume"],
      ["100", "resume"],
      ["200", "resume"],
    ]);
    const profiles = fakes.hrflow.profiles(source);
    expect(profiles).toHaveLength(120);
    const p = profiles.find((x) => x.reference === "_TS-0042")!;
    // The fake parser keeps the uploaded bytes as the text: the resume, not the cover letter, arrived.
    expect(p.text).toContain("resume of candidate 42");
    expect(p.tags).toContainEqual({ name: "talentsoft-residentCountry-id", value: "FR" });
    expect(p.metadatas).toEqual([
      { name: "profile_uid", value: "_TS-0042" },
      { name: "filename", value: "cv-0042.pdf" },
    ]);
    expect(fakes.hrflow.requests.count({ method: "POST", route: "/profile/parsing/file" })).toBe(120);
  });

  it("keeps only_insert as a parameter and has no report callback", async () => {
    fakes = await startFakes({ candidates: 2 });
    const source = fakes.hrflow.addSource();
    fakes.hrflow.addProfile(source, { reference: "_TS-0001", tags: [] });
    const o = toSource(fakes, source);
    const res = await TalentSoft.pullProfileList(
      { ...o, target_parameters: { ...o.target_parameters, only_insert: true } },
      runtime(fakes),
    );
    expect(res.status).toBe("success");
    expect(fakes.hrflow.requests.count({ method: "POST", route: "/profile/parsing/file" })).toBe(1);
    expect([res.events.callback_executed, fakes.ts.reports]).toEqual([0, []]);
  });
});

describe("applicant_new (catch)", () => {
  it("parses the candidate named by the event, then reports it to TalentSoft", async () => {
    fakes = await startFakes({ candidates: 5 });
    const source = fakes.hrflow.addSource();
    const res = await action("applicant_new").catch(
      { applicantId: "_TS-0003" },
      toSource(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written, res.events.callback_executed]).toEqual(["success", 1, 1]);
    expect(queryOf(exports(fakes)[0]!).get("filter")).toBe("id::_TS-0003");
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toEqual(["_TS-0003"]);
    expect(fakes.ts.reports).toEqual([
      {
        reportType: "Candidates",
        items: [
          {
            id: "_TS-0003",
            date: "2024-02-04T08:15:00Z",
            lastUpdateDate: expect.stringMatching(/Z$/),
            status: "success",
          },
        ],
      },
    ]);
    // The report reuses the back-office token of the read.
    expect(fakes.ts.tokens).toHaveLength(1);
    // One lookup by reference (the parsing write's own): the delivery report asks HrFlow nothing.
    expect(fakes.hrflow.requests.count({ method: "GET", route: "/profile/indexing" })).toBe(1);
  });

  it("skips a candidate already in the source and then reports nothing", async () => {
    fakes = await startFakes({ candidates: 2 });
    const source = fakes.hrflow.addSource();
    fakes.hrflow.addProfile(source, { reference: "_TS-0002", tags: [] });
    const res = await action("applicant_new").catch(
      { applicantId: "_TS-0002" },
      toSource(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.events.write_failure, res.written, res.skipped]).toEqual(["success", 0, 0, 1]);
    expect(fakes.hrflow.requests.count({ method: "POST", route: "/profile/parsing/file" })).toBe(0);
    // The parsing warehouse's own only_insert lookup decides.
    expect(fakes.hrflow.requests.count({ method: "GET", route: "/profile/indexing" })).toBe(1);
    expect(fakes.ts.reports).toEqual([]);
  });

  it("reports every delivered candidate of a multi-candidate read in one request", async () => {
    fakes = await startFakes({ candidates: 4 });
    const source = fakes.hrflow.addSource();
    const res = await TalentSoft.applicantNew(
      toSource(fakes, source, { filter: "id::_TS-0001,_TS-0004" }),
      runtime(fakes),
    );
    expect(res.written).toBe(2);
    expect(fakes.ts.reports.map((r) => r.items.map((i) => i.id))).toEqual([["_TS-0001", "_TS-0004"]]);
  });

  it("counts a refused report as a callback failure", async () => {
    fakes = await startFakes({ candidates: 1 });
    fakes.ts.fail({ route: "/api/exports/v1/reports", status: 400, message: "invalid report" });
    const source = fakes.hrflow.addSource();
    const res = await TalentSoft.applicantNew(toSource(fakes, source), runtime(fakes));
    expect([res.status, res.written, res.events.callback_failure]).toEqual(["success_with_failures", 1, 1]);
  });

  it("ends with event_parsing_failure, without any request, on an event without applicantId", async () => {
    fakes = await startFakes({ candidates: 1 });
    const source = fakes.hrflow.addSource();
    for (const event of [{ candidateId: "_TS-0001" }, { applicantId: "_TS-0001,_TS-0002" }, "text"]) {
      const res = await action("applicant_new").catch(event, toSource(fakes, source), runtime(fakes));
      expect([res.status, res.reason]).toEqual(["fatal", "event_parsing_failure"]);
    }
    expect(totalRequests(fakes)).toBe(0);
  });

  it("never lets the event replace the configured tenant or credentials", async () => {
    fakes = await startFakes({ candidates: 1 });
    const source = fakes.hrflow.addSource();
    const res = await action("applicant_new").catch(
      { applicantId: "_TS-0001", client_url: "http://attacker.invalid", client_secret: "x" },
      toSource(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    // The configured tenant was read, and only the candidate the event named.
    expect(queryOf(exports(fakes)[0]!).get("filter")).toBe("id::_TS-0001");
    expect(fakes.hrflow.profiles(source).map((p) => p.reference)).toEqual(["_TS-0001"]);
  });
});

describe("applicant_resume_update (catch)", () => {
  it("re-parses the named file into the candidate's existing profile and reports it", async () => {
    fakes = await startFakes();
    fakes.ts.addCandidate({}, [
      {
        id: "OLD",
        filename: "old.pdf",
        mimeType: "application/pdf",
        isResume: true,
        bytes: fakePdf("old resume"),
      },
      {
        id: "NEW",
        filename: "new.pdf",
        mimeType: "application/pdf",
        isResume: true,
        bytes: fakePdf("new resume"),
      },
    ]);
    const source = fakes.hrflow.addSource();
    const first = await TalentSoft.applicantNew(
      toSource(fakes, source, { filter: "id::_TS-0001" }),
      runtime(fakes),
    );
    expect(first.written).toBe(1);
    expect(fakes.hrflow.profiles(source)[0]!.text).toContain("old resume");
    const res = await action("applicant_resume_update").catch(
      { applicantId: "_TS-0001", fileId: "NEW" },
      toSource(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const profiles = fakes.hrflow.profiles(source);
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.text).toContain("new resume");
    expect(profiles[0]!.metadatas).toContainEqual({ name: "filename", value: "new.pdf" });
    expect(fakes.ts.reports.map((r) => r.items[0]!.id)).toEqual(["_TS-0001", "_TS-0001"]);
  });
});

describe("applicant_update (catch)", () => {
  it("replaces only the tags of the stored profile, reading every attachment type", async () => {
    fakes = await startFakes({ candidates: 3 });
    const source = fakes.hrflow.addSource();
    const stored = fakes.hrflow.addProfile(source, {
      reference: "_TS-0002",
      info: { full_name: "Amélie Lefèvre" },
      tags: [{ name: "old", value: "1" }],
      attachments: [],
    });
    const res = await action("applicant_update").catch(
      { applicantId: "_TS-0002" },
      toSource(fakes, source),
      runtime(fakes),
    );
    expect([res.status, res.written, res.events.callback_executed]).toEqual(["success", 1, 0]);
    expect(queryOf(exports(fakes)[0]!).has("attachmenttype")).toBe(false);
    const after = fakes.hrflow.profiles(source).find((p) => p.key === stored.key)!;
    expect(after.info).toEqual({ full_name: "Amélie Lefèvre" });
    expect(after.tags).toContainEqual({ name: "talentsoft-isInProgress", value: "true" });
    expect(after.tags).not.toContainEqual({ name: "old", value: "1" });
    // Only tags change: the resume is not parsed into the profile on the way.
    expect(fakes.hrflow.requests.count({ route: "/profile/parsing/file" })).toBe(0);
    expect(fakes.ts.reports).toEqual([]);
  });

  it("fails the item when HrFlow has no profile for the candidate", async () => {
    fakes = await startFakes({ candidates: 1 });
    const source = fakes.hrflow.addSource();
    const rt = runtime(fakes);
    const res = await action("applicant_update").catch(
      { applicantId: "_TS-0001" },
      toSource(fakes, source),
      rt,
    );
    expect([res.status, res.reason, res.events.write_failure]).toEqual(["fatal", "write_failure", 1]);
    expect(rt.deadLetter.entries.map((r) => [r.stage, (r.item as { reference: string }).reference])).toEqual([
      ["write", "_TS-0001"],
    ]);
  });
});

describe("the TalentSoft token", () => {
  it("is renewed when TalentSoft revokes it in the middle of a read", async () => {
    fakes = await startFakes({ candidates: 150 });
    const source = fakes.hrflow.addSource();
    let revoked = false;
    const res = await TalentSoft.pullProfileList(
      {
        ...toSource(fakes, source),
        action_parameters: {
          logics: [
            (item: { reference: string }) => {
              // Between the first and the second page, as an expiring token would.
              if (item.reference === "_TS-0100" && !revoked) {
                revoked = true;
                fakes.ts.revokeTokens();
              }
              return item;
            },
          ],
        },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 150]);
    expect(fakes.ts.requests.count({ route: "/api/exports/v1/candidates", status: 401 })).toBe(1);
    expect(fakes.ts.tokens).toHaveLength(2);
  });

  it("fails the read with a clear, redacted error when the credentials are refused", async () => {
    fakes = await startFakes({ candidates: 1 });
    const source = fakes.hrflow.addSource();
    const rt = runtime(fakes);
    const secret = "wrong+secret/value";
    const res = await TalentSoft.pullProfileList(toSource(fakes, source, { client_secret: secret }), rt);
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    const logged = JSON.stringify(rt.logs);
    expect(logged).toContain("Failed to get authentication token");
    expect(logged).not.toContain(secret);
    expect(fakes.ts.requests.count({ route: "/api/exports/v1/candidates" })).toBe(0);
  });
});
