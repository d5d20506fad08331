import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { discoverConnectors } from "../src/discover.js";
import { buildManifest } from "../src/manifest.js";
import { acmeImporter, makeTree, removeTree } from "./tree.js";

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeTree));
});

async function manifestOf(prepare?: (root: string) => Promise<void>): Promise<any> {
  const root = await makeTree();
  roots.push(root);
  await prepare?.(root);
  return buildManifest(root, await discoverConnectors(root, acmeImporter()));
}

let plain: Promise<any> | undefined;
/** The untouched fixture tree's action entries, built once for the tests that only read them. */
async function actionsOf(): Promise<any[]> {
  plain ??= manifestOf();
  return (await plain).connectors[0].actions;
}

describe("manifest", () => {
  it("lists the connector with its package facts and every action", async () => {
    const m = await manifestOf();
    expect(m.name).toBe("HrFlow.ai Connectors");
    const [c] = m.connectors;
    expect({ ...c, actions: undefined }).toEqual({
      name: "Acme",
      type: "ATS",
      subtype: "acme",
      description: "A fixture ATS",
      url: "https://acme.test",
      package: "@hrflow-connectors/acme",
      version: "1.2.3",
      export: "Acme",
      logo: null,
      actions: undefined,
    });
    expect(c.actions.map((a: any) => a.name)).toEqual([
      "update_jobs_in_hrflow",
      "create_jobs_in_hrflow",
      "push_profile",
      "pull_profile_list",
    ]);
  });

  it("describes a flow action: direction, mode, JSON Schemas, incremental support, workflow", async () => {
    const [a, other] = await actionsOf();
    expect(a).toMatchObject({
      name: "update_jobs_in_hrflow",
      style: "flow",
      method: "updateJobsInHrflow",
      data_type: "job",
      direction: "inbound",
      mode: "update",
      origin: "Acme",
      target: "HrFlow",
      supports_incremental: true,
      jsonmap: {},
    });
    expect(other.supports_incremental).toBe(false);
    expect(a.connector_auth_parameters).toMatchObject({
      type: "object",
      required: ["api_access_token", "subdomain"],
      properties: { api_access_token: { type: "string", secret: true } },
    });
    expect(a.pull_parameters.properties.state).toEqual({
      description:
        "Returns jobs with the current state. Possible values (draft, published, archived & closed).",
      anyOf: [{ type: "string", enum: ["archived", "closed", "draft", "published"] }, { type: "null" }],
    });
    expect(a.push_parameters.required).toEqual(["board_key"]);
    expect(a.origin_data_schema).toMatchObject({ type: "object", required: ["id", "title"] });
    expect(a.target_data_schema).toEqual({});
    // The values themselves are pinned by templates.test.ts, whose settings use them.
    expect(a.workflow.settings_keys).toEqual({
      workflow_id: "__workflow_id",
      incremental: "__incremental",
      connector_auth_prefix: "connector_auth_",
      hrflow_auth_prefix: "hrflow_auth_",
      pull_parameters_prefix: "pull_parameters_",
      push_parameters_prefix: "push_parameters_",
    });
    expect(a.workflow.placeholders).toEqual({
      logics: "// << logics_placeholder >>",
      format: "// << format_placeholder >>",
      callback: "// << callback_placeholder >>",
      event_parser: "// << event_parser_placeholder >>",
    });
    expect(a.workflow.expected).toEqual({
      activate_incremental: "enable",
      logics_functions_name: "logics",
      format_functions_name: "format",
      callback_functions_name: "callback",
      event_parser_function_name: "event_parser",
    });
    expect(a.workflow.pull_template).toContain('import { Acme } from "@hrflow-connectors/acme";');
    expect(a.workflow.pull_template).not.toContain("event_parser");
    expect(a.workflow.catch_template).toContain("// << event_parser_placeholder >>");
  });

  it("describes an older-style action without the event_parser a scheduled run cannot use", async () => {
    const [, , a, inbound] = await actionsOf();
    expect(a).toMatchObject({
      name: "push_profile",
      style: "legacy",
      action_type: "outbound",
      data_type: "profile",
      trigger_type: "schedule",
      origin: "HrFlow.ai Profiles",
      target: "WorkableProfileWarehouse",
    });
    expect(Object.keys(a.action_parameters.properties)).toEqual(["logics", "format", "read_mode"]);
    expect(a.action_parameters.properties.format.defaultFunction).toBe("formatProfile");
    expect(a.origin_parameters.required).toEqual(["api_secret", "api_user", "source_key", "profile_key"]);
    expect(Object.keys(a.workflow)).toEqual(["pull_template", "settings_keys", "placeholders", "expected"]);
    expect(a.workflow.settings_keys).toEqual({
      workflow_id: "__workflow_id",
      incremental: "__incremental",
      origin_parameters_prefix: "origin_",
      target_parameters_prefix: "target_",
    });
    expect(Object.keys(a.workflow.placeholders)).toEqual(["logics", "format"]);
    expect(inbound.action_type).toBe("inbound");
  });

  it("reads the field map and the logo from the package folder", async () => {
    const m = await manifestOf(async (root) => {
      await mkdir(join(root, "packages/acme/mappings/format"), { recursive: true });
      await writeFile(
        join(root, "packages/acme/mappings/format/push_profile.json"),
        '{"name": "?.info.full_name"}',
      );
      await writeFile(join(root, "packages/acme/logo.png"), "png");
    });
    expect(m.connectors[0].logo).toBe("packages/acme/logo.png");
    expect(m.connectors[0].actions[2].jsonmap).toEqual({ name: "?.info.full_name" });
    expect(m.connectors[0].actions[0].jsonmap).toEqual({});
  });

  it("rejects an invalid field map with its path", async () => {
    await expect(
      manifestOf(async (root) => {
        await mkdir(join(root, "packages/acme/mappings/format"), { recursive: true });
        await writeFile(join(root, "packages/acme/mappings/format/push_profile.json"), "{nope");
      }),
    ).rejects.toThrow(/packages\/acme\/mappings\/format\/push_profile.json is not valid JSON/);
  });
});
