import { createLogger, openWrite, silentSink } from "@hrflow-connectors/core";
import { getAisle } from "@hrflow-connectors/core/contracts";
import { afterEach, describe, expect, it } from "vitest";
import {
  applicationParametersSchema,
  jobsExportParametersSchema,
  profilesExportParametersSchema,
  TalentSoft,
  type TalentSoftApplicantItem,
  type TalentSoftCandidate,
  TalentSoftJobsAisle,
  TalentSoftProfilesAisle,
  TalentSoftResumeWarehouse,
  type TalentSoftVacancy,
  TalentSoftWarehouse,
} from "../src/index.js";
import { fakePdf } from "../src/testing/index.js";
import { exportRequests, type Fakes, queryOf, startFakes } from "./harness.js";

// The aisles on their own, as a flow-style action would run them: typed auth and per-mode
// parameters, against the fake tenant (the older-style actions are covered end to end elsewhere).

let fakes: Fakes;
afterEach(() => fakes?.close());

const settings = () => ({
  baseUrls: {},
  http: { rateLimits: { talentsoft: { requests: 1000, perMs: 1000 } } },
  signal: new AbortController().signal,
  logger: createLogger({ sink: silentSink }),
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("TalentSoft aisles", () => {
  it("are what the warehouse lists, one per entity, under the warehouse's auth", () => {
    expect(TalentSoftWarehouse.aisles.map((a) => a.entity)).toEqual(["job", "profile"]);
    expect(getAisle(TalentSoftWarehouse, "profile")).toBe(TalentSoftProfilesAisle);
    expect(Object.keys(TalentSoftWarehouse.auth.shape)).toEqual(["client_id", "client_secret", "client_url"]);
    // The connector still offers only the original's (older-style) actions.
    expect(Object.keys(TalentSoft.actions).sort()).toEqual([
      "applicant_new",
      "applicant_resume_update",
      "applicant_update",
      "pull_job_list",
      "pull_profile_list",
      "push_profile",
    ]);
  });

  it("reads vacancies in update mode after the incremental token, up to max_read", async () => {
    fakes = await startFakes();
    for (const day of ["01", "09", "04", "10"])
      fakes.ts.addVacancy({ modificationDate: `2024-03-${day}T08:00:00` });
    const read = TalentSoftJobsAisle.read!;
    const items: TalentSoftVacancy[] = await all(
      read.read({
        ...settings(),
        mode: "update",
        auth: fakes.ts.backOffice,
        parameters: jobsExportParametersSchema.parse({ max_read: 1 }),
        incremental: true,
        incrementalToken: "2024-03-05T00:00:00",
      }),
    );
    expect(queryOf(exportRequests(fakes, "vacancies")[0]!).get("filter")).toBe(
      "updateDate:gt:2024-03-05T00:00:00",
    );
    expect(items.map((v) => v.modificationDate)).toEqual(["2024-03-09T08:00:00"]);
    expect(read.incremental?.update?.token(items[0]!)).toBe("2024-03-09T08:00:00");
    expect(fakes.ts.tokens.map((t) => t.scope)).toEqual(["MatchingIndexation"]);
  });

  it("reads candidates with the resume attachments only when only_resume is set", async () => {
    fakes = await startFakes({ candidates: 2 });
    const items: TalentSoftCandidate[] = await all(
      TalentSoftProfilesAisle.read!.read({
        ...settings(),
        mode: "create",
        auth: fakes.ts.backOffice,
        parameters: profilesExportParametersSchema.parse({ filter: "id::_TS-0002", only_resume: true }),
        incremental: false,
        incrementalToken: null,
      }),
    );
    const query = queryOf(exportRequests(fakes, "candidates")[0]!);
    expect([query.get("filter"), query.get("attachmenttype")]).toEqual(["id::_TS-0002", "resume"]);
    expect(items.map((c) => c.candidateDetail.id)).toEqual(["_TS-0002"]);
    const raw = items[0]!.attachments?.[0]?.raw;
    expect(Buffer.from(raw!).toString("utf8")).toContain("resume of candidate 2");
  });

  it("creates a spontaneous application through the front office, resume attached", async () => {
    fakes = await startFakes();
    const url = fakes.ts.addFile("cv.pdf", fakePdf("Ada Lovelace, analyst"));
    const item: TalentSoftApplicantItem = {
      applicant: {
        personalInformation: {
          civility: null,
          firstName: "Ada",
          lastName: "Lovelace",
          email: "ada@example.com",
        },
        jobPreferences: { contractType: null },
        educations: { diplomas: [] },
        experiences: { experienceLevel: null, experienceList: [] },
      },
      application: { type: "", offerReference: null },
      uploadedFiles: [{ description: "cv.pdf", fileTypeId: 36, key: "cv_file_id" }],
      attachment: { public_url: url, original_file_name: "cv.pdf" },
    };
    const session = openWrite(TalentSoftProfilesAisle.write!, {
      ...settings(),
      mode: "create",
      auth: fakes.ts.frontOffice,
      parameters: applicationParametersSchema.parse({}),
    });
    expect(await session.write([item])).toEqual([]);
    const [received] = fakes.ts.applications;
    expect(received!.body.application).toEqual({ type: "spontaneous" });
    expect(received!.body.applicant.personalInformation).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
    });
    expect(received!.jobAdReference).toBeNull();
    expect(Buffer.from(received!.file!.bytes).toString("utf8")).toContain("Ada Lovelace, analyst");
    // Front-office tokens are requested without a scope.
    expect(fakes.ts.tokens.map((t) => t.scope ?? null)).toEqual([null]);
  });

  it("pins only_resume in the resume actions' origin: not a parameter, yet sent to TalentSoft", async () => {
    fakes = await startFakes({ candidates: 1 });
    const read = TalentSoftResumeWarehouse.read!;
    expect(Object.keys(read.parameters.shape)).toEqual([
      "client_id",
      "client_secret",
      "client_url",
      "filter",
      "fileId",
    ]);
    const parameters = read.parameters.parse({ ...fakes.ts.backOffice, fileId: "nope" });
    const items = await all(
      read.read({
        ...settings(),
        mode: "create",
        auth: parameters,
        parameters,
        incremental: false,
        incrementalToken: null,
      }),
    );
    expect(items).toHaveLength(1);
    expect(queryOf(exportRequests(fakes, "candidates")[0]!).get("attachmenttype")).toBe("resume");
  });
});
