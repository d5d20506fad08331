import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import type { FakeServer } from "@hrflow-connectors/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { DigitalRecruiters, parsePushProfileEvent } from "../src/index.js";
import { type Fakes, runtime, startFakes, startStorage, totalRequests } from "./harness.js";

let fakes: Fakes;
let storage: FakeServer | undefined;
afterEach(async () => {
  await fakes?.close();
  await storage?.close();
  storage = undefined;
});

const RESUME = new TextEncoder().encode("%PDF-1.4 Jeanne Dupont resume");

function addProfile(f: Fakes, source: string, overrides: Record<string, unknown> = {}) {
  return f.hrflow.addProfile(source, {
    reference: "hrflow-ref-1",
    info: {
      full_name: "Jeanne Dupont",
      first_name: "Jeanne",
      last_name: "Dupont",
      email: "jeanne.dupont@example.org",
      phone: "+33 6 12 34 56 78",
      gender: "female",
      location: { text: "8 rue Nationale 59000 Lille", fields: { postcode: "59000", city: "Lille" } },
    },
    attachments: storage
      ? [
          {
            type: "resume",
            public_url: `${storage.baseUrl}/files/jeanne.pdf`,
            original_file_name: "jeanne.pdf",
          },
        ]
      : [],
    ...overrides,
  });
}

function options(f: Fakes, source: string, profileKey: string, jobReference: string) {
  return {
    workflow_id: "dr-push",
    origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: profileKey },
    target_parameters: { token: f.dr.token, environment_url: f.dr.baseUrl, job_reference: jobReference },
  };
}

describe("push_profile", () => {
  it("applies the HrFlow profile to the job, with the message and the resume file", async () => {
    fakes = await startFakes({ jobAds: 2 });
    storage = await startStorage({ "jeanne.pdf": RESUME });
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source);
    const job = fakes.dr.jobAds[1]!.reference!;
    const res = await DigitalRecruiters.pushProfile(
      options(fakes, source, key as string, job),
      runtime(fakes),
    );
    expect([res.status, res.reason, res.written]).toEqual(["success", "none", 1]);
    expect(fakes.dr.applied).toHaveLength(1);
    const { status, body } = fakes.dr.applied[0]!;
    // Gender and phone are both given, so DR answers 201 (not 202, "information missing").
    expect(status).toBe(201);
    expect(body).toMatchObject({
      reference: job,
      ApplicationMessage: { message: "message du candidat" },
      locale: "fr_FR",
      s_o: "",
      ApplicationProfile: {
        gender: 2,
        firstName: "Jeanne",
        lastName: "Dupont",
        email: "jeanne.dupont@example.org",
        phoneNumber: "+33 6 12 34 56 78",
        addressStreet: "8 rue Nationale 59000 Lille",
        addressZip: "59000",
        addressCity: "Lille",
      },
      file: { name: "jeanne.pdf", content: Buffer.from(RESUME).toString("base64") },
    });
    expect(body.consent_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(body).not.toHaveProperty("resume_url");
    const apply = fakes.dr.requests.filter({ route: "/api/candidate/apply/{token}" });
    expect(apply.map((r) => [r.method, r.status])).toEqual([["POST", 201]]);
    expect(apply[0]!.headers.authorization).toBeUndefined();
  });

  it("runs from a webhook body: its source_key and profile_key win over the settings", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const source = fakes.hrflow.addSource();
    const other = fakes.hrflow.addSource();
    addProfile(fakes, source);
    const { key } = addProfile(fakes, other, {
      info: {
        first_name: "Hook",
        last_name: "Target",
        email: "hook@example.org",
        phone: "+33 1",
        gender: "male",
      },
    });
    const action = DigitalRecruiters.actions.push_profile as LegacyAction;
    expect(action.eventParser).toBe(parsePushProfileEvent);
    const configured = options(fakes, source, "configured-key", fakes.dr.jobAds[0]!.reference!);
    const event = { source_key: other, profile_key: key, job_reference: "IGNORED" };
    const res = await action.catch(event, configured, runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.dr.applied[0]!.body).toMatchObject({
      reference: fakes.dr.jobAds[0]!.reference,
      ApplicationProfile: { firstName: "Hook", lastName: "Target", gender: 1 },
    });
  });

  it("counts a 202 (created, information missing) as written", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source, { info: { full_name: "Sam Lee", email: "sam@example.org" } });
    const rt = runtime(fakes);
    const res = await DigitalRecruiters.pushProfile(
      options(fakes, source, key as string, fakes.dr.jobAds[0]!.reference!),
      rt,
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.dr.applied[0]!.status).toBe(202);
    expect(fakes.dr.applied[0]!.body.ApplicationProfile).toEqual({
      firstName: "Sam",
      lastName: "Lee",
      email: "sam@example.org",
    });
    expect(rt.logs.some((r) => r.level === "warn" && /missing information/.test(r.message))).toBe(true);
  });

  it("a profile DR refuses (unknown job) is a write failure kept in the dead letter", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source);
    const rt = runtime(fakes);
    const res = await DigitalRecruiters.pushProfile(options(fakes, source, key as string, "NO-SUCH-JOB"), rt);
    expect([res.status, res.reason]).toEqual(["fatal", "write_failure"]);
    expect(rt.deadLetter.entries).toHaveLength(1);
    expect(rt.deadLetter.entries[0]).toMatchObject({ stage: "write" });
    expect(rt.deadLetter.entries[0]!.error).toMatch(/HTTP 404/);
    expect(rt.deadLetter.entries[0]!.error).not.toContain(fakes.dr.token);
  });

  it("a resume that cannot be downloaded fails the item before DR is called", async () => {
    fakes = await startFakes({ jobAds: 1 });
    storage = await startStorage({});
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source);
    const rt = runtime(fakes);
    const res = await DigitalRecruiters.pushProfile(
      options(fakes, source, key as string, fakes.dr.jobAds[0]!.reference!),
      rt,
    );
    expect([res.status, res.reason]).toEqual(["fatal", "write_failure"]);
    expect(fakes.dr.requests.count({ route: "/api/candidate/apply/{token}" })).toBe(0);
    expect(rt.deadLetter.entries[0]!.error).toMatch(/HTTP 404/);
  });

  it("a profile without an email fails to format and lands in the dead letter", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = addProfile(fakes, source, { info: { full_name: "No Email" } });
    const rt = runtime(fakes);
    const res = await DigitalRecruiters.pushProfile(
      options(fakes, source, key as string, fakes.dr.jobAds[0]!.reference!),
      rt,
    );
    expect([res.status, res.reason]).toEqual(["fatal", "format_failure"]);
    expect(rt.deadLetter.entries[0]).toMatchObject({ stage: "format", item: { key } });
    expect(rt.deadLetter.entries[0]!.error).toMatch(/ApplicationProfile\.email/);
    expect(fakes.dr.requests.count()).toBe(0);
  });

  it("refuses a missing job_reference before any request", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const source = fakes.hrflow.addSource();
    const o = options(fakes, source, "k", "x");
    const { job_reference: _, ...target } = o.target_parameters;
    // @ts-expect-error job_reference is required: the compiler refuses it before the run does
    const res = await DigitalRecruiters.pushProfile({ ...o, target_parameters: target }, runtime(fakes));
    expect([res.status, res.reason]).toEqual(["fatal", "bad_target_parameters"]);
    expect(res.issues?.[0]?.path).toBe("target_parameters.job_reference");
    expect(totalRequests(fakes)).toBe(0);
  });
});

