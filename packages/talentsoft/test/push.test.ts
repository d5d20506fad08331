import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import { afterEach, describe, expect, it } from "vitest";
import { TalentSoft } from "../src/index.js";
import { fakePdf } from "../src/testing/index.js";
import { type Fakes, runtime, startFakes, toTalentSoft } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

function addProfile(f: Fakes, source: string, extra: Record<string, unknown> = {}) {
  const resume = f.ts.addFile("cv-jose.pdf", fakePdf("José Da Silva, développeur"));
  return f.hrflow.addProfile(source, {
    reference: "HF-1",
    info: {
      first_name: "José",
      last_name: "Da Silva",
      email: "jose@example.com",
      phone: "+33 6 12 34 56 78",
      gender: "male",
      location: { text: "Nantes", fields: { city: "Nantes", postcode: "44000" } },
    },
    experiences: [
      { company: "Sopra Steria", title: "Développeur", date_start: "2019-01-01", date_end: "2020-01-01" },
    ],
    educations: [],
    attachments: [
      {
        type: "original",
        public_url: f.ts.addFile("other.pdf", fakePdf("other")),
        original_file_name: "o.pdf",
      },
      { type: "resume", public_url: resume, original_file_name: "CV José.pdf" },
    ],
    tags: [{ name: "talentsoft_contract_type", value: "CDD" }],
    ...extra,
  });
}

describe("push_profile (seed 002)", () => {
  it("creates the applicant and its application on the job, with the resume file", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source);
    const res = await TalentSoft.pushProfile(
      toTalentSoft(fakes, source, key, { job_reference: "2024-0007" }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    const [received] = fakes.ts.applications;
    expect(received!.jobAdReference).toBe("2024-0007");
    expect(received!.acceptLanguage).toBe("fr-FR");
    expect(received!.body.application).toEqual({ type: "offer", offerReference: "2024-0007" });
    // UTF-8 text arrives as written (the original garbled "José" into "JosÃ©").
    expect(received!.body.applicant.personalInformation).toMatchObject({
      firstName: "José",
      lastName: "Da Silva",
      postalCode: "44000",
      civility: { code: 280, label: "Mr." },
    });
    expect(received!.body.applicant.experiences.experienceList).toEqual([
      { company: "Sopra Steria", function: "Développeur", length: 1 },
    ]);
    expect(received!.body.applicant.jobPreferences.contractType).toMatchObject({ code: 1045 });
    expect(received!.body.uploadedFiles).toEqual([
      { description: "CV José.pdf", fileTypeId: 36, key: "cv_file_id" },
    ]);
    expect(received!.body).not.toHaveProperty("attachment");
    expect(received!.file!.name).toBe("CV José.pdf");
    expect(received!.file!.type).toBe("application/pdf");
    expect(Buffer.from(received!.file!.bytes).toString("utf8")).toContain("José Da Silva, développeur");
    // The front office gets a token requested without scope, sent as "Bearer".
    expect(fakes.ts.tokens.map((t) => [t.office, t.scope])).toEqual([["front", null]]);
    const post = fakes.ts.requests.filter({ route: "/api/v2/applicants/applicationswithoutaccount" })[0]!;
    expect(post.headers.authorization).toMatch(/^Bearer /);
  });

  it("runs from an HrFlow webhook body whose keys name the profile", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source);
    const o = toTalentSoft(fakes, source, "configured-key");
    const res = await (TalentSoft.actions.push_profile as LegacyAction).catch(
      { profile_key: key, source_key: source, type: "profile.parsing.success" },
      o,
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.ts.applications[0]!.body.applicant.personalInformation.email).toBe("jose@example.com");
  });

  it("sends a spontaneous application when no job reference is given", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source);
    const res = await TalentSoft.pushProfile(toTalentSoft(fakes, source, key), runtime(fakes));
    expect(res.status).toBe("success");
    expect(fakes.ts.applications[0]!.body.application).toEqual({ type: "spontaneous" });
    expect(fakes.ts.applications[0]!.jobAdReference).toBeNull();
  });

  it("retries a 429 on the application, never resends it after a 503, and dead-letters a refused one", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source);
    const route = "/api/v2/applicants/applicationswithoutaccount";
    fakes.ts.fail({ route, status: 429, retryAfterSeconds: 0 });
    const ok = await TalentSoft.pushProfile(toTalentSoft(fakes, source, key), runtime(fakes));
    expect([ok.status, fakes.ts.applications.length]).toEqual(["success", 1]);
    // A 503 may come after TalentSoft created the applicant: resending could duplicate it.
    fakes.ts.fail({ route, status: 503 });
    const unsure = runtime(fakes);
    const res = await TalentSoft.pushProfile(toTalentSoft(fakes, source, key), unsure);
    expect([res.reason, fakes.ts.requests.count({ method: "POST", route })]).toEqual(["write_failure", 3]);
    expect(unsure.deadLetter.entries[0]!.error).toMatch(/503/);
    fakes.ts.fail({ route, status: 400, message: "Invalid applicant" });
    const rt = runtime(fakes);
    const refused = await TalentSoft.pushProfile(toTalentSoft(fakes, source, key), rt);
    expect([refused.status, refused.reason]).toEqual(["fatal", "write_failure"]);
    expect(rt.deadLetter.entries[0]!.error).toContain("Invalid applicant");
    expect(rt.deadLetter.entries[0]!.item).toHaveProperty("attachment.public_url");
  });

  it("fails the item when the resume cannot be downloaded", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source, {
      attachments: [{ type: "resume", public_url: `${fakes.ts.baseUrl}/storage/missing.pdf` }],
    });
    const rt = runtime(fakes);
    const res = await TalentSoft.pushProfile(toTalentSoft(fakes, source, key), rt);
    expect([res.status, res.events.write_failure]).toEqual(["fatal", 1]);
    expect(rt.deadLetter.entries[0]!.error).toMatch(/404/);
    expect(fakes.ts.applications).toEqual([]);
  });

  it("dead-letters, without calling TalentSoft, a profile that cannot be formatted", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source, { attachments: [] });
    const noEmail = addProfile(fakes, source, {
      reference: "HF-2",
      info: { first_name: "A", last_name: "B" },
    });
    for (const k of [key, noEmail.key]) {
      const rt = runtime(fakes);
      const res = await TalentSoft.pushProfile(toTalentSoft(fakes, source, k), rt);
      expect([res.status, res.reason]).toEqual(["fatal", "format_failure"]);
      expect(rt.deadLetter.entries.map((e) => e.stage)).toEqual(["format"]);
    }
    expect(frontOfficeCalls(fakes)).toBe(0);
  });
});

