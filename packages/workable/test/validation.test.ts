import type { FlowAction } from "@hrflow-connectors/core/tooling";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Workable } from "../src/index.js";
import { jobFlowOptions, runtime, startFakes, totalRequests } from "./harness.js";

describe("the actions", () => {
  it("are the original's ten, with the connector's metadata", () => {
    expect(Object.keys(Workable.actions).sort()).toEqual([
      "archive_jobs_in_hrflow",
      "archive_profiles_in_hrflow",
      "create_jobs_in_hrflow",
      "create_profiles_in_hrflow",
      "create_profiles_in_workable",
      "pull_job_list",
      "push_profile",
      "update_jobs_in_hrflow",
      "update_profiles_in_hrflow",
      "update_profiles_in_workable",
    ]);
    expect([Workable.name, Workable.type, Workable.subtype, Workable.url]).toEqual([
      "Workable",
      "HCM",
      "workable",
      "https://www.workable.com/",
    ]);
  });

  it("update_jobs_in_hrflow has exactly seed 003's parameters", () => {
    const action = Workable.actions.update_jobs_in_hrflow as FlowAction;
    const table = (schema: z.ZodObject) => {
      const json = z.toJSONSchema(schema, { io: "input" }) as {
        properties: Record<string, { description?: string }>;
        required?: string[];
      };
      return Object.entries(json.properties).map(([k, v]) => [
        k,
        json.required?.includes(k) ?? false,
        v.description,
      ]);
    };
    expect(table(action.connectorAuth)).toEqual([
      [
        "api_access_token",
        true,
        "The API access token for the Workable account, which can be generated from the Integrations section in the Workable backend settings.",
      ],
      [
        "subdomain",
        true,
        "The subdomain of the Workable account, can be retrieved with a GET request to the /account endpoint",
      ],
    ]);
    expect(table(action.hrflowAuth)).toEqual([
      ["api_secret", true, "API Key used to access HrFlow.ai API"],
      ["api_user", true, "User email used to access HrFlow.ai API"],
    ]);
    expect(table(action.pullParameters)).toEqual([
      [
        "state",
        false,
        "Returns jobs with the current state. Possible values (draft, published, archived & closed).",
      ],
      ["since_id", false, "Returns jobs with ID greater than the specified value."],
      ["max_id", false, "Returns jobs with ID less than the specified value."],
      ["created_after", false, "Returns jobs created after the specified timestamp/date time."],
      ["updated_after", false, "Returns jobs updated after the specified timestamp/date time."],
    ]);
    expect(table(action.pushParameters)).toEqual([["board_key", true, "HrFlow.ai board key"]]);
    expect(action.description).toBe("Send **updated** 'job(s)' _from_ Workable _to_ HrFlow");
    expect(action.supportsIncremental).toBe(true);
  });
});

describe("bad parameters", () => {
  it("an unknown job state is fatal, names the field, and sends nothing", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    const res = await Workable.updateJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { state: "open" } }),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    expect(res.issues?.map((i) => i.path)).toEqual(["pull_parameters.state"]);
    expect(res.message).toMatch(/pull_parameters\.state/);
    expect(totalRequests(fakes)).toBe(0);
  });

  it("a subdomain that is not a DNS label, or an unknown key, is refused before any request", async () => {
    const fakes = await startFakes({ jobs: 3 });
    const board = fakes.hrflow.addBoard();
    const host = await Workable.createJobsInHrflow(
      jobFlowOptions(fakes, board, {
        connector_auth: { ...fakes.workable.auth, subdomain: "evil.example/x?" },
      }),
      runtime(fakes),
    );
    expect([host.reason, host.issues?.[0]?.path]).toEqual([
      "bad_origin_parameters",
      "connector_auth.subdomain",
    ]);
    const typo = await Workable.createJobsInHrflow(
      jobFlowOptions(fakes, board, { pull_parameters: { limit: 10 } }),
      runtime(fakes),
    );
    expect([typo.reason, typo.issues?.[0]?.path]).toEqual(["bad_origin_parameters", "pull_parameters.limit"]);
    const push = await Workable.createJobsInHrflow(
      jobFlowOptions(fakes, board, { push_parameters: {} }),
      runtime(fakes),
    );
    expect([push.reason, push.issues?.[0]?.path]).toEqual([
      "bad_target_parameters",
      "push_parameters.board_key",
    ]);
    expect(totalRequests(fakes)).toBe(0);
  });

  it("create_profiles_in_workable needs a job or the talent pool, not both", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const options = (push: Record<string, unknown>) => ({
      workflow_id: "to-workable",
      connector_auth: fakes.workable.auth,
      hrflow_auth: fakes.hrflow.auth,
      pull_parameters: { source_key: source, profile_key: "k" },
      push_parameters: push,
    });
    const neither = await Workable.createProfilesInWorkable(options({ stage: "applied" }), runtime(fakes));
    expect([neither.status, neither.reason]).toEqual(["fatal", "bad_target_parameters"]);
    expect(neither.issues?.[0]).toMatchObject({
      path: "push_parameters.job_shortcode",
      message: expect.stringMatching(/job_shortcode .*add_to_talent_pool/),
    });
    const both = await Workable.createProfilesInWorkable(
      options({ job_shortcode: "ENG00001", add_to_talent_pool: true }),
      runtime(fakes),
    );
    expect([both.reason, both.issues?.[0]?.path]).toEqual([
      "bad_target_parameters",
      "push_parameters.add_to_talent_pool",
    ]);
    expect(totalRequests(fakes)).toBe(0);
  });
});

describe("dead letters", () => {
  it("a job that does not format into a valid HrFlow job goes to the dead-letter sink", async () => {
    const fakes = await startFakes({ jobs: 4 });
    const board = fakes.hrflow.addBoard();
    const broken = fakes.workable.addJob({ title: null as unknown as string });
    const rt = runtime(fakes);
    const res = await Workable.createJobsInHrflow(jobFlowOptions(fakes, board), rt);
    expect([res.status, res.events.format_failure, res.written]).toEqual(["success_with_failures", 1, 4]);
    expect(res.dead_letter.count).toBe(1);
    expect(rt.deadLetter.entries[0]).toMatchObject({
      stage: "format",
      action_name: "create_jobs_in_hrflow",
      error: expect.stringMatching(/name/),
      item: { shortcode: broken.shortcode },
    });
    expect(fakes.hrflow.jobs(board).map((j) => j.reference)).not.toContain(broken.shortcode);
  });

  it("a candidate Workable refuses is dead-lettered with Workable's reason", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      info: { full_name: "No Job", email: "nojob@example.com" },
    });
    const rt = runtime(fakes);
    const res = await Workable.createProfilesInWorkable(
      {
        workflow_id: "to-workable",
        connector_auth: fakes.workable.auth,
        hrflow_auth: fakes.hrflow.auth,
        pull_parameters: { source_key: source, profile_key: key },
        push_parameters: { job_shortcode: "MISSING1" },
      },
      rt,
    );
    expect([res.status, res.reason]).toEqual(["fatal", "write_failure"]);
    expect(rt.deadLetter.entries[0]).toMatchObject({
      stage: "write",
      error: expect.stringMatching(/404.*MISSING1 not found/),
      item: { email: "nojob@example.com" },
    });
  });
});
