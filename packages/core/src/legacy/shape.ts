import { z } from "zod";
import type { LegacyActionOptions, LegacyActionParameters } from "../actions/options.js";
import type { ActionShape } from "../actions/shape.js";
import { collectPrefixed, incrementalFromSettings, WORKFLOW_SETTINGS_KEYS } from "../actions/workflow.js";
import type { ParamSchema, WriteContext } from "../contracts/context.js";
import type { Mode } from "../contracts/enums.js";
import type { EventParser, Logic } from "../contracts/hooks.js";
import type { AnyLegacyWarehouse } from "./warehouse.js";

const params = z.record(z.string(), z.unknown());

/** The keys a config file may set for an older-style action (its functions come from code). */
export const legacyConfigKeys = z.object({
  workflow_id: z.string().min(1).optional(),
  action_parameters: z
    .object({ read_mode: z.enum(["sync", "incremental"]).optional() })
    .strict()
    .optional(),
  origin_parameters: params.optional(),
  target_parameters: params.optional(),
});

/** What an older-style action's shape is made from. */
export interface LegacyFacts {
  name: string;
  connector: string;
  trigger: "pull" | "catch";
  mode: Mode;
  origin: AnyLegacyWarehouse;
  target: AnyLegacyWarehouse;
  actionParameters: ParamSchema;
  readParameters: ParamSchema;
  writeParameters: ParamSchema;
  supportsIncremental: boolean;
  read: NonNullable<AnyLegacyWarehouse["read"]>["read"];
  /** The target write's own credentials check, when it has one. */
  check?: ((ctx: WriteContext) => Promise<string>) | undefined;
  eventParser?: EventParser | undefined;
}

type OptionBuilders = Pick<
  ActionShape,
  "optionsFrom" | "optionsFromSettings" | "emptyOptions" | "tapFormatted"
>;

type Parts = Omit<
  ActionShape,
  "kind" | "name" | "connector" | "description" | "mode" | "supportsIncremental" | "run" | "catch"
>;

const isHrFlow = (name: string) => /hrflow/i.test(name);

/** The entity an older-style action moves, read from its name as the original's names encode it. */
export function legacyDataType(name: string): string {
  return /application/.test(name) ? "application" : (/(job|profile)/.exec(name)?.[1] ?? "other");
}

/** The tool-facing shape of an older-style action: parameter sets, sides, options builders, doc. */
export function legacyShape(f: LegacyFacts): Parts {
  // The older style's parameter objects carry the credentials too: each side's auth is its parameters.
  const side = (wh: AnyLegacyWarehouse, label: string) => ({
    system: wh.name,
    hrflow: isHrFlow(wh.name),
    authLabel: label,
    parametersLabel: label,
  });
  return {
    parameterSets: [
      { label: "action_parameters", schema: f.actionParameters, side: "action", system: f.connector },
      {
        label: "origin_parameters",
        schema: f.readParameters,
        side: "origin",
        system: f.origin.name,
        settingsPrefix: "origin_",
      },
      {
        label: "target_parameters",
        schema: f.writeParameters,
        side: "target",
        system: f.target.name,
        settingsPrefix: "target_",
      },
    ],
    triggers: [f.trigger],
    // The older style names warehouses only: the HrFlow.ai ones say so.
    fromVendor: !isHrFlow(f.origin.name),
    traits: ["legacy", f.trigger],
    sides: {
      origin: { ...side(f.origin, "origin_parameters"), read: f.read },
      target: { ...side(f.target, "target_parameters"), check: f.check },
    },
    configSchema: legacyConfigKeys,
    exampleConfig: {},
    incremental: { supported: f.supportsIncremental, configKey: "action_parameters.read_mode" },
    hooks: ["logics", "format"],
    eventParser: f.eventParser,
    doc: legacyDoc(f),
    ...legacyOptions(f),
  };
}

