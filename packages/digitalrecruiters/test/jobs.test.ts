import { afterEach, describe, expect, it } from "vitest";
import { DigitalRecruiters, formatJob } from "../src/index.js";
import { type Fakes, pullAction, runtime, startFakes, totalRequests } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const options = (f: Fakes, board: string, origin = f.dr.jobsParameters) => ({
  workflow_id: "dr-jobs",
  origin_parameters: origin,
  target_parameters: { ...f.hrflow.auth, board_key: board },
});

describe("pull_job_list", () => {
  it("sends every job ad of the export to the board, formatted, and archives the ones gone", async () => {
    fakes = await startFakes({ jobAds: 12 });
    const board = fakes.hrflow.addBoard();
    fakes.hrflow.addJob(board, { reference: "RETIRED", name: "Old ad" });
    const res = await DigitalRecruiters.pullJobList(options(fakes, board), runtime(fakes));
    expect([res.status, res.reason, res.written]).toEqual(["success", "none", 12]);
    const export_ = fakes.dr.requests.filter({ route: "/export/job-ads/{token}" });
    expect(export_.map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", `/export/job-ads/${fakes.dr.token}`, 200],
    ]);
    const stored = fakes.hrflow.jobs(board);
    const live = stored.filter((j) => !j.archived_at);
    expect(live.map((j) => j.reference).sort()).toEqual(fakes.dr.jobAds.map((a) => a.reference).sort());
    expect(stored.find((j) => j.reference === "RETIRED")?.archived_at).toBeTruthy();
    const sample = fakes.dr.jobAds[4]!;
    const job = live.find((j) => j.reference === sample.reference)!;
    expect(job.name).toBe(sample.title);
    expect(job.tags).toEqual(formatJob(sample).tags);
    expect(job.created_at).toMatch(/Z$/);
    expect((job.sections as { description: string }[])[0]!.description).not.toMatch(/[<&]/);
  });

  it("honours a baseUrls override instead of environment_url", async () => {
    fakes = await startFakes({ jobAds: 2 });
    const board = fakes.hrflow.addBoard();
    const origin = { token: fakes.dr.token, environment_url: "https://customer.digitalrecruiters.com/" };
    const rt = runtime(fakes, {
      baseUrls: { hrflow: fakes.hrflow.baseUrl, digitalrecruiters: fakes.dr.baseUrl },
    });
    const res = await DigitalRecruiters.pullJobList(options(fakes, board, origin), rt);
    expect([res.status, res.written]).toEqual(["success", 2]);
  });

  it("retries through a 429 with Retry-After", async () => {
    fakes = await startFakes({ jobAds: 3 });
    const board = fakes.hrflow.addBoard();
    fakes.dr.fail({ route: "/export/job-ads/{token}", status: 429, retryAfterSeconds: 0, times: 2 });
    const res = await DigitalRecruiters.pullJobList(options(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 3]);
    expect(fakes.dr.requests.count({ route: "/export/job-ads/{token}", status: 429 })).toBe(2);
    expect(fakes.dr.requests.count({ route: "/export/job-ads/{token}", status: 200 })).toBe(1);
  });

  it("a wrong token is a read failure whose message never shows the token", async () => {
    fakes = await startFakes({ jobAds: 3 });
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes);
    const origin = { ...fakes.dr.jobsParameters, token: "not-the-token-123" };
    const res = await DigitalRecruiters.pullJobList(options(fakes, board, origin), rt);
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    expect(fakes.hrflow.requests.count()).toBe(0);
    const logged = JSON.stringify(rt.logs);
    expect(logged).toContain("HTTP 401");
    expect(logged).not.toContain("not-the-token-123");
  });

  it("an ad that cannot be formatted goes to the dead letter; the others are written", async () => {
    fakes = await startFakes({ jobAds: 3 });
    fakes.dr.addJobAd({ title: undefined, reference: "NO-TITLE" });
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes);
    const res = await DigitalRecruiters.pullJobList(options(fakes, board), rt);
    expect([res.status, res.written, res.events.format_failure]).toEqual(["success_with_failures", 3, 1]);
    expect(rt.deadLetter.entries).toHaveLength(1);
    expect(rt.deadLetter.entries[0]).toMatchObject({ stage: "format", item: { reference: "NO-TITLE" } });
    expect(rt.deadLetter.entries[0]!.error).toMatch(/name/);
  });

  it("an empty export is a success with nothing written", async () => {
    fakes = await startFakes();
    const board = fakes.hrflow.addBoard();
    const res = await DigitalRecruiters.pullJobList(options(fakes, board), runtime(fakes));
    expect([res.status, res.written, res.events.read_success]).toEqual(["success", 0, 0]);
  });
});

describe("pull_job_list parameters", () => {
  it("has the original's origin parameters", () => {
    const { action, parameters } = pullAction("pull_job_list", "DigitalRecruiters Jobs", "HrFlow.ai Jobs");
    const shape = parameters.shape;
    expect(Object.keys(shape)).toEqual(["token", "environment_url"]);
    expect(shape.token?.description).toBe("Digital Recruiters API token.");
    expect(action.supportsIncremental).toBe(false);
  });

  it("refuses a bad environment_url before any request, naming the field", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const board = fakes.hrflow.addBoard();
    const origin = { token: fakes.dr.token, environment_url: "ftp://nope" };
    const res = await DigitalRecruiters.pullJobList(options(fakes, board, origin), runtime(fakes));
    expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    expect(res.issues?.[0]?.path).toBe("origin_parameters.environment_url");
    expect(totalRequests(fakes)).toBe(0);
  });

  it("refuses a missing board_key before any request", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const res = await DigitalRecruiters.pullJobList(
      // @ts-expect-error board_key is required: the compiler refuses it before the run does
      { workflow_id: "x", origin_parameters: fakes.dr.jobsParameters, target_parameters: fakes.hrflow.auth },
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "bad_target_parameters"]);
    expect(res.issues?.[0]?.path).toBe("target_parameters.board_key");
    expect(totalRequests(fakes)).toBe(0);
  });

  it("refuses incremental mode, which no DR read supports", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const board = fakes.hrflow.addBoard();
    const res = await DigitalRecruiters.pullJobList(
      { ...options(fakes, board), action_parameters: { read_mode: "incremental" } },
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "origin_does_not_support_incremental"]);
    expect(totalRequests(fakes)).toBe(0);
  });
});
