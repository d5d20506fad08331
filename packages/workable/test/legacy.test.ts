import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import { describe, expect, it } from "vitest";
import { formatLegacyJob, formatLegacyProfile, Workable } from "../src/index.js";
import { type Fakes, runtime, startFakes, totalRequests } from "./harness.js";

describe("pull_job_list (older style)", () => {
  it("sends every published job, past the first page, with descriptions and tags", async () => {
    const fakes = await startFakes({ jobs: 150 });
    const board = fakes.hrflow.addBoard();
    // A job that is no longer published in Workable: sync archives it.
    fakes.hrflow.addJob(board, { reference: "GONE0001", name: "Retired job" });
    const published = fakes.workable.jobs.filter((j) => j.state === "published");
    expect(published.length).toBeGreaterThan(50);
    const res = await Workable.pullJobList(
      {
        workflow_id: "legacy-jobs",
        origin_parameters: { auth: fakes.workable.token, subdomain: "acme" },
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", published.length]);
    const list = fakes.workable.requests.filter({ route: "/jobs" });
    expect(new URLSearchParams(list[0]!.query).get("state")).toBe("published");
    expect(new URLSearchParams(list[0]!.query).get("include_fields")).toContain("description");
    const stored = fakes.hrflow.jobs(board);
    const live = stored.filter((j) => !j.archived_at).map((j) => j.reference);
    expect(live.sort()).toEqual(published.map((j) => j.shortcode).sort());
    expect(stored.find((j) => j.reference === "GONE0001")?.archived_at).toBeTruthy();
    const sample = published[60]!;
    const job = stored.find((j) => j.reference === sample.shortcode)!;
    expect(job.tags).toEqual(formatLegacyJob(sample).tags);
    expect(job.tags).toContainEqual({ name: "workable_state", value: "published" });
    expect((job.sections as { description: string }[])[0]!.description).not.toContain("<");
  });

  it("is documented with the seed's parameters", () => {
    const action = Workable.actions.pull_job_list as LegacyAction;
    expect(action.origin.name).toBe("WorkableJobWarehouse");
    expect(Object.keys(action.origin.read!.parameters.shape)).toEqual(["auth", "subdomain"]);
    expect(action.supportsIncremental).toBe(false);
  });
});

describe("push_profile (older style, seed 000)", () => {
  const options = (fakes: Fakes, source: string, profileKey: string, shortcode: string) => ({
    workflow_id: "legacy-push",
    origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: profileKey },
    target_parameters: { auth: fakes.workable.token, subdomain: "acme", shortcode },
  });

  it("adds the HrFlow profile to the job as a sourced candidate", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      reference: "ref-1",
      info: {
        full_name: "Kenji Nakamura",
        email: "kenji@example.com",
        phone: "+81 90 1234 5678",
        location: null,
      },
      attachments: [{ type: "resume", public_url: "https://files.example.com/kenji.pdf" }],
    });
    const shortcode = fakes.workable.jobs[2]!.shortcode;
    const res = await Workable.pushProfile(options(fakes, source, key, shortcode), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.workable.created[0]).toMatchObject({
      via: "job",
      shortcode,
      body: {
        sourced: true,
        candidate: {
          name: "Kenji Nakamura",
          email: "kenji@example.com",
          phone: "+81 90 1234 5678",
          resume_url: "https://files.example.com/kenji.pdf",
        },
      },
    });
  });

  it("writes through the profiles aisle: a body's sourced=false is kept, and a refused body is dead-lettered as the body", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      info: { full_name: "Ana Lima", email: "ana@example.com" },
    });
    const shortcode = fakes.workable.jobs[0]!.shortcode;
    // An applicant rather than a sourced candidate: a format of the user's own.
    const applicant = (p: Parameters<typeof formatLegacyProfile>[0]) => ({
      ...formatLegacyProfile(p),
      sourced: false,
    });
    const applied = await Workable.pushProfile(
      { ...options(fakes, source, key, shortcode), action_parameters: { format: applicant } },
      runtime(fakes),
    );
    expect([applied.status, applied.written]).toEqual(["success", 1]);
    expect(fakes.workable.created[0]).toMatchObject({
      via: "job",
      shortcode,
      body: { sourced: false, candidate: { name: "Ana Lima", email: "ana@example.com" } },
    });
    expect(fakes.workable.created[0]?.body.candidate).not.toHaveProperty("sourced");

    const rt = runtime(fakes);
    const refused = await Workable.pushProfile(options(fakes, source, key, "MISSING1"), rt);
    expect([refused.status, refused.reason]).toEqual(["fatal", "write_failure"]);
    expect(rt.deadLetter.entries).toHaveLength(1);
    expect(rt.deadLetter.entries[0]).toMatchObject({
      stage: "write",
      error: expect.stringMatching(/404.*MISSING1 not found/),
      item: { sourced: true, candidate: { name: "Ana Lima", email: "ana@example.com" } },
    });
  });

  it("matches seed 000's parameter tables", () => {
    const action = Workable.actions.push_profile as LegacyAction;
    expect(action.trigger).toBe("catch");
    expect(action.origin.name).toBe("HrFlow.ai Profiles");
    expect(action.target.name).toBe("WorkableProfileWarehouse");
    expect(Object.keys(action.origin.read!.parameters.shape)).toEqual([
      "api_secret",
      "api_user",
      "source_key",
      "profile_key",
    ]);
    const target = action.target.write!.parameters.shape;
    expect(Object.keys(target)).toEqual(["auth", "subdomain", "shortcode"]);
    expect(target.shortcode?.description).toBe("Job shortcode");
    expect(Object.keys(action.actionParameters.shape)).toEqual(
      expect.arrayContaining(["logics", "format", "read_mode"]),
    );
  });

  it("refuses a missing shortcode before any request", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const res = await Workable.pushProfile(
      {
        workflow_id: "legacy-push",
        origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: "k" },
        // @ts-expect-error shortcode is required: the compiler refuses it before the run does
        target_parameters: { auth: fakes.workable.token, subdomain: "acme" },
      },
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "bad_target_parameters"]);
    expect(res.issues?.[0]?.path).toBe("target_parameters.shortcode");
    expect(totalRequests(fakes)).toBe(0);
  });
});
