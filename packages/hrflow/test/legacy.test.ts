import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HrFlowJobWarehouse, HrFlowProfileParsingWarehouse, HrFlowProfileWarehouse } from "../src/index.js";
import { runtime, testConnector, useHarness, Vendor } from "./harness.js";

const { fake, vendor, connector } = await useHarness();

/** Field rows as the docs render them: name, required, default, description. */
function rows(schema: z.ZodObject<any>) {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as any;
  return Object.entries(schema.shape).map(([name, field]) => [
    name,
    (json.required ?? []).includes(name) && (field as z.ZodType).safeParse(undefined).success === false,
    json.properties[name].default ?? null,
    (field as z.ZodType).description,
  ]);
}
const AUTH_ROWS = [
  ["api_secret", true, null, "X-API-KEY used to access HrFlow.ai API"],
  ["api_user", true, null, "X-USER-EMAIL used to access HrFlow.ai API"],
];
const legacy = <T>(target: T) => ({
  workflow_id: "legacy",
  origin_parameters: {},
  target_parameters: target,
});

describe("legacy parameter sets match the seeds", () => {
  it("HrFlowProfileWarehouse read (seed 000) and write (seed 004)", () => {
    expect(HrFlowProfileWarehouse.name).toBe("HrFlow.ai Profiles");
    expect(rows(HrFlowProfileWarehouse.read!.parameters)).toEqual([
      ...AUTH_ROWS,
      ["source_key", true, null, "HrFlow.ai source key"],
      ["profile_key", true, null, "HrFlow.ai profile key"],
    ]);
    expect(rows(HrFlowProfileWarehouse.write!.parameters)).toEqual([
      ...AUTH_ROWS,
      ["source_key", true, null, "HrFlow.ai source key"],
      ["edit", false, false, "When enabled the profile must exist in the source"],
      [
        "only_edit_fields",
        true,
        null,
        "List of attributes to use for the edit operation e.g. ['tags', 'metadatas']",
      ],
    ]);
    expect(HrFlowProfileWarehouse.write!.parameters.shape.api_secret.meta()?.secret).toBe(true);
  });

  it("HrFlowJobWarehouse and HrFlowProfileParsingWarehouse", () => {
    expect(HrFlowJobWarehouse.name).toBe("HrFlow.ai Jobs");
    expect(rows(HrFlowJobWarehouse.write!.parameters)).toEqual([
      ...AUTH_ROWS,
      ["board_key", true, null, "HrFlow.ai board key"],
      ["sync", false, true, "When enabled only pushed jobs will remain in the board"],
      ["update_content", false, false, "When enabled jobs already present in the board are updated"],
      ["enrich_with_parsing", false, false, "When enabled jobs are enriched with HrFlow.ai parsing"],
    ]);
    expect(HrFlowProfileParsingWarehouse.name).toBe("HrFlow.ai Profile Parsing");
    expect(rows(HrFlowProfileParsingWarehouse.write!.parameters)).toEqual([
      ...AUTH_ROWS,
      ["source_key", true, null, "HrFlow.ai source key"],
      [
        "only_insert",
        false,
        false,
        "When enabled the profile is written only if it doesn't exist in the source",
      ],
    ]);
  });
});

