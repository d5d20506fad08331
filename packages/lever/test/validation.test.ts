import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import { afterEach, describe, expect, it } from "vitest";
import { formatJob, formatOpportunity, formatProfile, Lever } from "../src/index.js";
import { type Fakes, LEVER_CREDENTIAL_FIELDS, runtime, startFakes, totalRequests } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const profileRun = (f: Fakes, origin: Record<string, unknown>, target: Record<string, unknown> = {}) =>
  Lever.pullProfileList(
    {
      workflow_id: "lever-validation",
      origin_parameters: { ...f.lever.credentials(), ...origin },
      target_parameters: { ...f.hrflow.auth, source_key: "s", only_edit_fields: null, ...target },
    },
    runtime(f),
  );

describe("parameters are checked before any request", () => {
  it.each([
    ["limit", { limit: 500 }, "origin_parameters.limit"],
    ["limit type", { limit: "100" }, "origin_parameters.limit"],
    ["auth domain", { auth_domain: "evil.example/steal?x=" }, "origin_parameters.auth_domain"],
    ["client domain", { client_domain: "" }, "origin_parameters.client_domain"],
    ["missing secret", { client_secret: undefined }, "origin_parameters.client_secret"],
  ])("refuses a bad %s", async (_label, origin, path) => {
    fakes = await startFakes({ opportunities: 2 });
    const res = await profileRun(fakes, origin);
    expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    expect(res.issues?.[0]?.path).toBe(path);
    expect(totalRequests(fakes)).toBe(0);
  });

  it("refuses unknown keys and a missing only_edit_fields", async () => {
    fakes = await startFakes({ opportunities: 2 });
    const unknown = await profileRun(fakes, { offset: "abc" });
    expect([unknown.reason, unknown.issues?.[0]?.path]).toEqual([
      "bad_origin_parameters",
      "origin_parameters.offset",
    ]);
    const target = await Lever.pullProfileList(
      {
        workflow_id: "lever-validation",
        origin_parameters: fakes.lever.credentials(),
        // @ts-expect-error only_edit_fields is required: the compiler refuses it before the run does
        target_parameters: { ...fakes.hrflow.auth, source_key: "s" },
      },
      runtime(fakes),
    );
    expect([target.reason, target.issues?.[0]?.path]).toEqual([
      "bad_target_parameters",
      "target_parameters.only_edit_fields",
    ]);
    expect(totalRequests(fakes)).toBe(0);
  });

  it("refuses incremental reads of postings (a partial read would let sync archive the rest)", async () => {
    fakes = await startFakes({ postings: 2 });
    const res = await Lever.pullJobList(
      {
        workflow_id: "lever-validation",
        action_parameters: { read_mode: "incremental" },
        origin_parameters: fakes.lever.credentials(),
        target_parameters: { ...fakes.hrflow.auth, board_key: "b" },
      },
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "origin_does_not_support_incremental"]);
    expect(totalRequests(fakes)).toBe(0);
  });
});

describe("the connector as documented", () => {
  it("has the reference's metadata and actions", () => {
    expect({ name: Lever.name, type: Lever.type, subtype: Lever.subtype, url: Lever.url }).toEqual({
      name: "Lever",
      type: "ATS",
      subtype: "lever",
      url: "https://www.lever.co/",
    });
    expect(Lever.description).toBe(
      "Lever is a modern recruitment platform that helps companies streamline their hiring process.",
    );
    const actions = Lever.actions as Record<string, LegacyAction>;
    expect(Object.keys(actions).sort()).toEqual(["pull_job_list", "pull_profile_list", "push_profile"]);
    expect([actions.pull_job_list!.origin.name, actions.pull_job_list!.target.name]).toEqual([
      "Lever Jobs",
      "HrFlow.ai Jobs",
    ]);
    expect(actions.pull_job_list!.actionParameters.parse({}).format).toBe(formatJob);
    expect(actions.pull_profile_list!.actionParameters.parse({}).format).toBe(formatProfile);
    expect(actions.push_profile!.actionParameters.parse({}).format).toBe(formatOpportunity);
    expect(Object.values(actions).map((a) => a.trigger)).toEqual(["pull", "catch", "pull"]);
  });

  it("lists seed 004's source and destination rows in order, with their defaults and descriptions", () => {
    const action = Lever.actions.pull_profile_list as LegacyAction;
    const source = action.origin.read!.parameters;
    expect(Object.keys(source.shape)).toEqual([...LEVER_CREDENTIAL_FIELDS, "limit"]);
    expect(source.shape.limit?.description).toBe("Number of jobs to fetch per request (max: 100)");
    expect(source.parse({ ...requiredLever, limit: undefined }).limit).toBe(100);
    expect(source.shape.auth_domain?.description).toBe(
      "Auth domain for authenticating with Lever API, exemple: sandbox-lever",
    );
    const target = action.target.write!.parameters;
    expect(Object.keys(target.shape)).toEqual([
      "api_secret",
      "api_user",
      "source_key",
      "edit",
      "only_edit_fields",
    ]);
    expect(target.shape.client_secret).toBeUndefined();
    expect(source.shape.client_secret?.meta()?.secret).toBe(true);
    expect(source.shape.authorization_code?.meta()?.secret).toBe(true);
  });
});

const requiredLever = {
  auth_domain: "sandbox-lever",
  client_domain: "api.sandbox",
  client_id: "id",
  client_secret: "secret",
  authorization_code: "code",
};
