import { describe, expect, it } from "vitest";
import { type ActionShape, catchWorkflow, runWorkflow } from "../src/actions/index.js";
import type { EventParser } from "../src/contracts/index.js";
import { createLogger, silentSink } from "../src/index.js";
import {
  AUTH,
  HRFLOW_AUTH,
  type Lead,
  leadsConnector,
  legacyLeadsConnector as legacyConnector,
  runtime,
  World,
} from "./fixtures.js";

// Every case drives a real action of each style through the one shape, with the same code: what a
// tool (CLI, docgen, workflow template) does, and the reason the shape exists.

interface Case {
  style: string;
  action: (world: World) => ActionShape;
  /** A config file's data for the action. */
  config: Record<string, unknown>;
  /** The same as a workflow's flat settings, without the board key (a webhook gives it). */
  settings: Record<string, unknown>;
  boardKey: Record<string, unknown>;
  /** A parser that names the board key the way the style's parsers do. */
  parser: EventParser;
  /** What the connector's default format makes of lead 1. */
  formatted: unknown;
}

const cases: Case[] = [
  {
    style: "flow",
    action: (world) => leadsConnector(world).actions.create_jobs_in_hrflow!,
    config: {
      workflow_id: "wf-flow",
      connector_auth: AUTH,
      hrflow_auth: HRFLOW_AUTH,
      push_parameters: { board_key: "b" },
    },
    settings: {
      __workflow_id: "wf-flow",
      connector_auth_api_key: AUTH.api_key,
      hrflow_auth_api_secret: HRFLOW_AUTH.api_secret,
      hrflow_auth_api_user: HRFLOW_AUTH.api_user,
    },
    boardKey: { push_parameters_board_key: "b" },
    parser: (e) => ({ push_parameters: { board_key: (e as { board: string }).board } }),
    formatted: { id: 1, name: "lead 1", formatted: true },
  },
  {
    style: "legacy",
    action: (world) => legacyConnector(world).actions.pull_job_list!,
    config: {
      workflow_id: "wf-legacy",
      origin_parameters: { api_key: "k-123456" },
      target_parameters: { api_secret: "s-123456", board_key: "b" },
    },
    settings: { __workflow_id: "wf-legacy", origin_api_key: "k-123456", target_api_secret: "s-123456" },
    boardKey: { target_board_key: "b" },
    parser: (e) => ({ board_key: (e as { board: string }).board }),
    formatted: { id: 1, name: "LEAD 1" },
  },
];

describe.each(cases)("the one action shape ($style)", (c) => {
  it("accepts its own config keys and refuses the other style's", () => {
    const action = c.action(new World());
    expect(action.configSchema.strict().safeParse(c.config).success).toBe(true);
    const other = cases.find((o) => o !== c)!;
    const res = action.configSchema.strict().safeParse(other.config);
    expect(res.success).toBe(false);
  });

  it("builds options from config data, runs them, and switches incremental reading on", async () => {
    const world = new World().seed(2);
    const action = c.action(world);
    const rt = runtime();
    const first = await action.run(
      action.optionsFrom(c.config, { workflow_id: "wf", incremental: true }),
      rt,
    );
    expect(first.status).toBe("success");
    expect(world.written[0]).toEqual(c.formatted);
    expect(world.written).toHaveLength(2);
    world.items.push({ id: 3, name: "lead 3" });
    const again = await action.run(
      action.optionsFrom(c.config, { workflow_id: "wf", incremental: true }),
      rt,
    );
    expect(again.events.read_success).toBe(1);
    expect(world.written).toHaveLength(3);
  });

  it("taps each item as the target receives it, on a dry run that writes nothing", async () => {
    const world = new World().seed(1);
    const action = c.action(world);
    const seen: unknown[] = [];
    const options = action.optionsFrom(c.config, { workflow_id: "wf", persist: false });
    const result = await action.run(
      action.tapFormatted(options, (item) => seen.push(item)),
      runtime(),
    );
    expect(result.status).toBe("success");
    expect(seen).toEqual([c.formatted]);
    expect(world.written).toEqual([]);
  });

  it("runs a scheduled workflow from flat settings with the user's format", async () => {
    const world = new World().seed(1);
    const action = c.action(world);
    const format = (item: unknown) => ({ ...(item as Lead), via: "workflow" });
    const result = await runWorkflow(action, { ...c.settings, ...c.boardKey }, { format }, runtime());
    expect(result.status).toBe("success");
    expect(world.written).toEqual([{ id: 1, name: "lead 1", via: "workflow" }]);
    const missing = await runWorkflow(action, c.boardKey, {}, runtime());
    expect([missing.status, missing.reason]).toEqual(["fatal", "workflow_id_not_found"]);
  });

  it("runs a webhook workflow whose parser supplies the missing parameter", async () => {
    const world = new World().seed(1);
    const action = c.action(world);
    const withParser = await catchWorkflow(
      action,
      { board: "b9" },
      c.settings,
      { event_parser: c.parser },
      runtime(),
    );
    expect(withParser.status).toBe("success");
    expect(world.written).toEqual([c.formatted]);
    // Without a parser the body is not used: the board key is missing and nothing is written.
    const without = await catchWorkflow(action, { board: "b9" }, c.settings, {}, runtime());
    expect([without.status, without.reason]).toEqual(["fatal", "bad_target_parameters"]);
    const broken = await catchWorkflow(
      action,
      {},
      c.settings,
      {
        event_parser: () => {
          throw new Error("bad body");
        },
      },
      runtime(),
    );
    expect([broken.status, broken.reason]).toEqual(["fatal", "event_parsing_failure"]);
    expect(world.written).toHaveLength(1);
  });

  it("names each side's credentials and parameters, and the origin's read answers with them", async () => {
    const world = new World().seed(1);
    const action = c.action(world);
    const options = action.optionsFrom(c.config, { workflow_id: "wf" }) as unknown as Record<string, unknown>;
    const { origin } = action.sides;
    const labels = action.parameterSets.map((s) => s.label);
    expect(labels).toContain(origin.authLabel);
    expect(labels).toContain(origin.parametersLabel);
    const items: unknown[] = [];
    for await (const item of origin.read!({
      mode: action.mode,
      auth: options[origin.authLabel],
      parameters: options[origin.parametersLabel],
      incremental: false,
      incrementalToken: null,
      baseUrls: {},
      http: {},
      signal: new AbortController().signal,
      logger: createLogger({ sink: silentSink }),
    })) {
      items.push(item);
    }
    expect(items).toEqual([{ id: 1, name: "lead 1" }]);
  });
});