describe("legacy jobs: sync", () => {
  const seedBoard = () => {
    const board = fake.addBoard();
    fake.addJob(board, { name: "Stale 1", reference: "stale-1" });
    fake.addJob(board, { name: "Kept", reference: "job-2", summary: "stored" });
    fake.addJob(board, { name: "Stale 2", reference: "stale-2" });
    fake.addJob(board, { name: "No reference" });
    return board;
  };
  const liveRefs = (board: string) =>
    fake
      .jobs(board)
      .filter((j) => !j.archived_at)
      .map((j) => String(j.reference))
      .sort();
  const pushed = Array.from({ length: 5 }, (_, i) => ({ name: `Job ${i}`, reference: `job-${i}` }));

  it("after a complete read, archives the board's referenced jobs that were not pushed (across batches)", async () => {
    const board = seedBoard();
    vendor.items = pushed;
    const target = { ...fake.auth, board_key: board };
    const res = await connector.pullJobList(legacy(target), runtime(fake, { batchSize: 2 }).options);
    expect(res.status).toBe("success");
    expect(liveRefs(board)).toEqual(["job-0", "job-1", "job-2", "job-3", "job-4", "null"]);
    // update_content defaults to false: the existing job-2 is left as it was.
    expect(fake.jobs(board).find((j) => j.reference === "job-2")?.summary).toBe("stored");
    expect(fake.requests.count({ method: "PATCH", route: "/job/indexing/archive" })).toBe(2);
  });

  it("never archives after a partial read", async () => {
    const board = seedBoard();
    vendor.items = pushed;
    vendor.failAfter = 3;
    const { options, logs } = runtime(fake, { batchSize: 2 });
    const res = await connector.pullJobList(legacy({ ...fake.auth, board_key: board }), options);
    expect(res).toMatchObject({
      status: "fatal",
      reason: "read_failure",
      events: { read_success: 3, read_failure: 1 },
    });
    expect(liveRefs(board)).toEqual(["job-0", "job-1", "job-2", "null", "stale-1", "stale-2"]);
    expect(fake.requests.count({ method: "PATCH" })).toBe(0);
    expect(fake.requests.count({ method: "GET", route: "/jobs/searching" })).toBe(0);
    expect(logs.some((l) => l.message.includes("skipped: the read did not complete"))).toBe(true);
  });

  it("does nothing to the board when sync is off; update_content edits existing jobs", async () => {
    const board = seedBoard();
    vendor.items = [{ name: "Job 2 v2", reference: "job-2" }];
    const target = { ...fake.auth, board_key: board, sync: false, update_content: true };
    const res = await connector.pullJobList(legacy(target), runtime(fake).options);
    expect(res.status).toBe("success");
    expect(liveRefs(board)).toEqual(["job-2", "null", "stale-1", "stale-2"]);
    expect(fake.jobs(board).find((j) => j.reference === "job-2")?.name).toBe("Job 2 v2");
  });

  it("keeps going when one archive fails, counting it", async () => {
    const board = seedBoard();
    vendor.items = pushed;
    // An archive is repeatable: 3 attempts of 5 calls each (the policy's retries) before it fails.
    fake.fail({ method: "PATCH", route: "/job/indexing/archive", status: 500, times: 15 });
    const res = await connector.pullJobList(
      legacy({ ...fake.auth, board_key: board }),
      runtime(fake).options,
    );
    // An archive is not an item read: counted apart from write failures.
    expect([res.events.finish_failure, res.events.write_failure]).toEqual([1, 0]);
    expect(res.status).toBe("success_with_failures");
    // 5 pushed + the unreferenced one + the stale job whose archive kept failing.
    expect(liveRefs(board)).toHaveLength(7);
  });

  it("keeps each run's pushed references in its own session, even when runs overlap", async () => {
    // Each board holds a stale job whose reference the other run pushes: a set shared between
    // runs would spare it from the archive.
    const boardA = fake.addBoard();
    fake.addJob(boardA, { name: "Stale in A", reference: "b-1" });
    const boardB = fake.addBoard();
    fake.addJob(boardB, { name: "Stale in B", reference: "a-1" });
    vendor.items = [
      { name: "A 1", reference: "a-1" },
      { name: "A 2", reference: "a-2" },
    ];
    const other = new Vendor();
    other.items = [
      { name: "B 1", reference: "b-1" },
      { name: "B 2", reference: "b-2" },
    ];
    const { options } = runtime(fake, { batchSize: 1 });
    const results = await Promise.all([
      connector.pullJobList(legacy({ ...fake.auth, board_key: boardA }), options),
      // Another workflow: two runs of one workflow at once are refused (its lease).
      testConnector(other).pullJobList(
        { ...legacy({ ...fake.auth, board_key: boardB }), workflow_id: "legacy-b" },
        options,
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual(["success", "success"]);
    expect(liveRefs(boardA)).toEqual(["a-1", "a-2"]);
    expect(liveRefs(boardB)).toEqual(["b-1", "b-2"]);
  });

  it("rejects bad target parameters before any request", async () => {
    vendor.items = pushed;
    const res = await connector.pullJobList(
      // @ts-expect-error sync is a boolean: the compiler refuses it too
      legacy({ ...fake.auth, board_key: "b", sync: "yes" }),
      runtime(fake).options,
    );
    expect(res).toMatchObject({ status: "fatal", reason: "bad_target_parameters" });
    expect(fake.requests.count()).toBe(0);
  });
});

describe("legacy profiles", () => {
  it("requires only_edit_fields to be given, even as null", async () => {
    vendor.items = [{ reference: "a" }];
    const res = await connector.pullProfileList(
      // @ts-expect-error only_edit_fields is required (the seed's table): the compiler refuses it too
      legacy({ ...fake.auth, source_key: "s" }),
      runtime(fake).options,
    );
    expect(res).toMatchObject({ status: "fatal", reason: "bad_target_parameters" });
    expect(res.issues?.[0]?.path).toBe("target_parameters.only_edit_fields");
    expect(fake.requests.count()).toBe(0);
  });

  it("creates once (edit: false), then edits selected fields (edit: true)", async () => {
    const source = fake.addSource();
    vendor.items = [{ reference: "a", text: "first", tags: [{ name: "t", value: "1" }] }];
    const create = { ...fake.auth, source_key: source, only_edit_fields: null };
    const { options } = runtime(fake);
    await connector.pullProfileList(legacy(create), options);
    await connector.pullProfileList(legacy(create), options);
    expect(fake.profiles(source)).toHaveLength(1);
    vendor.items = [{ reference: "a", text: "second", tags: [{ name: "t", value: "2" }] }];
    const edit = { ...create, edit: true, only_edit_fields: ["tags", "metadatas"] };
    const res = await connector.pullProfileList(legacy(edit), options);
    expect(res.status).toBe("success");
    expect(fake.profiles(source)[0]).toMatchObject({ text: "first", tags: [{ name: "t", value: "2" }] });
    expect(fake.profiles(source)[0]).not.toHaveProperty("metadatas");
  });

  it("edit: true fails for a profile the source does not have", async () => {
    const source = fake.addSource();
    vendor.items = [{ reference: "ghost" }];
    const edit = { ...fake.auth, source_key: source, edit: true, only_edit_fields: null };
    const res = await connector.pullProfileList(legacy(edit), runtime(fake).options);
    expect(res).toMatchObject({ status: "fatal", reason: "write_failure" });
    expect(fake.requests.count({ method: "PUT" })).toBe(0);
  });

  it("push_profile reads the profile by key", async () => {
    const source = fake.addSource();
    const stored = fake.addProfile(source, { reference: "a", info: { full_name: "A" } });
    const origin = { ...fake.auth, source_key: source, profile_key: String(stored.key) };
    const res = await connector.pushProfile(
      { workflow_id: "legacy", origin_parameters: origin, target_parameters: {} },
      runtime(fake).options,
    );
    expect(res.status).toBe("success");
    expect(vendor.written).toEqual([expect.objectContaining({ key: stored.key, reference: "a" })]);
  });
});

describe("legacy profile parsing", () => {
  const resume = (text: string) => ({
    raw: Buffer.from(text).toString("base64"),
    content_type: "text/plain",
  });

  it("parses resumes, re-parses a known reference into the same profile, and honours only_insert", async () => {
    const source = fake.addSource(undefined, { sync_parsing: true });
    const item = {
      reference: "r1",
      created_at: "2024-05-01T08:00:00-05:00",
      resume: resume("Ann\nann@example.com"),
      tags: [],
      metadatas: [],
    };
    vendor.items = [item];
    const target = { ...fake.auth, source_key: source };
    const { options } = runtime(fake);
    expect((await connector.pullResumeAttachmentList(legacy(target), options)).status).toBe("success");
    const first = fake.profiles(source)[0];
    expect(first).toMatchObject({ reference: "r1", created_at: "2024-05-01T08:00:00-05:00" });
    vendor.items = [{ ...item, resume: resume("Ann B\nann.b@example.com") }];
    await connector.pullResumeAttachmentList(legacy(target), options);
    expect(fake.profiles(source)).toHaveLength(1);
    expect((fake.profiles(source)[0] as any).info.email).toBe("ann.b@example.com");
    fake.requests.reset();
    const skipped = await connector.pullResumeAttachmentList(
      legacy({ ...target, only_insert: true }),
      options,
    );
    expect(fake.requests.count({ method: "POST" })).toBe(0);
    // Skipped, not written: the result says so and the accounting adds up.
    expect([skipped.status, skipped.written, skipped.skipped]).toEqual(["success", 0, 1]);
    expect(skipped.accounting_error).toBeUndefined();
  });

  it("indexes an item without a resume", async () => {
    const source = fake.addSource();
    vendor.items = [{ reference: "plain", created_at: "2024-05-01", tags: [], metadatas: [] }];
    const res = await connector.pullResumeAttachmentList(
      legacy({ ...fake.auth, source_key: source }),
      runtime(fake).options,
    );
    expect(res.status).toBe("success");
    expect(fake.profiles(source).map((p) => p.reference)).toEqual(["plain"]);
  });
});
