import {
  type Connector,
  createLogger,
  type Mode,
  type ParamSchema,
  type ReadContext,
  silentSink,
  type Warehouse,
} from "@hrflow-connectors/core";
import type { ClientSettings } from "@hrflow-connectors/core/contracts";
import { parseParameters } from "@hrflow-connectors/core/engine";
import type { ActionShape, ActionSide, AnyActionOptions } from "@hrflow-connectors/core/tooling";
import { createHrFlowClient } from "@hrflow-connectors/hrflow";

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

/** A vendor: the cheapest read its warehouse offers with these credentials (one whose parameters are all optional). */
async function checkVendor(
  warehouse: Warehouse,
  auth: Params,
  settings: Settings,
  signal: AbortSignal,
): Promise<string> {
  const base = { auth, incremental: false, incrementalToken: null, ...settings };
  for (const aisle of warehouse.aisles) {
    if (!aisle.read) continue;
    for (const [mode, schema] of Object.entries(aisle.read.parameters)) {
      const res = schema ? parseParameters(schema, {}, "check") : null;
      if (!res?.ok) continue;
      const n = await readOne(aisle.read.read, { ...base, mode: mode as Mode, parameters: res.data }, signal);
      return `read ${n === 0 ? `no ${aisle.entity} (the list is empty)` : `one ${aisle.entity}`} with these credentials`;
    }
  }
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

/** Picks the fields of a warehouse's auth schema out of a parameter object. */
function authOf(warehouse: Warehouse, params: Params): Params {
  return Object.fromEntries(Object.keys(warehouse.auth.shape).map((k) => [k, params[k]]));
}

/** The validated value of one of the action's parameter sets. */
function setValue(action: ActionShape, options: AnyActionOptions, label: string): Params {
  const set = action.parameterSets.find((s) => s.label === label);
  if (!set) throw new Error(`${action.name} has no parameter set ${label}`);
  return parsed(set.schema, (options as unknown as Record<string, unknown>)[label]);
}

/** The check of one side: HrFlow.ai's board or source, else one read, else the vendor's cheapest read. */
function sideJob(
  connector: Connector,
  action: ActionShape,
  side: ActionSide,
  options: AnyActionOptions,
  settings: Settings,
  signal: AbortSignal,
): { system: string; run: () => Promise<string> } {
  const auth = setValue(action, options, side.authLabel);
  const params = setValue(action, options, side.parametersLabel);
  if (side.hrflow) return { system: "HrFlow.ai", run: () => checkHrFlow(auth, params, settings, signal) };
  const read = side.read;
  if (read) {
    // The origin's own read, with the action's credentials and parameters: one list request.
    const what = side.entity;
    return {
      system: side.system,
      run: unlessSpent(auth, async () => {
        const ctx = { auth, parameters: params, incremental: false, incrementalToken: null };
        const n = await readOne(read, { ...ctx, mode: action.mode, ...settings }, signal);
        if (what)
          return `read ${n === 0 ? `no ${what} (the list is empty)` : `one ${what}`} with these credentials`;
        return `read ${n === 0 ? "nothing (the list is empty)" : "one item"} with these credentials`;
      }),
    };
  }
  const check = side.check;
  if (check) {
    // The write's own check (e.g. asking for a token with these credentials): nothing is written.
    return {
      system: side.system,
      run: unlessSpent(auth, () =>
        check({ auth, parameters: params, mode: action.mode, ...settings, signal, logger: silent }),
      ),
    };
  }
  // A side only written to: the connector's cheapest read, when the side's credentials are the
  // warehouse's. The older style names auth fields its own way (e.g. Workable's `auth`): when they
  // are not, there is no honest cheap request to make, and the side is reported unchecked.
  const vendorAuth = connector.warehouse.auth.safeParse(authOf(connector.warehouse, auth));
  return {
    system: connector.warehouse.name,
    run: vendorAuth.success
      ? unlessSpent(auth, () => checkVendor(connector.warehouse, vendorAuth.data as Params, settings, signal))
      : async () => {
          throw new Unchecked(`not checked: ${side.system} is only written to by this action`);
        },
  };
}

/** One credentials check per side, each after validation; never writes anything. */
export async function checkAction(
  connector: Connector,
  action: ActionShape,
  options: AnyActionOptions,
  settings: Settings,
  signal: AbortSignal,
): Promise<SideCheck[]> {
  const jobs = (["origin", "target"] as const).map((side) => ({
    side,
    ...sideJob(connector, action, action.sides[side], options, settings, signal),
  }));
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
