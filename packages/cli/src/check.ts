import {
  type Action,
  type ClientSettings,
  type Connector,
  createLogger,
  type FlowActionOptions,
  type LegacyActionOptions,
  type Mode,
  type ParamSchema,
  parseParameters,
  type ReadContext,
  silentSink,
  type Warehouse,
} from "@hrflow-connectors/core";
import { createHrFlowClient } from "@hrflow-connectors/hrflow";
import type { AnyActionOptions } from "./options.js";

/** The outcome of one side's credentials check. */
export interface SideCheck {
  side: "origin" | "target";
  system: string;
  /** False when the side failed; a side that could not be checked is ok with `checked: false`. */
  ok: boolean;
  checked: boolean;
  /** What was asked and what came back, or why it failed (secrets masked by the clients). */
  detail: string;
}

type Params = Record<string, unknown>;
type Settings = Pick<ClientSettings, "baseUrls" | "http">;
const silent = createLogger({ sink: silentSink });
const isHrFlow = (name: string) => /hrflow/i.test(name);
const parsed = (schema: ParamSchema, value: unknown): Params =>
  (parseParameters(schema, value, "check") as { ok: true; data: Params }).data;

/** HrFlow.ai: GET the board or source the action names, with the given credentials. */
async function checkHrFlow(auth: Params, params: Params, settings: Settings, signal: AbortSignal) {
  const client = createHrFlowClient(
    { api_secret: String(auth.api_secret), api_user: String(auth.api_user) },
    { ...settings, logger: silent, signal },
  );
  if (typeof params.board_key === "string") {
    const board = await client.getBoard(params.board_key);
    return `GET /board: board '${params.board_key}' (${board.name ?? "unnamed"}) is reachable with these credentials`;
  }
  if (typeof params.source_key === "string") {
    const source = await client.getSource(params.source_key);
    return `GET /source: source '${params.source_key}' (${source.name ?? "unnamed"}) is reachable with these credentials`;
  }
  throw new Error("no board_key or source_key in the parameters to check the credentials against");
}

/** Reads at most one item, then stops the read (one list request, at most a detail). */
async function readOne(
  read: (ctx: ReadContext) => AsyncIterable<unknown>,
  ctx: Omit<ReadContext, "signal" | "logger">,
  signal: AbortSignal,
): Promise<number> {
  for await (const _ of read({ ...ctx, signal, logger: silent })) return 1;
  return 0;
}

/**
 * A vendor: the cheapest read its warehouse offers with these credentials. `preferred` is the
 * action's own read (entity, mode, validated parameters); otherwise any read whose parameters are
 * all optional is used.
 */
async function checkVendor(
  warehouse: Warehouse,
  auth: Params,
  preferred: { entity: string; mode: Mode; parameters: Params } | null,
  settings: Settings,
  signal: AbortSignal,
): Promise<string> {
  const base = { auth, incremental: false, incrementalToken: null, ...settings };
  for (const aisle of warehouse.aisles) {
    if (!aisle.read) continue;
    const modes = Object.keys(aisle.read.parameters) as Mode[];
    for (const mode of modes) {
      let parameters: Params;
      if (preferred && preferred.entity === aisle.entity && preferred.mode === mode) {
        parameters = preferred.parameters;
      } else {
        const res = parseParameters(aisle.read.parameters[mode]!, {}, "check");
        if (preferred || !res.ok) continue;
        parameters = res.data as Params;
      }
      const n = await readOne(aisle.read.read, { ...base, mode, parameters }, signal);
      return `read ${n === 0 ? `no ${aisle.entity} (the list is empty)` : `one ${aisle.entity}`} with these credentials`;
    }
  }
  if (preferred) return checkVendor(warehouse, auth, null, settings, signal);
  throw new Error(`${warehouse.name} offers no read without parameters to check the credentials with`);
}

/** A side with no cheap request to make: reported, but not a failure. */
class Unchecked extends Error {}

/**
 * Credentials a request would use up: an OAuth authorization code works once, a rotating refresh
 * token is replaced when used. Checking with them would leave the next run unable to log in.
 */
const SINGLE_USE = ["authorization_code", "refresh_token"];

