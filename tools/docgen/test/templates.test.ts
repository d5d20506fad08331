import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger, type RunOptions, type RunResult, silentSink } from "@hrflow-connectors/core";
import { MemoryDeadLetter } from "@hrflow-connectors/core/engine";
import { MemoryStore } from "@hrflow-connectors/core/store";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PLACEHOLDERS, workflowTemplate } from "../src/templates.js";
import { Acme, store } from "./fixtures/connector.js";

const fixture = resolve(fileURLToPath(import.meta.url), "../fixtures/connector.ts");
const target = { importFrom: fixture, exportName: "Acme" };
const dir = await mkdtemp(join(tmpdir(), "docgen-templates-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

type Workflow = (...args: unknown[]) => Promise<RunResult>;
let counter = 0;

/** Writes the template with its placeholders filled and imports it, as the workflow runtime would. */
async function load(code: string, fill: Partial<Record<keyof typeof PLACEHOLDERS, string>> = {}) {
  let text = code;
  for (const [key, value] of Object.entries(fill)) {
    const placeholder = PLACEHOLDERS[key as keyof typeof PLACEHOLDERS];
    expect(text).toContain(placeholder);
    text = text.replace(placeholder, value);
  }
  const file = join(dir, `workflow-${counter++}.ts`);
  await writeFile(file, text);
  return ((await import(file)) as { workflow: Workflow }).workflow;
}

const runtime = (): RunOptions => ({
  store: new MemoryStore(),
  deadLetter: new MemoryDeadLetter(),
  logger: createLogger({ sink: silentSink }),
});
const settings = {
  __workflow_id: "wf-1",
  connector_auth_api_access_token: "token",
  connector_auth_subdomain: "acme",
  hrflow_auth_api_secret: "secret",
  hrflow_auth_api_user: "me@acme.test",
  push_parameters_board_key: "board",
};

/** `from` without `key`, which must be there to drop (else the test would prove nothing). */
function without<T extends Record<string, unknown>>(from: T, key: keyof T & string): Record<string, unknown> {
  expect(from[key], `${key} in the settings`).toBeTruthy();
  const { [key]: _dropped, ...rest } = from;
  return rest;
}

beforeEach(() => {
  store.jobs = [
    { id: "1", title: "one" },
    { id: "2", title: "two" },
    { id: "3", title: "three" },
  ];
  store.written = [];
  store.writeParameters = [];
  store.profiles = [{ key: "p1" }];
});

describe("flow pull template", () => {
  const code = workflowTemplate(target, Acme.actions.update_jobs_in_hrflow!, "pull");

  it("runs the action from prefixed settings, with the user's logics, format and callback", async () => {
    const workflow = await load(code, {
      logics: 'logics = [(item) => (item.id === "2" ? null : item)];',
      format: "format = (item) => ({ ...item, title: item.title.toUpperCase() });",
      callback: "callback = (info) => { (globalThis as any).__docgenCallback = info.written; };",
    });
    const result = await workflow({ ...settings, pull_parameters_since_id: "1" }, runtime());
    expect(result.status).toBe("success");
    expect(result.events.read_success).toBe(2);
    expect(result.events.logics_discard).toBe(1);
    expect(store.written).toEqual([{ id: "3", title: "THREE" }]);
    expect((globalThis as any).__docgenCallback).toBe(1);
    expect(result.incremental).toBe(false);
  });

  it("runs unchanged when no placeholder is filled, and honours __incremental", async () => {
    const workflow = await load(code);
    const result = await workflow({ ...settings, __incremental: "enable" }, runtime());
    expect(result.status).toBe("success");
    expect(result.incremental).toBe(true);
    expect(store.written).toEqual(store.jobs);
    expect(store.writeParameters).toEqual([{ board_key: "board" }]);
  });

  it("ends fatal with workflow_id_not_found when settings lack __workflow_id", async () => {
    const workflow = await load(code);
    const result = await workflow(without(settings, "__workflow_id"), runtime());
    expect([result.status, result.reason]).toEqual(["fatal", "workflow_id_not_found"]);
    expect(store.written).toEqual([]);
  });

  it("reports bad parameters when a prefixed setting is missing", async () => {
    const workflow = await load(code);
    const result = await workflow(without(settings, "push_parameters_board_key"), runtime());
    expect([result.status, result.reason]).toEqual(["fatal", "bad_target_parameters"]);
  });
});

describe("flow catch template", () => {
  const code = workflowTemplate(target, Acme.actions.create_jobs_in_hrflow!, "catch");

  it("parses the request with the connector's event parser", async () => {
    const workflow = await load(code);
    const result = await workflow({ since: "2" }, settings, runtime());
    expect(result.status).toBe("success");
    expect(store.written).toEqual([{ id: "3", title: "three" }]);
  });

  it("prefers the user's event_parser, and lets prefixed request keys override settings", async () => {
    const workflow = await load(code, {
      event_parser: "event_parser = (event) => ({ pull_parameters: { since_id: (event as any).from } });",
    });
    const result = await workflow(
      { from: "1", push_parameters_board_key: "other-board" },
      { ...settings, push_parameters_board_key: "" },
      runtime(),
    );
    expect(result.status).toBe("success");
    expect(store.written).toEqual([
      { id: "2", title: "two" },
      { id: "3", title: "three" },
    ]);
    expect(store.writeParameters).toEqual([{ board_key: "other-board" }]);
  });

  it("ends fatal with event_parsing_failure when the parser throws", async () => {
    const workflow = await load(code);
    const result = await workflow({ nothing: true }, settings, runtime());
    expect([result.status, result.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(store.written).toEqual([]);
  });
});

describe("legacy templates", () => {
  const legacy = Acme.actions.push_profile!;
  const legacySettings = {
    __workflow_id: "wf-2",
    origin_api_secret: "s",
    origin_api_user: "u",
    origin_source_key: "src",
    origin_profile_key: "p1",
    target_auth: "key",
    target_subdomain: "acme",
    target_shortcode: "JOB1",
  };

  it("runs a scheduled older-style action with origin_/target_ prefixed settings and the user's format", async () => {
    const workflow = await load(workflowTemplate(target, legacy, "pull"), {
      format: 'format = (item) => ({ ...item, via: "workflow" });',
    });
    const result = await workflow(legacySettings, runtime());
    expect(result.status).toBe("success");
    expect(store.written).toEqual([{ key: "p1", via: "workflow" }]);
  });

  it("lets a webhook parser's raw parameter names override settings", async () => {
    const code = workflowTemplate(target, legacy, "catch");
    const workflow = await load(code, {
      event_parser: "event_parser = (event) => ({ shortcode: (event as any).job });",
    });
    const result = await workflow({ job: "JOB9" }, { ...legacySettings, target_shortcode: "" }, runtime());
    expect(result.status).toBe("success");
    expect(store.written).toEqual([{ key: "p1" }]);
    expect(store.writeParameters).toEqual([{ auth: "key", subdomain: "acme", shortcode: "JOB9" }]);
    const broken = await load(code, { event_parser: 'event_parser = () => { throw new Error("bad"); };' });
    const failed = await broken({}, legacySettings, runtime());
    expect([failed.status, failed.reason]).toEqual(["fatal", "event_parsing_failure"]);
  });
});
