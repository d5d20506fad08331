import { describe, expect, it } from "vitest";
import { flowOptions, runtime, useHarness } from "./harness.js";

const { fake, vendor, connector } = await useHarness();

const jobs = (n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => ({ name: `Job ${i}`, reference: `ref-${i}`, ...extra }));
const live = (board: string) => fake.jobs(board).filter((j) => !j.archived_at);

describe("job aisle: create", () => {
  it("creates jobs, and a second run creates no duplicate (idempotent by reference)", async () => {
    const board = fake.addBoard();
    vendor.items = jobs(7);
    const { options } = runtime(fake, { batchSize: 3 });
    const first = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(first.status).toBe("success");
    expect(first.written).toBe(7);
    expect(fake.jobs(board)).toHaveLength(7);
    fake.requests.reset();
    const second = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(second.status).toBe("success");
    expect(fake.jobs(board)).toHaveLength(7);
    expect(fake.requests.count({ method: "POST", route: "/job/indexing" })).toBe(0);
    // A run of fewer creates than LOOKUPS_FIRST looks each one up, never lists the board.
    expect(fake.requests.count({ method: "GET", route: "/job/indexing" })).toBe(7);
    expect(fake.requests.count()).toBe(7);
  });

  it("sends one request per created job: the board is listed once per run, by pages", async () => {
    const board = fake.addBoard();
    for (let i = 0; i < 150; i++) fake.addJob(board, { name: `Stored ${i}`, reference: `stored-${i}` });
    vendor.items = [
      ...jobs(40),
      { name: "Again", reference: "stored-7" },
      { name: "Twice", reference: "ref-3" },
    ];
    const { options } = runtime(fake, { batchSize: 7 });
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(res.status).toBe("success");
    expect(res.written).toBe(40);
    // The first batch is looked up job by job (LOOKUPS_FIRST); from the second one the board's
    // two pages (150 jobs) cost less than looking the rest up, and each later job is one POST.
    expect(fake.requests.count({ method: "GET", route: "/job/indexing" })).toBe(7);
    expect(fake.requests.count({ method: "GET", route: "/jobs/searching" })).toBe(2);
    expect(fake.requests.count({ method: "POST", route: "/job/indexing" })).toBe(40);
    expect(fake.requests.count()).toBe(49);
    // The stored and the repeated reference are kept as they are.
    expect(fake.jobs(board).filter((j) => j.reference === "ref-3")).toHaveLength(1);
    expect(fake.jobs(board).filter((j) => j.reference === "stored-7")).toMatchObject([{ name: "Stored 7" }]);
  });

  it("restores an archived job of the same reference instead of duplicating it (looked up)", async () => {
    const board = fake.addBoard();
    const old = fake.addJob(board, { name: "Old", reference: "ref-0" });
    old.archived_at = "2024-01-01T00:00:00Z";
    vendor.items = jobs(1);
    const res = await connector.createJobsInHrflow(
      flowOptions(fake, {}, { board_key: board }),
      runtime(fake).options,
    );
    expect(res.status).toBe("success");
    expect(fake.jobs(board)).toHaveLength(1);
    expect(fake.jobs(board)[0]).toMatchObject({ key: old.key, name: "Job 0", archived_at: null });
  });

  it("indexes anew a job whose only namesake is archived, once the board is listed", async () => {
    const board = fake.addBoard();
    const old = fake.addJob(board, { name: "Old", reference: "ref-15" });
    old.archived_at = "2024-01-01T00:00:00Z";
    vendor.items = jobs(20);
    const { options } = runtime(fake, { batchSize: 5 });
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(res.status).toBe("success");
    // HrFlow's search lists live jobs only: the listed batches send one POST per job, no look-up.
    expect(fake.requests.count({ method: "GET", route: "/job/indexing" })).toBe(10);
    expect(fake.requests.count({ method: "POST", route: "/job/indexing" })).toBe(20);
    expect(fake.jobs(board).find((j) => j.key === old.key)?.archived_at).toBeTruthy();
    expect(fake.jobs(board).filter((j) => !j.archived_at)).toHaveLength(20);
  });

  it("looks every job up when the listing fails, and then restores an archived namesake", async () => {
    const board = fake.addBoard();
    const old = fake.addJob(board, { name: "Old", reference: "ref-15" });
    old.archived_at = "2024-01-01T00:00:00Z";
    vendor.items = jobs(20);
    fake.fail({ route: "/jobs/searching", status: 400, message: "Searching is not enabled" });
    const { options, logs } = runtime(fake, { batchSize: 5 });
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(res.status).toBe("success");
    expect(fake.requests.count({ method: "GET", route: "/job/indexing" })).toBe(20);
    expect(fake.jobs(board)).toHaveLength(20);
    expect(fake.jobs(board).find((j) => j.key === old.key)).toMatchObject({
      name: "Job 15",
      archived_at: null,
    });
    expect(logs.some((l) => l.message.includes("each create looks its reference up instead"))).toBe(true);
  });

  it("keeps timestamps with their time zone and rejects naive ones as format failures", async () => {
    const board = fake.addBoard();
    vendor.items = [
      { name: "Zoned", reference: "z", created_at: "2024-03-01T10:00:00+02:00" },
      { name: "Naive", reference: "n", created_at: "2024-03-01T10:00:00" },
    ];
    const { options, deadLetter } = runtime(fake);
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(res.status).toBe("success_with_failures");
    expect(res.events.format_failure).toBe(1);
    expect(fake.jobs(board).map((j) => [j.reference, j.created_at])).toEqual([
      ["z", "2024-03-01T10:00:00+02:00"],
    ]);
    expect(deadLetter.entries[0]?.error).toContain("created_at");
  });

  it("counts a mapping that breaks the schema as a format failure with its path, sending nothing", async () => {
    const board = fake.addBoard();
    vendor.items = [{ reference: "x", skills: [{ name: "SQL", type: null }] }];
    const { options, deadLetter } = runtime(fake);
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(res.status).toBe("fatal");
    expect(res.reason).toBe("format_failure");
    const error = deadLetter.entries[0]?.error ?? "";
    expect(error).toContain("name:");
    expect(error).toContain("skills.0.type:");
    expect(fake.requests.count()).toBe(0);
  });

  it("enriches jobs with text parsing when asked", async () => {
    const board = fake.addBoard();
    vendor.items = [
      {
        name: "Data engineer",
        reference: "de",
        summary: "<p>Python &amp; SQL daily.</p>",
        sections: [{ name: "team", title: "Team", description: "Leadership and English" }],
        skills: [{ name: "python", type: "hard", value: null }],
      },
    ];
    const params = { board_key: board, enrich_with_parsing: true };
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, params), runtime(fake).options);
    expect(res.status).toBe("success");
    const [job] = fake.jobs(board);
    expect(job?.skills).toEqual([
      { name: "python", type: "hard", value: null },
      { name: "SQL", type: "hard", value: null },
      { name: "Leadership", type: "soft", value: null },
    ]);
    expect(job?.languages).toEqual([{ name: "English", value: null }]);
    expect(fake.requests.count({ method: "POST", route: "/text/parsing" })).toBe(1);
  });

  it("rejects invalid parameters before any request", async () => {
    vendor.items = jobs(2);
    const { options } = runtime(fake);
    // @ts-expect-error board_key is required: the compiler refuses it before the run does
    const missing = await connector.createJobsInHrflow(flowOptions(fake, {}, {}), options);
    expect(missing).toMatchObject({ status: "fatal", reason: "bad_target_parameters" });
    expect(missing.issues?.[0]?.path).toBe("push_parameters.board_key");
    const unknown = await connector.createJobsInHrflow(
      flowOptions(fake, {}, { board_key: "b", enrich: true }),
      options,
    );
    expect(unknown.reason).toBe("bad_target_parameters");
    const badAuth = await connector.createJobsInHrflow(
      // @ts-expect-error api_user is required
      { ...flowOptions(fake, {}, { board_key: "b" }), hrflow_auth: { api_secret: "x" } },
      options,
    );
    expect(badAuth.reason).toBe("bad_target_parameters");
    expect(fake.requests.count()).toBe(0);
  });

  it("writes through a 429 storm", async () => {
    const board = fake.addBoard();
    vendor.items = jobs(5);
    fake.fail({ method: "POST", route: "/job/indexing", status: 429, times: 3, retryAfterSeconds: 0 });
    fake.fail({ method: "GET", route: "/job/indexing", status: 429, times: 2, retryAfterSeconds: 0 });
    const res = await connector.createJobsInHrflow(
      flowOptions(fake, {}, { board_key: board }),
      runtime(fake).options,
    );
    expect(res.status).toBe("success");
    expect(live(board)).toHaveLength(5);
    expect(fake.requests.count({ method: "POST", route: "/job/indexing" })).toBe(5 + 3);
  });
});

