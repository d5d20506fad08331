import { z } from "zod";
import type { AnyAisle, Flow } from "../src/contracts/index.js";
import { MemoryDeadLetter } from "../src/engine/dead-letter.js";
import {
  defineConnector,
  defineWarehouse,
  type ParamSchema,
  type ReadContext,
  type WriteFailure,
} from "../src/index.js";
import type { AnyLegacyWarehouse, LegacyActionDefinition } from "../src/legacy/index.js";
import { createLogger, memorySink } from "../src/logging/logger.js";
import { MemoryStore } from "../src/store/store.js";

/** A record the test origin yields; ids increase so incremental tokens are easy to follow. */
export interface Lead {
  id: number;
  name: string;
}

/** Mutable behaviour of the in-memory warehouses, reset per test. */
export class World {
  items: Lead[] = [];
  /** Throw from the read after this many items (null: never). */
  readFailsAfter: number | null = null;
  written: unknown[] = [];
  writeCalls = 0;
  /** Items whose write fails (returned as failures). */
  writeRejects: (item: any) => string | null = () => null;
  writeThrows = false;
  /** Each write waits this long listening to the run's signal, as a request in flight does. */
  writeWaitMs = 0;
  /** Items the target reports as already there (skipped, with this reason), not written. */
  writeSkips: (item: any) => string | null = () => null;
  readCalls = 0;
  /** Highest number of items read but not yet written or dropped, measured from outside the engine. */
  seed(n: number): this {
    this.items = Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `lead ${i + 1}` }));
    return this;
  }
}

const auth = z.object({
  api_key: z.string().describe("Key of the leads API").meta({ secret: true }),
  region: z.string().default("eu").describe("Region"),
});
const pull = z.object({ limit: z.number().int().lt(100_000_000).optional().describe("Max items") });
const push = z.object({ list: z.string().describe("Target list") });

/** Builds a read/write aisle over the world for an entity. */
export function leadsAisle(
  world: World,
  entity: "job" | "profile",
  incremental = true,
  authSchema: ParamSchema = auth,
): AnyAisle {
  return {
    entity,
    auth: authSchema,
    read: {
      parameters: { create: pull, update: pull, archive: pull },
      endpoints: {
        create: { name: "List leads", description: "Lists leads", url: "https://leads.test/v1/leads" },
      },
      incremental: incremental
        ? { create: { token: (l: Lead) => String(l.id) }, update: { token: (l: Lead) => String(l.id) } }
        : undefined,
      read: async function* (ctx: ReadContext) {
        world.readCalls++;
        const after = ctx.incremental && ctx.incrementalToken ? Number(ctx.incrementalToken) : 0;
        let n = 0;
        for (const item of world.items) {
          if (after && item.id <= after) continue;
          if (world.readFailsAfter !== null && n >= world.readFailsAfter)
            throw new Error("leads API went away");
          n++;
          yield { ...item };
        }
      },
    },
    write: {
      parameters: { create: push, update: push, archive: push },
      write: async (ctx, items) => {
        world.writeCalls++;
        if (world.writeWaitMs > 0) {
          const onAbort = () => {};
          ctx.signal.addEventListener("abort", onAbort);
          await new Promise((r) => setTimeout(r, world.writeWaitMs));
          ctx.signal.removeEventListener("abort", onAbort);
        }
        if (world.writeThrows) throw new Error("leads API refused the batch");
        const failed: WriteFailure[] = [];
        for (const item of items) {
          const why = world.writeRejects(item);
          const skip = world.writeSkips(item);
          if (why) failed.push({ item, error: why });
          else if (skip) ctx.skip?.(item, skip);
          else world.written.push(item);
        }
        return failed;
      },
    },
  };
}

/** A stand-in for the HrFlow warehouse: writable jobs and profiles, readable profiles. */
export function fakeHrFlowWarehouse(world: World) {
  const target = z.object({ board_key: z.string().describe("Board") });
  const hrflowAuth = z.object({
    api_secret: z.string().describe("API Key used to access HrFlow.ai API").meta({ secret: true }),
    api_user: z.string().describe("User email used to access HrFlow.ai API"),
  });
  const jobs = leadsAisle(world, "job", true, hrflowAuth);
  return defineWarehouse({
    name: "HrFlow",
    auth: hrflowAuth,
    aisles: [
      {
        ...jobs,
        read: undefined,
        write: { ...jobs.write, parameters: { create: target, update: target, archive: target } },
      },
      {
        entity: "profile",
        auth: hrflowAuth,
        read: leadsAisle(world, "profile", false).read,
        write: leadsAisle(world, "profile").write,
      },
    ],
  });
}