/** An older-style action's page and catalogue entry: its three parameter tables, endpoints and facts. */
function legacyDoc(f: LegacyFacts): ActionShape["doc"] {
  return {
    origin: f.origin.name,
    target: f.target.name,
    sections: [
      { heading: "Action Parameters", label: "action_parameters" },
      { heading: "Source Parameters", label: "origin_parameters" },
      { heading: "Destination Parameters", label: "target_parameters" },
    ],
    endpoints: {
      origin: f.origin.read?.endpoints ?? [],
      target: f.target.write?.endpoints ?? [],
      perSide: "list",
    },
    example: { before: [], after: [] },
    catalogue: [
      { key: "action_type", value: isHrFlow(f.origin.name) ? "outbound" : "inbound" },
      { key: "data_type", value: legacyDataType(f.name) },
      { key: "trigger_type", value: f.trigger === "catch" ? "hook" : "schedule" },
      { key: "mode", value: f.mode },
      // Only a webhook run parses events: a scheduled action's catalogue hides event_parser.
      { key: "action_parameters", schema: f.actionParameters, hideSkipped: f.trigger !== "catch" },
      { key: "origin", value: f.origin.name },
      { key: "origin_parameters", schema: f.readParameters },
      { key: "origin_data_schema", schema: f.origin.dataSchema },
      { key: "supports_incremental", value: f.supportsIncremental },
      { key: "target", value: f.target.name },
      { key: "target_parameters", schema: f.writeParameters },
      { key: "target_data_schema", schema: f.target.dataSchema },
    ],
  };
}

/** How an older-style action's options are built from a config, from workflow settings, and tapped for `test`. */
function legacyOptions(f: LegacyFacts): OptionBuilders {
  const originFields = Object.keys(f.readParameters.shape);
  const targetFields = Object.keys(f.writeParameters.shape);
  const empty = (workflowId: string): LegacyActionOptions => ({
    workflow_id: workflowId,
    origin_parameters: {},
    target_parameters: {},
  });
  return {
    optionsFrom: (c, x) => {
      const actionParameters: LegacyActionParameters = {
        ...((c.action_parameters ?? {}) as LegacyActionParameters),
      };
      if (x.incremental !== undefined) actionParameters.read_mode = x.incremental ? "incremental" : "sync";
      if (x.logics) actionParameters.logics = x.logics;
      if (x.format) actionParameters.format = x.format;
      return {
        workflow_id: x.workflow_id,
        action_parameters: actionParameters,
        origin_parameters: (c.origin_parameters ?? {}) as Record<string, unknown>,
        target_parameters: (c.target_parameters ?? {}) as Record<string, unknown>,
        persist: x.persist ?? true,
      };
    },
    optionsFromSettings: (settings, hooks, event) => {
      // The parser's keys are raw parameter names; they override both origin and target parameters.
      const values = (prefix: string, fields: string[]) =>
        event
          ? { ...collectPrefixed(prefix, fields, settings), ...collectPrefixed("", fields, event.parsed) }
          : collectPrefixed(prefix, fields, settings);
      return {
        workflow_id: String(settings[WORKFLOW_SETTINGS_KEYS.workflow_id]),
        action_parameters: {
          ...(hooks.logics ? { logics: hooks.logics } : {}),
          ...(hooks.format ? { format: hooks.format } : {}),
          read_mode: incrementalFromSettings(settings) ? "incremental" : "sync",
        },
        origin_parameters: values("origin_", originFields),
        target_parameters: values("target_", targetFields),
      };
    },
    emptyOptions: empty,
    tapFormatted: (options, capture) => {
      // The older style formats first and applies logics after: a last logic sees the formatted
      // items that the user's logics kept.
      const o = options as LegacyActionOptions;
      const last: Logic = (item: unknown) => {
        capture(item);
        return item;
      };
      const ap = o.action_parameters ?? {};
      return { ...o, action_parameters: { ...ap, logics: [...(ap.logics ?? []), last] } };
    },
  };
}
