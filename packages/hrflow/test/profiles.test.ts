import { defineConnector, defineWarehouse } from "@hrflow-connectors/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HrFlowWarehouse, hrflowAuthSchema, listProfilesRead } from "../src/index.js";
import { flowOptions, runtime, useHarness } from "./harness.js";

const { fake, vendor, connector } = await useHarness();

const ada = {
  reference: "ada",
  info: { full_name: "Ada Lovelace", first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" },
  tags: [{ name: "origin", value: "vendor" }],
};

describe("profile aisle: read (outbound)", () => {
  it("reads one profile by key in every mode, and nothing for an unknown key", async () => {
    const source = fake.addSource();
    const stored = fake.addProfile(source, ada);
    const pull = { source_key: source, profile_key: stored.key };
    const { options } = runtime(fake);
    for (const run of [
      connector.createProfilesInVendor,
      connector.updateProfilesInVendor,
      connector.archiveProfilesInVendor,
    ]) {
      const res = await run(flowOptions(fake, pull, {}), options);
      expect(res.status).toBe("success");
      expect(res.events.read_success).toBe(1);
    }
    expect(vendor.written).toHaveLength(3);
    expect(vendor.written[0]).toMatchObject({ key: stored.key, reference: "ada" });
    const none = await connector.createProfilesInVendor(
      flowOptions(fake, { source_key: source, profile_key: "unknown" }, {}),
      options,
    );
    expect(none).toMatchObject({ status: "success", events: { read_success: 0, read_failure: 0 } });
  });

  it("fails the read on a server error instead of reading nothing", async () => {
    const source = fake.addSource();
    fake.fail({ route: "/profile/indexing", status: 500, times: 5 });
    const res = await connector.createProfilesInVendor(
      flowOptions(fake, { source_key: source, profile_key: "k" }, {}),
      runtime(fake).options,
    );
    expect(res).toMatchObject({ status: "fatal", reason: "read_failure" });
  });

  it("lists every profile page by page with the paged read", async () => {
    const source = fake.addSource();
    for (let i = 0; i < 12; i++) fake.addProfile(source, { reference: `p${i}` });
    const lister = defineConnector({
      name: "Lister",
      subtype: "lister",
      description: "",
      url: "https://vendor.test",
      type: "Other",
      warehouse: connector.warehouse,
      hrflow: defineWarehouse({
        name: "HrFlow",
        auth: hrflowAuthSchema,
        aisles: [{ entity: "profile", auth: hrflowAuthSchema, read: listProfilesRead }],
      }),
      flows: [{ mode: "create", entity: "profile", direction: "outbound" }],
    });
    const res = await lister.createProfilesInLister(
      flowOptions(fake, { source_key: source, limit: 5 }, {}),
      runtime(fake).options,
    );
    expect(res.events.read_success).toBe(12);
    expect(fake.requests.count({ method: "GET", route: "/profiles/searching" })).toBe(3);
  });
});

describe("profile aisle: write (inbound)", () => {
  it("creates profiles once: a second run finds them by reference", async () => {
    const source = fake.addSource();
    vendor.items = [ada, { ...ada, reference: "bob", info: { full_name: "Bob" } }];
    const { options } = runtime(fake);
    const push = { source_key: source };
    expect((await connector.createProfilesInHrflow(flowOptions(fake, {}, push), options)).written).toBe(2);
    expect((await connector.createProfilesInHrflow(flowOptions(fake, {}, push), options)).status).toBe(
      "success",
    );
    expect(fake.profiles(source).map((p) => p.reference)).toEqual(["ada", "bob"]);
    expect(fake.requests.count({ method: "POST", route: "/profile/indexing" })).toBe(2);
    expect(fake.requests.count({ method: "GET", route: "/source" })).toBe(0); // only needed for resumes
  });

  it("a large run lists the source once and sends one request per new profile", async () => {
    const source = fake.addSource();
    for (let i = 0; i < 5; i++) fake.addProfile(source, { ...ada, reference: `stored-${i}` });
    vendor.items = Array.from({ length: 30 }, (_, i) => ({
      ...ada,
      reference: i < 5 ? `stored-${i}` : `new-${i}`,
    }));
    const { options } = runtime(fake, { batchSize: 10 });
    const res = await connector.createProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      options,
    );
    // A profile kept as it is counts as written here (the profile aisle reports no skips).
    expect(res).toMatchObject({ status: "success", written: 30 });
    // The first 10 are looked up; then one page holds the whole source and the last 20 need nothing else.
    expect(fake.requests.count({ method: "GET", route: "/profile/indexing" })).toBe(10);
    expect(fake.requests.count({ method: "GET", route: "/profiles/searching" })).toBe(1);
    expect(fake.requests.count({ method: "POST", route: "/profile/indexing" })).toBe(25);
    expect(fake.requests.count()).toBe(36);
    expect(fake.profiles(source)).toHaveLength(30);
  });

  it("parses a resume; a sync-parsing source gets the item's fields laid over the parsing", async () => {
    const source = fake.addSource(undefined, { sync_parsing: true });
    const raw = Buffer.from("Parsed Name\nparsed@example.com\nDocker and teamwork").toString("base64");
    vendor.items = [{ ...ada, resume: { raw, content_type: "text/plain" } }];
    const res = await connector.createProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      runtime(fake).options,
    );
    expect(res.status).toBe("success");
    const [p] = fake.profiles(source);
    expect(p).toMatchObject({ reference: "ada", tags: ada.tags });
    expect((p as any).info.email).toBe("ada@example.com");
    expect((p as any).attachments[0].file_name).toBe("resume.txt");
    expect(p?.skills).toEqual([
      { name: "docker", type: "hard", value: null },
      { name: "teamwork", type: "soft", value: null },
    ]);
    expect(p).not.toHaveProperty("resume");
  });

  it("queues a resume for an asynchronous source", async () => {
    const source = fake.addSource();
    vendor.items = [
      { reference: "q", resume: { raw: new Uint8Array([37, 80, 68, 70]), content_type: "application/pdf" } },
    ];
    const res = await connector.createProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      runtime(fake).options,
    );
    expect(res.status).toBe("success");
    expect(fake.requests.count({ method: "POST", route: "/profile/parsing/file" })).toBe(1);
    expect(fake.requests.count({ method: "PUT", route: "/profile/indexing" })).toBe(0);
    expect(fake.profiles(source).map((p) => p.reference)).toEqual(["q"]);
  });

  it("reads the source's parsing setting once per run, not once per batch or resume", async () => {
    const source = fake.addSource(undefined, { sync_parsing: true });
    const withResume = (reference: string) => ({
      reference,
      resume: {
        raw: Buffer.from(`${reference}\n${reference}@example.com`).toString("base64"),
        content_type: "text/plain",
      },
    });
    vendor.items = ["a", "b", "c"].map(withResume);
    const { options } = runtime(fake, { batchSize: 2 });
    const created = await connector.createProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      options,
    );
    expect(created).toMatchObject({ status: "success", written: 3 });
    expect(fake.requests.count({ method: "POST", route: "/profile/parsing/file" })).toBe(3);
    // Two batches (batchSize 2), one read of the source.
    expect(fake.requests.count({ method: "GET", route: "/source" })).toBe(1);
    expect(
      fake
        .profiles(source)
        .map((p) => (p as any).info.email)
        .sort(),
    ).toEqual(["a@example.com", "b@example.com", "c@example.com"]);

    fake.requests.reset();
    const stored = ["d", "e", "f"].map((reference) => fake.addProfile(source, { reference }));
    vendor.items = ["d", "e", "f"].map(withResume);
    const updated = await connector.updateProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      options,
    );
    expect(updated).toMatchObject({ status: "success", written: 3 });
    expect(fake.requests.count({ method: "GET", route: "/source" })).toBe(1);
    expect(
      fake
        .profiles(source)
        .slice(3)
        .map((p) => [p.key, (p as any).info.email]),
    ).toEqual(stored.map((p) => [p.key, `${p.reference}@example.com`]));
  });

  it("asks for the source again after a failed read, once for the rest of the run", async () => {
    const source = fake.addSource(undefined, { sync_parsing: true });
    const resume = (reference: string) => ({
      raw: Buffer.from(`${reference}\n${reference}@example.com`).toString("base64"),
      content_type: "text/plain",
    });
    // One item at a time: a and b need no source; c meets the failed read; d reads it again; e
    // reuses d's read.
    vendor.items = [
      { reference: "a" },
      { reference: "b" },
      { reference: "c", resume: resume("c") },
      { reference: "d", resume: resume("d") },
      { reference: "e", resume: resume("e") },
    ];
    fake.fail({ method: "GET", route: "/source", status: 404, times: 1 });
    const res = await connector.createProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      runtime(fake, { batchSize: 1, concurrency: 1 }).options,
    );
    expect(res).toMatchObject({ written: 4, events: { write_failure: 1 } });
    expect(fake.requests.count({ method: "GET", route: "/source" })).toBe(2);
    expect(
      fake
        .profiles(source)
        .map((p) => p.reference)
        .sort(),
    ).toEqual(["a", "b", "d", "e"]);
  });

  it("fails the batch when the source cannot be read, instead of writing nothing silently", async () => {
    vendor.items = [{ reference: "q", resume: { raw: "JVBERg==", content_type: "application/pdf" } }];
    const res = await connector.createProfilesInHrflow(
      flowOptions(fake, {}, { source_key: "missing" }),
      runtime(fake).options,
    );
    expect(res).toMatchObject({ status: "fatal", reason: "write_failure", events: { write_failure: 1 } });
  });

  it("edits only the listed fields that the item has", async () => {
    const source = fake.addSource();
    fake.addProfile(source, { ...ada, text: "kept", metadatas: [{ name: "m", value: "old" }] });
    vendor.items = [{ reference: "ada", text: "changed", tags: [{ name: "new", value: "1" }] }];
    const push = { source_key: source, only_edit_fields: ["tags", "metadatas"] };
    const res = await connector.updateProfilesInHrflow(flowOptions(fake, {}, push), runtime(fake).options);
    expect(res.status).toBe("success");
    const [p] = fake.profiles(source);
    expect(p).toMatchObject({
      text: "kept",
      tags: [{ name: "new", value: "1" }],
      metadatas: [{ name: "m", value: "old" }],
      info: ada.info,
    });
  });

  it("edits every field without only_edit_fields; an unknown profile fails", async () => {
    const source = fake.addSource();
    fake.addProfile(source, { ...ada, text: "old" });
    vendor.items = [{ reference: "ada", text: "new" }, { reference: "ghost" }];
    const res = await connector.updateProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      runtime(fake).options,
    );
    expect(res.events.write_failure).toBe(1);
    expect(fake.profiles(source)[0]).toMatchObject({ text: "new", info: ada.info });
  });

  it("archives profiles by reference", async () => {
    const source = fake.addSource();
    fake.addProfile(source, ada);
    vendor.items = [{ reference: "ada" }, {}];
    const res = await connector.archiveProfilesInHrflow(
      flowOptions(fake, {}, { source_key: source }),
      runtime(fake).options,
    );
    expect(res.events.write_failure).toBe(1);
    expect(fake.profiles(source)[0]?.archived_at).toBeTruthy();
    expect(fake.requests.count({ method: "PATCH" })).toBe(1);
  });

  it("rejects invalid parameters before any request", async () => {
    vendor.items = [ada];
    const { options } = runtime(fake);
    const bad = [
      // Each is a compile error for a TypeScript caller; the run refuses them for JSON callers.
      // @ts-expect-error source_key is a string
      connector.createProfilesInHrflow(flowOptions(fake, {}, { source_key: 3 }), options),
      connector.updateProfilesInHrflow(
        // @ts-expect-error only_edit_fields is a list
        flowOptions(fake, {}, { source_key: "s", only_edit_fields: "tags" }),
        options,
      ),
      // @ts-expect-error profile_key is required
      connector.createProfilesInVendor(flowOptions(fake, { source_key: "s" }, {}), options),
    ];
    for (const res of await Promise.all(bad)) expect(res.status).toBe("fatal");
    expect(fake.requests.count()).toBe(0);
  });

  it("exposes the flow-style auth schema with its documented wording", () => {
    const shape = HrFlowWarehouse.auth.shape;
    expect(Object.keys(shape)).toEqual(["api_secret", "api_user"]);
    expect(shape.api_secret.description).toBe("API Key used to access HrFlow.ai API");
    expect(shape.api_secret.meta()?.secret).toBe(true);
    expect(shape.api_user.description).toBe("User email used to access HrFlow.ai API");
    expect(z.toJSONSchema(HrFlowWarehouse.auth).required).toEqual(["api_secret", "api_user"]);
  });
});
