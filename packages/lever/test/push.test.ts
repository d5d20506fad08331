import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import { startFaultProxy } from "@hrflow-connectors/core/testing";
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

  it("retries a throttled POST; after a 5xx looks the email up before each resend, then dead-letters it", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, kenji);
    fakes.lever.fail({ method: "POST", route: "/v1/opportunities", status: 429, times: 2 });
    const ok = await Lever.pushProfile(options(fakes, source, key), runtime(fakes));
    expect([ok.status, ok.written]).toEqual(["success", 1]);
    expect(fakes.lever.requests.count({ method: "POST", route: "/v1/opportunities" })).toBe(3);

    // Another contact: Kenji's opportunity, just created, would rightly be found by the lookup.
    const email = "aiko@example.com";
    const aiko = fakes.hrflow.addProfile(source, {
      ...kenji,
      reference: "ref-aiko",
      info: { ...kenji.info, email },
    });
    fakes.lever.requests.reset();
    fakes.lever.fail({ method: "POST", route: "/v1/opportunities", status: 502, times: 5 });
    const rt = runtime(fakes);
    const failed = await Lever.pushProfile(options(fakes, source, aiko.key), rt);
    expect(failed.status).toBe("fatal");
    expect(failed.events.write_failure).toBe(1);
    // Lever has no idempotency key: each of the 3 attempts is resent only after a lookup by email
    // proved the previous one absent, and the last one is looked up too.
    const calls = fakes.lever.requests
      .filter({ routePrefix: "/v1/opportunities" })
      .map((r) => `${r.method} ${r.method === "GET" ? new URLSearchParams(r.query).get("email") : r.status}`);
    expect(calls).toEqual([
      "POST 502",
      `GET ${email}`,
      "POST 502",
      `GET ${email}`,
      "POST 502",
      `GET ${email}`,
    ]);
    expect(rt.deadLetter.entries[0]!.error).toContain("HTTP 502");
    expect(rt.deadLetter.entries[0]!.outcome).toBeUndefined();
    expect(rt.deadLetter.entries[0]!.item).toMatchObject({ name: "Kenji Tanaka" });
  });

  it("counts a create whose answer was lost as written when the lookup finds it, and never posts it twice", async () => {
    fakes = await startFakes();
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, kenji);
    // Lever acts on the first create, then the proxy withholds its answer until the client gives up.
    const proxy = await startFaultProxy({
      target: fakes.lever.origin,
      plan: (req) => (req.method === "POST" && req.url.startsWith("/v1/opportunities") ? "lost" : null),
    });
    try {
      const rt = runtime(fakes, {
        baseUrls: {
          lever: proxy.url(fakes.lever.baseUrls.lever),
          lever_auth: fakes.lever.baseUrls.lever_auth,
          hrflow: fakes.hrflow.baseUrl,
        },
        http: { timeoutMs: 300, retry: { baseDelayMs: 5 } },
      });
      const res = await Lever.pushProfile(options(fakes, source, key), rt);
      expect([res.status, res.written, res.dead_letter.count]).toEqual(["success", 1, 0]);
      expect(fakes.lever.created).toHaveLength(1);
      const calls = fakes.lever.requests.filter({ routePrefix: "/v1/opportunities" }).map((r) => r.method);
      expect(calls).toEqual(["POST", "GET"]);
    } finally {
      await proxy.close();
    }
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