/** The test connector: inbound jobs and profiles in every mode, outbound profiles. */
export function leadsConnector(world: World, flows?: Flow[]) {
  return defineConnector({
    name: "Leads",
    subtype: "leads",
    description: "Test leads",
    url: "https://leads.test",
    type: "CRM",
    warehouse: defineWarehouse({
      name: "Leads",
      auth,
      aisles: [leadsAisle(world, "job"), leadsAisle(world, "profile")],
    }),
    hrflow: fakeHrFlowWarehouse(world),
    flows: flows ?? [
      {
        mode: "create",
        entity: "job",
        direction: "inbound",
        format: (l: Lead) => ({ ...l, formatted: true }),
      },
      { mode: "update", entity: "job", direction: "inbound" },
      { mode: "archive", entity: "job", direction: "inbound" },
      { mode: "create", entity: "profile", direction: "inbound" },
      { mode: "create", entity: "profile", direction: "outbound" },
      { mode: "update", entity: "profile", direction: "outbound" },
    ],
  });
}

export const AUTH = { api_key: "leads-secret-123456", region: "eu" };
export const HRFLOW_AUTH = { api_secret: "hrflow-secret-abcdef", api_user: "ops@example.com" };

/** Options that keep a run hermetic: memory store, memory dead letter, captured logs. */
export function runtime(extra: Record<string, unknown> = {}) {
  const sink = memorySink();
  return {
    store: new MemoryStore(),
    deadLetter: new MemoryDeadLetter(),
    logger: createLogger({ sink, level: "debug" }),
    sink,
    ...extra,
  };
}

/** Options for the inbound job create flow. */
export function jobOptions(extra: Record<string, unknown> = {}) {
  return {
    workflow_id: "wf-1",
    connector_auth: AUTH,
    hrflow_auth: HRFLOW_AUTH,
    pull_parameters: {},
    push_parameters: { board_key: "board-1" },
    ...extra,
  };
}

/** An older-style connector over the world: a leads read (incremental by id) into an HrFlow-named board. */
export function legacyLeadsConnector(world: World) {
  const origin: AnyLegacyWarehouse = {
    name: "Leads Jobs",
    read: {
      parameters: z.object({
        api_key: z.string().describe("API KEY"),
        limit: z.number().int().default(100).describe("Page size"),
      }),
      endpoints: [{ name: "List", description: "Lists", url: "https://leads.test/jobs" }],
      incremental: { token: (l: Lead) => String(l.id) },
      read: async function* (ctx) {
        const after = ctx.incrementalToken ? Number(ctx.incrementalToken) : 0;
        for (const l of world.items) if (l.id > after) yield { ...l };
      },
    },
  };
  const target: AnyLegacyWarehouse = {
    name: "HrFlow.ai Jobs",
    dataSchema: z.object({ id: z.number(), name: z.string() }).passthrough(),
    write: {
      parameters: z.object({
        api_secret: z.string().describe("X-API-KEY"),
        board_key: z.string().describe("Board"),
      }),
      write: async (ctx, items) => {
        world.writeCalls++;
        if (world.writeWaitMs > 0) {
          const onAbort = () => {};
          ctx.signal.addEventListener("abort", onAbort);
          await new Promise((r) => setTimeout(r, world.writeWaitMs));
          ctx.signal.removeEventListener("abort", onAbort);
        }
        world.written.push(...items);
        return [];
      },
    },
  };
  return leadsLegacyConnector(world, [
    {
      name: "pull_job_list",
      trigger: "pull",
      description: "Pulls jobs",
      origin,
      target,
      format: function formatJob(l: Lead) {
        return { ...l, name: l.name.toUpperCase() };
      },
    },
  ] as const);
}

/** An older-style connector over the world's (fake HrFlow) warehouses with the given actions. */
export function leadsLegacyConnector<const L extends readonly LegacyActionDefinition[]>(
  world: World,
  legacyActions: L,
) {
  return defineConnector({
    name: "Leads",
    subtype: "leads",
    description: "",
    url: "",
    type: "ATS",
    warehouse: fakeHrFlowWarehouse(world),
    hrflow: fakeHrFlowWarehouse(world),
    legacyActions,
  });
}