describe("job aisle: update and archive", () => {
  it("edits jobs by reference; unknown or unnamed jobs fail without being sent", async () => {
    const board = fake.addBoard();
    fake.addJob(board, { name: "Before", reference: "a", summary: "old" });
    vendor.items = [
      { name: "After", reference: "a" },
      { name: "Ghost", reference: "ghost" },
      { name: "Nameless" },
    ];
    const { options, deadLetter } = runtime(fake);
    const res = await connector.updateJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect(res.status).toBe("success_with_failures");
    expect(res.events.write_failure).toBe(2);
    expect(fake.jobs(board)).toHaveLength(1);
    expect(fake.jobs(board)[0]).toMatchObject({ name: "After", reference: "a" });
    expect(fake.jobs(board)[0]?.summary).toBeUndefined();
    expect(fake.requests.count({ method: "PUT", route: "/job/indexing" })).toBe(2);
    expect(deadLetter.entries.map((e) => e.error).join("\n")).toContain("Unable to find object: job");
  });

  it("archives jobs; an unknown one is a failure", async () => {
    const board = fake.addBoard();
    for (const j of jobs(3)) fake.addJob(board, j);
    vendor.items = [
      { name: "x", reference: "ref-1" },
      { name: "y", reference: "nope" },
    ];
    const res = await connector.archiveJobsInHrflow(
      flowOptions(fake, {}, { board_key: board }),
      runtime(fake).options,
    );
    expect(res.status).toBe("success_with_failures");
    expect(res.events.write_failure).toBe(1);
    expect(live(board).map((j) => j.reference)).toEqual(["ref-0", "ref-2"]);
  });
});
