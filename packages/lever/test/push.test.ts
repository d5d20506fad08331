import type { LegacyAction } from "@hrflow-connectors/core";
import { afterEach, describe, expect, it } from "vitest";
import { Lever } from "../src/index.js";
import { type Fakes, LEVER_CREDENTIAL_FIELDS, runtime, startFakes, totalRequests } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const kenji = {
  reference: "ref-kenji",
  created_at: "2024-05-02T10:00:00+0000",
  info: {
    full_name: "Kenji Tanaka",
    email: "kenji@example.com",
    phone: "+81 90 1234 5678",
    location: { text: "Tokyo, Japan", lat: null, lng: null },
    urls: [{ type: "linkedin", url: "https://linkedin.com/in/kenji" }],
  },
  experiences: [{ company: "Shopify", title: "Engineer" }],
  educations: [{ school: "UCL", title: "MSc" }],
  skills: [{ name: "Go", type: "hard", value: null }],
  attachments: [{ type: "resume", public_url: "https://files.example.com/kenji.pdf" }],
};

function options(f: Fakes, source: string, profileKey: string, target: Record<string, unknown> = {}) {
  return {
    workflow_id: "lever-push",
    origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: profileKey },
    target_parameters: { ...f.lever.credentials(), perform_as: "u-recruiter", ...target },
  };
}

describe("push_profile", () => {
  it("creates a Lever opportunity from the HrFlow profile, with lower-case boolean flags", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, kenji);
    const res = await Lever.pushProfile(options(fakes, source, key, { parse: true }), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.lever.created).toHaveLength(1);
    const [created] = fakes.lever.created;
    expect(created!.query).toEqual({
      perform_as: "u-recruiter",
      parse: "true",
      perform_as_posting_owner: "false",
    });
    expect(created!.body).toEqual({
      name: "Kenji Tanaka",
      headline: "Shopify , UCL",
      location: "Tokyo, Japan",
      phones: [{ type: "mobile", value: "+81 90 1234 5678" }],
      emails: ["kenji@example.com"],
      links: ["https://linkedin.com/in/kenji", "https://files.example.com/kenji.pdf"],
      tags: ["Go"],
      createdAt: Date.UTC(2024, 4, 2, 10),
    });
  });

  it("retries a throttled POST, but never a 5xx (Lever has no idempotency), and dead-letters it", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, kenji);
    fakes.lever.fail({ method: "POST", route: "/v1/opportunities", status: 429, times: 2 });
    const ok = await Lever.pushProfile(options(fakes, source, key), runtime(fakes));
    expect([ok.status, ok.written]).toEqual(["success", 1]);
    expect(fakes.lever.requests.count({ method: "POST", route: "/v1/opportunities" })).toBe(3);

    fakes.lever.requests.reset();
    fakes.lever.fail({ method: "POST", route: "/v1/opportunities", status: 502, times: 5 });
    const rt = runtime(fakes);
    const failed = await Lever.pushProfile(options(fakes, source, key), rt);
    expect(failed.status).toBe("fatal");
    expect(failed.events.write_failure).toBe(1);
    expect(fakes.lever.requests.count({ method: "POST", route: "/v1/opportunities" })).toBe(1);
    expect(rt.deadLetter.entries[0]!.error).toContain("HTTP 502");
    expect(rt.deadLetter.entries[0]!.item).toMatchObject({ name: "Kenji Tanaka" });
  });

  it("fails an item Lever refuses once, and does not post it again (the original looped forever)", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, kenji);
    const rt = runtime(fakes);
    const res = await Lever.pushProfile(options(fakes, source, key, { perform_as: "u-nobody" }), rt);
    expect(res.events.write_failure).toBe(1);
    expect(fakes.lever.requests.count({ method: "POST", route: "/v1/opportunities", status: 400 })).toBe(1);
    expect(rt.deadLetter.entries[0]!.error).toContain("is not a Lever user");
  });

  it("sends a nameless profile to the dead letter without calling Lever's API", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, { ...kenji, info: { ...kenji.info, full_name: null } });
    const rt = runtime(fakes);
    const res = await Lever.pushProfile(options(fakes, source, key), rt);
    expect([res.events.format_failure, res.dead_letter.count]).toEqual([1, 1]);
    expect(rt.deadLetter.entries[0]!.error).toContain("name");
    expect(fakes.lever.requests.count({ routePrefix: "/v1/" })).toBe(0);
  });

  it("reads nothing and writes nothing for an unknown profile key", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const res = await Lever.pushProfile(options(fakes, source, "missing-key"), runtime(fakes));
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 0, 0]);
    expect(fakes.lever.created).toHaveLength(0);
  });

  it("is a catch action with the reference's parameter tables", () => {
    const action = Lever.actions.push_profile as LegacyAction;
    expect(action.trigger).toBe("catch");
    expect([action.origin.name, action.target.name]).toEqual(["HrFlow.ai Profiles", "Lever Profiles"]);
    expect(Object.keys(action.target.write!.parameters.shape)).toEqual([
      ...LEVER_CREDENTIAL_FIELDS,
      "perform_as",
      "parse",
      "perform_as_posting_owner",
    ]);
  });

  it("refuses a missing perform_as before any request", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, kenji);
    const opts = options(fakes, source, key);
    delete (opts.target_parameters as Record<string, unknown>).perform_as;
    const res = await Lever.pushProfile(opts, runtime(fakes));
    expect([res.status, res.reason]).toEqual(["fatal", "bad_target_parameters"]);
    expect(res.issues?.[0]?.path).toBe("target_parameters.perform_as");
    expect(totalRequests(fakes)).toBe(0);
  });
});