const frontOfficeCalls = (f: Fakes) =>
  f.ts.requests.count({ route: "/api/v2/applicants/applicationswithoutaccount" }) + f.ts.tokens.length;

describe("push_profile's credentials check", () => {
  const check = (target: Record<string, unknown>) => {
    const side = (TalentSoft.actions.push_profile as LegacyAction).sides.target;
    const parameters = { job_reference: "2024-0007", ...target };
    const { signal } = new AbortController();
    return side.check!({
      mode: "create",
      auth: parameters,
      parameters,
      baseUrls: {},
      http: { retry: { retries: 0 } },
      signal,
      logger: runtime(fakes).logger!,
    });
  };

  it("asks for a front-office token, which the exports would refuse, and writes nothing", async () => {
    fakes = await startFakes();
    await expect(check(fakes.ts.frontOffice)).resolves.toBe(
      "got a front-office token with these credentials",
    );
    expect(fakes.ts.tokens.map((t) => [t.office, t.scope])).toEqual([["front", null]]);
    expect(fakes.ts.requests.filter({ routePrefix: "/api/exports" })).toEqual([]);
    expect(fakes.ts.applications).toEqual([]);
  });

  it("fails on a wrong secret, without showing it", async () => {
    fakes = await startFakes();
    const wrong = { ...fakes.ts.frontOffice, client_secret: "not-the-secret-42" };
    const err = await check(wrong).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/token/i);
    expect((err as Error).message).not.toContain("not-the-secret-42");
  });
});