/** Runs `check` unless the parameters hold a single-use credential. */
function unlessSpent(params: Params, check: () => Promise<string>): () => Promise<string> {
  const spent = SINGLE_USE.find((k) => params[k] !== undefined && params[k] !== null && params[k] !== "");
  if (!spent) return check;
  return async () => {
    throw new Unchecked(`not checked: the credentials hold a ${spent}, which a request would use up`);
  };
}

/** Picks the fields of a warehouse's auth schema out of an older-style parameter object. */
function authOf(warehouse: Warehouse, params: Params): Params {
  return Object.fromEntries(Object.keys(warehouse.auth.shape).map((k) => [k, params[k]]));
}

/** One credentials check per side, each after validation; never writes anything. */
export async function checkAction(
  connector: Connector,
  action: Action,
  options: AnyActionOptions,
  settings: Settings,
  signal: AbortSignal,
): Promise<SideCheck[]> {
  const jobs: { side: SideCheck["side"]; system: string; run: () => Promise<string> }[] = [];
  if (action.kind === "flow") {
    const o = options as FlowActionOptions;
    const vendorAuth = parsed(action.connectorAuth, o.connector_auth);
    const hrflowAuth = parsed(action.hrflowAuth, o.hrflow_auth);
    const pull = parsed(action.pullParameters, o.pull_parameters);
    const push = parsed(action.pushParameters, o.push_parameters);
    const inbound = action.direction === "inbound";
    const vendor = {
      system: connector.warehouse.name,
      run: unlessSpent(vendorAuth, () =>
        checkVendor(
          connector.warehouse,
          vendorAuth,
          inbound ? { entity: action.entity, mode: action.mode, parameters: pull } : null,
          settings,
          signal,
        ),
      ),
    };
    const hrflow = {
      system: "HrFlow.ai",
      run: () => checkHrFlow(hrflowAuth, inbound ? push : pull, settings, signal),
    };
    jobs.push(
      { side: "origin", ...(inbound ? vendor : hrflow) },
      { side: "target", ...(inbound ? hrflow : vendor) },
    );
  } else {
    const o = options as LegacyActionOptions;
    const sides = [
      {
        side: "origin" as const,
        wh: action.origin,
        params: parsed(action.origin.read!.parameters, o.origin_parameters),
      },
      {
        side: "target" as const,
        wh: action.target,
        params: parsed(action.target.write!.parameters, o.target_parameters),
      },
    ];
    for (const { side, wh, params } of sides) {
      if (isHrFlow(wh.name)) {
        jobs.push({ side, system: "HrFlow.ai", run: () => checkHrFlow(params, params, settings, signal) });
      } else if (side === "origin") {
        const read = action.origin.read!;
        jobs.push({
          side,
          system: wh.name,
          run: unlessSpent(params, async () => {
            const base = { auth: params, parameters: params, incremental: false, incrementalToken: null };
            const n = await readOne(read.read, { ...base, mode: action.mode, ...settings }, signal);
            return `read ${n === 0 ? "nothing (the list is empty)" : "one item"} with these credentials`;
          }),
        });
      } else {
        // The older style names auth fields its own way (e.g. Workable's `auth`): when they are not
        // the warehouse's, there is no honest cheap request to make, and the side is reported unchecked.
        const auth = connector.warehouse.auth.safeParse(authOf(connector.warehouse, params));
        jobs.push({
          side,
          system: connector.warehouse.name,
          run: auth.success
            ? unlessSpent(params, () =>
                checkVendor(connector.warehouse, auth.data as Params, null, settings, signal),
              )
            : async () => {
                throw new Unchecked(`not checked: ${wh.name} is only written to by this action`);
              },
        });
      }
    }
  }
  const results: SideCheck[] = [];
  for (const job of jobs) {
    try {
      results.push({ side: job.side, system: job.system, ok: true, checked: true, detail: await job.run() });
    } catch (err) {
      const unchecked = err instanceof Unchecked;
      results.push({
        side: job.side,
        system: job.system,
        ok: unchecked,
        checked: false,
        detail: (err as Error).message,
      });
    }
  }
  return results;
}