describe("push_profile parameters (seed 001)", () => {
  const table = (schema: z.ZodObject) => {
    const json = z.toJSONSchema(schema, { io: "input" }) as {
      properties: Record<string, { description?: string; default?: unknown }>;
      required?: string[];
    };
    return Object.entries(json.properties).map(([k, v]) => [
      k,
      json.required?.includes(k) ?? false,
      v.default,
      v.description,
    ]);
  };

  it("has exactly the seed's source and destination rows", () => {
    const action = DigitalRecruiters.actions.push_profile as LegacyAction;
    expect([action.trigger, action.origin.name, action.target.name]).toEqual([
      "catch",
      "HrFlow.ai Profiles",
      "DigitalRecruiters Write Profile",
    ]);
    expect(table(action.origin.read!.parameters)).toEqual([
      ["api_secret", true, undefined, "X-API-KEY used to access HrFlow.ai API"],
      ["api_user", true, undefined, "X-USER-EMAIL used to access HrFlow.ai API"],
      ["source_key", true, undefined, "HrFlow.ai source key"],
      ["profile_key", true, undefined, "HrFlow.ai profile key"],
    ]);
    expect(table(action.target.write!.parameters)).toEqual([
      ["token", true, undefined, "Digital Recruiters API token."],
      ["environment_url", true, undefined, "Digital Recruiters API url environnement."],
      ["job_reference", true, undefined, "reference of the job to which the candidate is applying."],
      ["message", false, "message du candidat", "Application message."],
    ]);
    expect(action.description).toBe("Pushes a profile from Hrflow.ai to Digital Recruiters.");
  });

  it("carries the original connector metadata", () => {
    expect([
      DigitalRecruiters.name,
      DigitalRecruiters.subtype,
      DigitalRecruiters.type,
      DigitalRecruiters.url,
    ]).toEqual(["Digitalrecruiters", "digitalrecruiters", "ATS", "https://www.digitalrecruiters.com/"]);
    expect(Object.keys(DigitalRecruiters.actions)).toEqual([
      "pull_job_list",
      "pull_profile_list",
      "push_profile",
    ]);
  });
});
